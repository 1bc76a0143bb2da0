/**
 * Turning wire text into checked messages and back: size cap first (so a huge frame is
 * never parsed), then JSON, then the protocol version (N or N-1), then the schema. Errors
 * are plain {code, message} objects that name the field and quote the limit.
 */
import type { z } from "zod";
import { type Message, messageSchema, type OutgoingMessage, type ProtocolErrorCode } from "./messages.ts";
import { MAX_MESSAGE_BYTES, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, utf8ByteLength } from "./version.ts";

export interface ProtocolError {
  code: ProtocolErrorCode;
  message: string;
}

export type DecodeResult = { ok: true; message: Message } | { ok: false; error: ProtocolError };

/** Parses one WebSocket text frame. Binary frames should be refused by the caller. */
export function decodeMessage(text: string): DecodeResult {
  const bytes = utf8ByteLength(text);
  if (bytes > MAX_MESSAGE_BYTES) {
    return fail("too_large", `message is ${bytes} bytes; the limit is ${MAX_MESSAGE_BYTES} bytes (64 KB)`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail("bad_message", "message is not valid JSON");
  }
  return checkMessage(raw);
}

/** Checks an already-parsed value against the protocol. */
export function checkMessage(raw: unknown): DecodeResult {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return fail("bad_message", "message must be a JSON object with a type and a v field");
  }
  const v = (raw as { v?: unknown }).v;
  if (typeof v !== "number" || v < MIN_PROTOCOL_VERSION || v > PROTOCOL_VERSION) {
    const hint =
      typeof v === "number" && v > PROTOCOL_VERSION
        ? "update the app or relay"
        : "update the connector or client";
    return fail(
      "unsupported_version",
      `protocol version ${String(v)} is not supported; this side speaks ${MIN_PROTOCOL_VERSION} and ${PROTOCOL_VERSION} (${hint})`,
    );
  }
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) return fail("bad_message", describeIssues(parsed.error));
  return { ok: true, message: parsed.data };
}

/** Stamps the current version on a message and serialises it; throws if it exceeds the cap. */
export function encodeMessage(message: OutgoingMessage): string {
  const text = JSON.stringify({ v: PROTOCOL_VERSION, ...message });
  const bytes = utf8ByteLength(text);
  if (bytes > MAX_MESSAGE_BYTES) {
    throw new RangeError(`message is ${bytes} bytes; the limit is ${MAX_MESSAGE_BYTES} bytes (64 KB)`);
  }
  return text;
}

/** "command.order.units: units must be greater than 0; ..." from a zod error. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

function fail(code: ProtocolErrorCode, message: string): DecodeResult {
  return { ok: false, error: { code, message } };
}
