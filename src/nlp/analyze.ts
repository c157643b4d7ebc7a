import type { Doc } from '../model/doc.ts';
import type { Resources } from '../resources.ts';
import type { NlpDoc } from './types.ts';

export function analyze(doc: Doc, _res: Resources): NlpDoc {
  return { doc, sections: [], sentences: [], mentions: [], noteDate: null };
}
