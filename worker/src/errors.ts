/**
 * The one HTTP error type. Handlers throw it; the single onError in app.ts turns it
 * (and anything else) into `{error: {code, message}}` without stack traces.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface FieldError {
  path: string;
  message: string;
}

export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly fields?: FieldError[];
  readonly headers?: Record<string, string>;
  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    extra: { fields?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.fields = extra.fields;
    this.headers = extra.headers;
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; requestId?: string; fields?: FieldError[] };
}
