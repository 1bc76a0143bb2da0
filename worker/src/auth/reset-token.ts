/**
 * Password-reset tokens: 256 random bits, SHA-256 at rest, valid RESET_TTL_MS (1 hour,
 * expiry exclusive), single use (CAS), and a new request voids the user's older tokens.
 */
import type { Env } from "../env.ts";
import { clock } from "./clock.ts";
import { randomToken, sha256 } from "./crypto-utils.ts";

export const RESET_TTL_MS = 60 * 60 * 1000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Issues a reset token for a user, voiding any earlier unused ones. */
export async function createResetToken(env: Env, userId: string): Promise<string> {
  const token = randomToken(32);
  const now = clock.now();
  await env.DB.batch([
    env.DB.prepare("UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL").bind(
      now,
      userId,
    ),
    env.DB.prepare(
      "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    ).bind(await sha256(token), userId, now, now + RESET_TTL_MS),
  ]);
  return token;
}

/** The user a live (unused, unexpired) token belongs to, without consuming it. */
export async function peekResetToken(env: Env, token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await env.DB.prepare(
    "SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
  )
    .bind(await sha256(token), clock.now())
    .first<{ user_id: string }>();
  return row?.user_id ?? null;
}

/** Consumes a live token; returns its user id for exactly one caller, else null. */
export async function consumeResetToken(env: Env, token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await env.DB.prepare(
    "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id",
  )
    .bind(clock.now(), await sha256(token), clock.now())
    .first<{ user_id: string }>();
  return row?.user_id ?? null;
}

/**
 * The same token work as createResetToken without storing anything: the forgot route
 * runs it for unknown emails so both paths cost alike (checklist 17, issue 13 item 4).
 */
export async function createResetTokenLike(): Promise<void> {
  await sha256(randomToken(32));
}
