/**
 * TOTP (RFC 6238) with otplib v13: SHA-1, 6 digits, 30 s steps (what authenticator apps
 * support). Accepts the current step and one step back only (server clock, via `clock`).
 * Replay protection: the last accepted step per user is advanced with a compare-and-swap
 * UPDATE, so a code (or an older one) works once even under concurrent requests.
 * Per-account attempt cap: MAX_FAILURES wrong codes lock second-factor checks for LOCK_MS.
 */
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { Env } from "../env.ts";
import { clock } from "./clock.ts";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ISSUER = "Forex AI";
export const MAX_FAILURES = 10;
export const LOCK_MS = 15 * 60 * 1000;
const CODE_PATTERN = /^\d{6}$/;

/** A new base32 secret: 20 bytes (160 bits) from the CSPRNG. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** otpauth:// URI for authenticator apps. */
export function otpauthUri(secret: string, accountLabel: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountLabel, secret });
}

/** The otpauth URI as an SVG QR code string. */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

export function looksLikeTotp(code: string): boolean {
  return CODE_PATTERN.test(code);
}

/**
 * The time step the code belongs to if it is valid now or one step back; null otherwise.
 * Does not consume it (see consumeTotpStep).
 */
export async function matchTotpStep(
  secret: string,
  code: string,
  nowMs = clock.now(),
): Promise<number | null> {
  if (!looksLikeTotp(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: [TOTP_PERIOD_SECONDS, 0],
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Atomically records `step` as used; false when it (or a later step) was already used. */
export async function consumeTotpStep(env: Env, userId: string, step: number): Promise<boolean> {
  const res = await env.DB.prepare("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?")
    .bind(step, userId, step)
    .run();
  return res.meta.changes === 1;
}

/** Milliseconds the account's second-factor checks stay locked (0 when not locked). */
export async function totpLockRemaining(env: Env, userId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT totp_locked_until FROM users WHERE id = ?")
    .bind(userId)
    .first<{ totp_locked_until: number }>();
  return Math.max(0, (row?.totp_locked_until ?? 0) - clock.now());
}

/** Counts one wrong code atomically; the MAX_FAILURES-th locks the account for LOCK_MS. */
export async function recordTotpFailure(env: Env, userId: string): Promise<void> {
  await env.DB.prepare(
    `UPDATE users SET
       totp_failures = CASE WHEN totp_failures + 1 >= ?1 THEN 0 ELSE totp_failures + 1 END,
       totp_locked_until = CASE WHEN totp_failures + 1 >= ?1 THEN ?2 ELSE totp_locked_until END
     WHERE id = ?3`,
  )
    .bind(MAX_FAILURES, clock.now() + LOCK_MS, userId)
    .run();
}

export async function resetTotpFailures(env: Env, userId: string): Promise<void> {
  await env.DB.prepare("UPDATE users SET totp_failures = 0 WHERE id = ? AND totp_failures != 0")
    .bind(userId)
    .run();
}
