/** OCR of image-only PDF pages (tesseract + poppler). */
import type { OcrEngine } from './index.ts';

export function defaultOcrEngine(): OcrEngine | null {
  return null;
}
