/**
 * One catalogue of coded errors (fastify-style). The CLI maps an error to one stderr line and an
 * exit code in one place (src/cli/main.ts); workers wrap InputError in BullMQ's UnrecoverableError.
 * A retired code is never reused.
 */
export const ERROR_CODES = {
  MEDNEC_INPUT_MISSING: { exitCode: 2, doc: 'the input file does not exist or cannot be opened' },
  MEDNEC_INPUT_EMPTY: { exitCode: 2, doc: 'the input has no bytes, or no text on any page' },
  MEDNEC_INPUT_TOO_LARGE: { exitCode: 2, doc: 'the input is over the size limit' },
  MEDNEC_INPUT_UNSUPPORTED: { exitCode: 2, doc: 'the input is not a PDF, a TIFF/PNG/JPEG scan or a text file (binary or unknown type)' },
  MEDNEC_INPUT_CORRUPT: { exitCode: 2, doc: 'the PDF or image cannot be parsed (damaged or cut short)' },
  MEDNEC_INPUT_ENCRYPTED: { exitCode: 2, doc: 'the PDF is password-protected' },
  MEDNEC_INPUT_ENCODING: { exitCode: 2, doc: 'the text is in an encoding mednec cannot decode' },
  MEDNEC_OCR_UNAVAILABLE: { exitCode: 2, doc: 'pages need OCR but tesseract/pdftoppm (or img2pdf for an image) are not installed' },
  MEDNEC_OCR_FAILED: { exitCode: 1, doc: 'OCR of a page failed (transient: retried by workers)' },
  MEDNEC_CONFIG: { exitCode: 1, doc: 'a lexicon, rule or policy file is invalid' },
  MEDNEC_USAGE: { exitCode: 64, doc: 'the command line is wrong' },
  MEDNEC_RESULT_PENDING: { exitCode: 3, doc: 'the document is queued or being processed' },
  MEDNEC_RESULT_FAILED: { exitCode: 4, doc: 'processing the document failed' },
  MEDNEC_RESULT_UNKNOWN: { exitCode: 5, doc: 'no document with that id' },
  MEDNEC_RESULT_AMBIGUOUS: { exitCode: 6, doc: 'an id prefix or file name matches several documents (they are listed)' },
  MEDNEC_QUEUE_UNAVAILABLE: { exitCode: 1, doc: 'Redis (REDIS_URL) cannot be reached or refused the command' },
  MEDNEC_QA_BELOW_MIN: { exitCode: 1, doc: 'QA scores are below the required minimum' },
  MEDNEC_STAGE_TIMEOUT: { exitCode: 1, doc: 'a queue stage ran past its time limit and was stopped (not retried: it would hang again); the document is kept' },
  MEDNEC_INTERNAL: { exitCode: 1, doc: 'a bug: please report it' },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class MednecError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MednecError';
    this.code = code;
    this.exitCode = ERROR_CODES[code].exitCode;
  }
}

/** Unreadable input: exit 2, never retried. */
export class InputError extends MednecError {
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'InputError';
  }
}

export class ConfigError extends MednecError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MEDNEC_CONFIG', message, options);
    this.name = 'ConfigError';
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
