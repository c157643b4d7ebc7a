import { describe, expect, test } from 'vitest';
import { readSource } from '../../src/ingest/index.ts';
import { InputError } from '../../src/errors/index.ts';

describe('text ingest', () => {
  test('decodes UTF-8 and keeps CRLF in page text', async () => {
    const s = await readSource(Buffer.from('Low back pain.\r\nNo leg pain.'), 'a.txt');
    expect(s.pages[0]!.text).toBe('Low back pain.\r\nNo leg pain.');
    expect(s.encoding).toBe('utf-8');
    expect(s.id).toMatch(/^[0-9a-f]{64}$/);
  });
  test('decodes UTF-16 LE with BOM', async () => {
    const body = Buffer.from('Pain radiates to the calf.', 'utf16le');
    const s = await readSource(Buffer.concat([Buffer.from([0xff, 0xfe]), body]), 'b.txt');
    expect(s.pages[0]!.text).toBe('Pain radiates to the calf.');
    expect(s.encoding).toBe('utf-16le');
  });
  test('falls back to Windows-1252 for invalid UTF-8', async () => {
    const s = await readSource(Buffer.from([0x4c, 0x34, 0x96, 0x35, 0x20, 0x93, 0x6f, 0x6b, 0x94]), 'c.txt');
    expect(s.pages[0]!.text).toBe('L4\u20135 \u201cok\u201d');
    expect(s.encoding).toBe('windows-1252');
  });
  test('a form feed starts a new page', async () => {
    const s = await readSource(Buffer.from('page one\fpage two'), 'd.txt');
    expect(s.pages.map((p) => p.text)).toEqual(['page one', 'page two']);
  });
  test.each([
    ['empty', Buffer.alloc(0), 'MEDNEC_INPUT_EMPTY'],
    ['blank', Buffer.from('  \n\n '), 'MEDNEC_INPUT_EMPTY'],
    ['binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), 'MEDNEC_INPUT_UNSUPPORTED'],
  ])('rejects %s input with a coded InputError', async (_n, bytes, code) => {
    await expect(readSource(bytes, 'x')).rejects.toSatisfy((e: unknown) => e instanceof InputError && e.code === code);
  });
});
