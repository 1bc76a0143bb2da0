/**
 * Failed passwords per account, whatever the IP (checklist 33): after FREE_FAILURES wrong
 * passwords in a row, each sign-in to that email waits a growing delay (30 s, 1, 2, 4, 8
 * min, then 15 min at most) before a password is even checked. Never a permanent lock:
 * the delay is capped, a right password after it resets the count, a password reset
 * clears it, and a day without failures forgets them. Keyed by SHA-256 of the email, so
 * unknown emails behave exactly like known ones.
 */
import type { Env } from "../env.ts";
import { hashKey } from "../middleware/rate-limit/index.ts";
import { clock } from "./clock.ts";

export const FREE_FAILURES = 5;
export const FIRST_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
export const FORGET_AFTER_MS = 24 * 3_600_000;

/** The delay after `failures` wrong passwords in a row (0 below the free allowance). */
export function delayFor(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES));
}

export function loginSubject(email: string): Promise<string> {
  return hashKey(`login:${email}`);
}

/** Milliseconds this email must still wait before a password is checked (0 = go ahead). */
export async function loginDelayRemaining(env: Env, email: string): Promise<number> {
  const row = await env.DB.prepare("SELECT failures, last_failure_at FROM login_failures WHERE subject = ?")
    .bind(await loginSubject(email))
    .first<{ failures: number; last_failure_at: number }>();
  if (!row) return 0;
  const now = clock.now();
  if (now - row.last_failure_at >= FORGET_AFTER_MS) return 0;
  return Math.max(0, row.last_failure_at + delayFor(row.failures) - now);
}

/** Counts one wrong password (atomically); returns the failures in a row. */
export async function recordLoginFailure(env: Env, email: string): Promise<number> {
  const now = clock.now();
  const row = await env.DB.prepare(
    `INSERT INTO login_failures (subject, failures, last_failure_at) VALUES (?1, 1, ?2)
     ON CONFLICT(subject) DO UPDATE SET
       failures = CASE WHEN login_failures.last_failure_at <= ?2 - ?3 THEN 1 ELSE login_failures.failures + 1 END,
       last_failure_at = ?2
     RETURNING failures`,
  )
    .bind(await loginSubject(email), now, FORGET_AFTER_MS)
    .first<{ failures: number }>();
  return row?.failures ?? 1;
}

export async function clearLoginFailures(env: Env, email: string): Promise<void> {
  await env.DB.prepare("DELETE FROM login_failures WHERE subject = ?")
    .bind(await loginSubject(email))
    .run();
}
