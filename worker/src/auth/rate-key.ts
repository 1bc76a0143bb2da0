/**
 * Rate-limit key for the auth class: client IP + SHA-256 of the lowercased email from the
 * JSON body (or of the challenge/token for steps without an email), so one attacker cannot
 * lock out an account from elsewhere and raw emails never reach the limiter's store.
 */
import type { Context } from "hono";
import type { AppBindings } from "../env.ts";
import { clientIp, hashKey } from "../middleware/rate-limit/index.ts";

export async function authRateKey(c: Context<AppBindings>): Promise<string> {
  let subject = "";
  try {
    const body = (await c.req.json()) as Record<string, unknown>;
    if (typeof body.email === "string") subject = `email:${body.email.trim().toLowerCase()}`;
    else if (typeof body.challenge === "string") subject = `challenge:${body.challenge}`;
    else if (typeof body.token === "string") subject = `reset:${body.token}`;
  } catch {
    subject = "invalid-body";
  }
  return `${clientIp(c)}:${await hashKey(subject)}`;
}
