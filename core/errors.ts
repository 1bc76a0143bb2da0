/**
 * Domain errors: each has a stable machine code and a message that tells the user what to fix.
 * They cross worker boundaries as plain {code, message} objects (see toPlainError).
 */
export class DomainError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "DomainError";
    this.code = code;
  }
}

/** A plain, structured-cloneable error for comlink and JSON boundaries. */
export interface PlainError {
  code: string;
  message: string;
}

/** Converts anything thrown into a PlainError without leaking stack traces. */
export function toPlainError(error: unknown): PlainError {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: "internal", message: error.message };
  return { code: "internal", message: String(error) };
}
