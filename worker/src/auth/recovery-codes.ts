/**
 * Recovery codes: 10 random single-use codes (60 bits each, `XXXX-XXXX-XXXX` from an
 * unambiguous alphabet), stored only as HMAC(pepper) hashes. Regenerating replaces the
 * whole set; a code is consumed with a compare-and-swap UPDATE (works once, even in races).
 */
import type { Env } from "../env.ts";
import { clock } from "./clock.ts";
import { hmacSha256, randomBytes } from "./crypto-utils.ts";
import { getAuthKeys } from "./keys.ts";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ0123456789"; // 32 symbols: 5 bits each
const CODE_CHARS = 12;

function newCode(): string {
  const bytes = randomBytes(CODE_CHARS);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

/** Uppercases and strips separators; null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, "");
  return s.length === CODE_CHARS && [...s].every((ch) => ALPHABET.includes(ch)) ? s : null;
}

async function hashCode(env: Env, userId: string, normalized: string): Promise<string> {
  const { pepper } = await getAuthKeys(env);
  return hmacSha256(pepper, `recovery:${userId}:${normalized}`);
}

/** Replaces the user's recovery codes with a new set; returns the plaintext codes (shown once). */
export async function regenerateRecoveryCodes(env: Env, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  const now = clock.now();
  const inserts = await Promise.all(
    codes.map(async (code) =>
      env.DB.prepare("INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)").bind(
        userId,
        await hashCode(env, userId, normalizeRecoveryCode(code) ?? ""),
        now,
      ),
    ),
  );
  await env.DB.batch([
    env.DB.prepare("DELETE FROM recovery_codes WHERE user_id = ?").bind(userId),
    ...inserts,
  ]);
  return codes;
}

/** Consumes a recovery code; true exactly once per valid unused code. */
export async function consumeRecoveryCode(env: Env, userId: string, input: string): Promise<boolean> {
  const normalized = normalizeRecoveryCode(input);
  if (!normalized) return false;
  const res = await env.DB.prepare(
    "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
  )
    .bind(clock.now(), userId, await hashCode(env, userId, normalized))
    .run();
  return res.meta.changes === 1;
}

export async function remainingRecoveryCodes(env: Env, userId: string): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
  )
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export async function deleteRecoveryCodes(env: Env, userId: string): Promise<void> {
  await env.DB.prepare("DELETE FROM recovery_codes WHERE user_id = ?").bind(userId).run();
}
