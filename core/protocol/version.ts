/**
 * Protocol version and limits shared by the app, the relay (worker) and the connector.
 * Peers send `v: PROTOCOL_VERSION`; receivers accept PROTOCOL_VERSION and the one before it
 * so a connector one release behind keeps working while the user updates it.
 */

/** The version this build speaks. */
export const PROTOCOL_VERSION = 2;

/** The oldest version still accepted (N-1). */
export const MIN_PROTOCOL_VERSION = PROTOCOL_VERSION - 1;

/** Largest WebSocket message accepted by any peer, in UTF-8 bytes (64 KB). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** How often clients send a heartbeat; the relay treats 3 missed beats as offline. */
export const HEARTBEAT_INTERVAL_MS = 15_000;

/** A peer not heard from for this long is offline even if its close event was lost. */
export const PRESENCE_TIMEOUT_MS = 3 * HEARTBEAT_INTERVAL_MS;

/** Default lifetime of a command; a command older than its expiry is refused, never queued. */
export const DEFAULT_COMMAND_TTL_MS = 30_000;

/** Longest expiry a client may ask for. */
export const MAX_COMMAND_TTL_MS = 5 * 60_000;

/** Lifetime of a WebSocket ticket (single use). */
export const TICKET_TTL_MS = 60_000;

/** UTF-8 byte length of a string without TextEncoder (core has no DOM or Node types). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
