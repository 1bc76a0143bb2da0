/**
 * TOTP codes for e2e tests (RFC 6238 defaults: SHA-1, 6 digits, 30-s steps) computed with
 * otplib from the Base32 key the app shows, like an authenticator app would.
 */
import { generate } from "otplib";

export const TOTP_STEP_MS = 30_000;

export function totpStep(atMs: number): number {
  return Math.floor(atMs / TOTP_STEP_MS);
}

/** The code for the step containing atMs. */
export function totpCode(secret: string, atMs: number): Promise<string> {
  return generate({ secret: secret.replace(/\s+/g, "").toUpperCase(), epoch: Math.floor(atMs / 1000) });
}

/**
 * A code for a step after `lastUsedStep` (servers accept each step once): waits for the
 * next step boundary when the current step was already used.
 */
export async function freshTotpCode(
  secret: string,
  lastUsedStep: number,
): Promise<{ code: string; step: number }> {
  const wait = (lastUsedStep + 1) * TOTP_STEP_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait + 250));
  const now = Date.now();
  return { code: await totpCode(secret, now), step: totpStep(now) };
}
