/**
 * Opaque credentials of live trading: prefixed random tokens (fxc_ connector, fxa_ API,
 * fxh_ webhook, ticket) shown once and stored only as SHA-256 hashes; pairing codes from an
 * alphabet without look-alike characters.
 */
import { randomBytes, randomToken, sha256 } from "../auth/crypto-utils.ts";

export const PREFIX = { connector: "fxc_", api: "fxa_", webhook: "fxh_", ticket: "fxt_" } as const;

export function newSecret(kind: keyof typeof PREFIX): string {
  return `${PREFIX[kind]}${randomToken(32)}`;
}

export function hashSecret(secret: string): Promise<string> {
  return sha256(secret);
}

/** No 0/O, 1/I/L: codes are read off a screen and typed. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** "K7QD-M2XP": 8 characters, about 39 bits; valid 10 minutes, single use, link is rate-limited. */
export function newPairingCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
}
