/**
 * Request body size cap, checked before anything parses the body: a declared
 * Content-Length over the limit is refused at once, and the actual bytes are counted
 * while reading (chunked uploads, lying clients), stopping at limit + 1.
 * Refusal: 413 `{error: {code: "payload_too_large", message quoting the limit}}`.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppBindings } from "../../env.ts";
import { HttpError } from "../../errors.ts";

export interface BodyLimitOptions {
  /** The limit in bytes for this request (may depend on env). */
  maxBytes: (c: Context<AppBindings>) => number;
  /** Hint appended to the message, e.g. "Shorten the conversation." */
  hint?: string;
}

function tooLarge(max: number, size: number | undefined, hint: string | undefined): HttpError {
  const actual = size === undefined ? `more than ${max}` : String(size);
  const message = `The request body is ${actual} bytes; the limit is ${max} bytes.${hint ? ` ${hint}` : ""}`;
  return new HttpError(413, "payload_too_large", message);
}

/** The whole body, or null as soon as it grows past max bytes. */
async function readAtMost(stream: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export function bodyLimit(options: BodyLimitOptions): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const max = options.maxBytes(c);
    if (max === Number.POSITIVE_INFINITY) return next();
    const declared = c.req.header("Content-Length")?.trim();
    if (declared && /^\d+$/.test(declared) && Number(declared) > max)
      throw tooLarge(max, Number(declared), options.hint);
    const body = c.req.raw.body;
    if (!body) return next();
    const bytes = await readAtMost(body, max);
    if (!bytes) throw tooLarge(max, undefined, options.hint);
    c.req.raw = new Request(c.req.raw, { body: bytes });
    return next();
  };
}
