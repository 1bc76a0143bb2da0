/**
 * Small WebCrypto helpers shared by the auth modules: random tokens, base64url,
 * SHA-256 / HMAC digests and a constant-time comparison.
 */

const encoder = new TextEncoder();

/** Base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes base64url or base64 (padding optional); throws on garbage. */
export function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** `byteCount` bytes from the CSPRNG. */
export function randomBytes(byteCount: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(byteCount));
}

/** An opaque random token (default 32 bytes = 256 bits), base64url. */
export function randomToken(byteCount = 32): string {
  return toBase64Url(randomBytes(byteCount));
}

/** SHA-256 of a UTF-8 string as base64url (for hashing high-entropy tokens at rest). */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(text));
  return toBase64Url(new Uint8Array(digest));
}

/** HMAC-SHA256 of a UTF-8 string with a raw key, as base64url. */
export async function hmacSha256(key: Uint8Array, text: string): Promise<string> {
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = await crypto.subtle.sign("HMAC", k, encoder.encode(text));
  return toBase64Url(new Uint8Array(sig));
}

/** Constant-time equality for equal-length byte arrays (false if lengths differ). */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
