/**
 * Login challenges: the password step of a 2FA login yields only this opaque token
 * (256 random bits, SHA-256 at rest), bound to the user, valid CHALLENGE_TTL_MS, at most
 * MAX_CHALLENGE_ATTEMPTS code attempts (counted atomically) and consumed once (CAS).
 */
import type { Env } from "../env.ts";
import { clock } from "./clock.ts";
import { randomToken, sha256 } from "./crypto-utils.ts";

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const MAX_CHALLENGE_ATTEMPTS = 5;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function createChallenge(env: Env, userId: string): Promise<string> {
  const token = randomToken(32);
  const now = clock.now();
  await env.DB.prepare(
    "INSERT INTO login_challenges (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
  )
    .bind(await sha256(token), userId, now, now + CHALLENGE_TTL_MS)
    .run();
  return token;
}

/**
 * Counts one attempt against a live challenge and returns its user id; null when the
 * challenge is unknown, expired, consumed or out of attempts.
 */
export async function beginChallengeAttempt(env: Env, token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await env.DB.prepare(
    `UPDATE login_challenges SET attempts = attempts + 1
     WHERE id_hash = ? AND consumed_at IS NULL AND expires_at > ? AND attempts < ?
     RETURNING user_id`,
  )
    .bind(await sha256(token), clock.now(), MAX_CHALLENGE_ATTEMPTS)
    .first<{ user_id: string }>();
  return row?.user_id ?? null;
}

/** Marks the challenge used; true for exactly one caller. */
export async function consumeChallenge(env: Env, token: string): Promise<boolean> {
  const res = await env.DB.prepare(
    "UPDATE login_challenges SET consumed_at = ? WHERE id_hash = ? AND consumed_at IS NULL AND expires_at > ?",
  )
    .bind(clock.now(), await sha256(token), clock.now())
    .run();
  return res.meta.changes === 1;
}
