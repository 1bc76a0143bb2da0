/**
 * Auth event log (checklist item 30): success, failure, TOTP reuse, refresh reuse and
 * account changes go to D1 `auth_events` and to the Worker log as one JSON line, with
 * identifiers hashed (HMAC with the server pepper, truncated) — never an email, raw id,
 * token, code or password. When a Sentry client is on the request, a breadcrumb is added
 * (category "auth", hashed ids only).
 */
import type { Context } from "hono";
import type { AppBindings, Env } from "../env.ts";
import { clock } from "./clock.ts";
import { hmacSha256 } from "./crypto-utils.ts";
import { getAuthKeys } from "./keys.ts";

export type AuthEventType =
  | "register"
  | "login"
  | "login_2fa"
  | "totp_failure"
  | "totp_reuse"
  | "totp_locked"
  | "recovery_code_used"
  | "refresh"
  | "refresh_reuse"
  | "logout"
  | "password_change"
  | "password_reset_request"
  | "password_reset"
  | "2fa_enabled"
  | "2fa_disabled"
  | "recovery_codes_regenerated"
  | "session_revoked";

export interface AuthEvent {
  type: AuthEventType;
  outcome: "success" | "failure";
  userId?: string | null;
  /** Short machine-readable reason, e.g. "bad_password", "unknown_email". Never secrets. */
  detail?: string;
}

const HASH_CHARS = 22;

/** A stable, non-reversible id for logs (same input -> same hash, per deployment pepper). */
export async function hashId(env: Env, kind: string, value: string): Promise<string> {
  const { pepper } = await getAuthKeys(env);
  return (await hmacSha256(pepper, `audit:${kind}:${value}`)).slice(0, HASH_CHARS);
}

/** Records an auth event; logging failures never break the request. */
export async function audit(c: Context<AppBindings>, event: AuthEvent): Promise<void> {
  try {
    const ip = c.req.header("CF-Connecting-IP") ?? "unknown";
    const userHash = event.userId ? await hashId(c.env, "user", event.userId) : null;
    const ipHash = await hashId(c.env, "ip", ip);
    const at = clock.now();
    const level = event.outcome === "success" ? "info" : "warning";
    console.log(
      JSON.stringify({
        level,
        kind: "auth_event",
        type: event.type,
        outcome: event.outcome,
        user: userHash,
        ip: ipHash,
        detail: event.detail,
        requestId: c.get("requestId"),
      }),
    );
    c.get("sentry")?.addBreadcrumb({
      category: "auth",
      message: `${event.type}:${event.outcome}`,
      level,
      data: { user: userHash, detail: event.detail },
    });
    await c.env.DB.prepare(
      "INSERT INTO auth_events (at, type, outcome, user_hash, ip_hash, detail) VALUES (?, ?, ?, ?, ?, ?)",
    )
      .bind(at, event.type, event.outcome, userHash, ipHash, event.detail ?? null)
      .run();
  } catch (err) {
    console.error(JSON.stringify({ level: "error", kind: "auth_event_failed", message: String(err) }));
  }
}
