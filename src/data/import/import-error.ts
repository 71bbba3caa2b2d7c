/** Why an upload was refused. The message always says what to do about it. */
export type ImportErrorCode =
  'no-images' | 'too-large' | 'too-few-classes' | 'empty-class' | 'unknown-class' | 'cancelled';

export class ImportError extends Error {
  readonly code: ImportErrorCode;

  constructor(code: ImportErrorCode, message: string) {
    super(message);
    this.name = 'ImportError';
    this.code = code;
  }
}
