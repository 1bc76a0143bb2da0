/**
 * Password hashing: PBKDF2-HMAC-SHA256 via WebCrypto, 16-byte random salt, 32-byte key.
 * Stored as a self-describing string `pbkdf2-sha256$i=100000$<salt>$<hash>` (base64url) so
 * the parameters can be raised later (needsRehash). Workers refuse more than 100,000
 * iterations per deriveBits call in production (workerd#1346); we stay at exactly 100k in
 * one call (see docs/security.md item 1 for why we do not chain to OWASP's 600k).
 */
import { fromBase64Url, randomBytes, timingSafeEqual, toBase64Url, utf8 } from "./crypto-utils.ts";

import {
  KEY_BYTES,
  MAX_ITERATIONS_PER_CALL,
  MIN_ITERATIONS,
  PBKDF2_ITERATIONS,
  SALT_BYTES,
  SCHEME,
} from "./password-params.ts";

export { MAX_ITERATIONS_PER_CALL, PBKDF2_ITERATIONS };

export interface ParsedHash {
  iterations: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

/** Raised for stored hashes that are malformed or have out-of-range parameters. */
export class UnsupportedHashError extends Error {
  constructor(reason: string) {
    super(`Stored password hash refused: ${reason}`);
    this.name = "UnsupportedHashError";
  }
}

/**
 * The one place that runs PBKDF2. An object (not a bare function) so tests can spy on
 * `pbkdf2.derive` to count hash work per request.
 */
export const pbkdf2 = {
  async derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS_PER_CALL) {
      throw new UnsupportedHashError(`iterations ${iterations} outside 1..${MAX_ITERATIONS_PER_CALL}`);
    }
    const key = await crypto.subtle.importKey("raw", utf8(password.normalize("NFC")), "PBKDF2", false, [
      "deriveBits",
    ]);
    const bits = await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt, iterations },
      key,
      KEY_BYTES * 8,
    );
    return new Uint8Array(bits);
  },
};

/** Parses and range-checks a stored hash before any hashing work is done. */
export function parseHash(stored: string): ParsedHash {
  const parts = stored.split("$");
  if (parts.length !== 4 || parts[0] !== SCHEME) throw new UnsupportedHashError("unknown format");
  const match = /^i=(\d{1,9})$/.exec(parts[1]);
  if (!match) throw new UnsupportedHashError("missing iterations");
  const iterations = Number(match[1]);
  if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS_PER_CALL) {
    throw new UnsupportedHashError(
      `iterations ${iterations} outside ${MIN_ITERATIONS}..${MAX_ITERATIONS_PER_CALL}`,
    );
  }
  let salt: Uint8Array;
  let hash: Uint8Array;
  try {
    salt = fromBase64Url(parts[2]);
    hash = fromBase64Url(parts[3]);
  } catch {
    throw new UnsupportedHashError("bad encoding");
  }
  if (salt.length !== SALT_BYTES) throw new UnsupportedHashError(`salt must be ${SALT_BYTES} bytes`);
  if (hash.length !== KEY_BYTES) throw new UnsupportedHashError(`hash must be ${KEY_BYTES} bytes`);
  return { iterations, salt, hash };
}

function format(iterations: number, salt: Uint8Array, hash: Uint8Array): string {
  return `${SCHEME}$i=${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

/** Hashes a new password with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await pbkdf2.derive(password, salt, PBKDF2_ITERATIONS);
  return format(PBKDF2_ITERATIONS, salt, hash);
}

/** Verifies a password against a stored hash: exactly one derive call, constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  const candidate = await pbkdf2.derive(password, parsed.salt, parsed.iterations);
  return timingSafeEqual(candidate, parsed.hash);
}

/** True when a stored hash uses weaker parameters than today's (rehash after login). */
export function needsRehash(stored: string): boolean {
  return parseHash(stored).iterations < PBKDF2_ITERATIONS;
}

/**
 * A well-formed hash that matches no password. Login verifies unknown emails against it
 * so they cost exactly one PBKDF2 run like known ones (no user enumeration by timing).
 */
export const DUMMY_HASH = format(
  PBKDF2_ITERATIONS,
  new Uint8Array(SALT_BYTES).fill(7),
  new Uint8Array(KEY_BYTES),
);
