/**
 * Sessions = refresh-token families. A refresh token is 256 random bits for the first of a
 * family; only its SHA-256 is stored. Every refresh rotates it with a compare-and-swap in D1
 * (strongly consistent). The successor is HMAC(pepper, old token), so requests racing on the
 * same token within GRACE_MS all receive the same successor (two tabs stay signed in);
 * presenting a used token after that, or after its successor was used, is reuse: the whole
 * family is revoked (other devices are separate families and unaffected).
 */
import type { Env } from "../env.ts";
import { closeRelaySockets } from "../relay/client.ts";
import { clock } from "./clock.ts";
import { hmacSha256, randomToken, sha256 } from "./crypto-utils.ts";
import { getAuthKeys } from "./keys.ts";

export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600 * 1000;
export const SESSION_IDLE_MS = 7 * 24 * 3600 * 1000;
export const REFRESH_GRACE_MS = 10_000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedRefresh {
  sessionId: string;
  userId: string;
  refreshToken: string;
  /** Seconds until the token stops working (idle or absolute limit, whichever first). */
  maxAge: number;
}

export type RotateResult =
  | ({ ok: true; grace: boolean } & IssuedRefresh)
  | { ok: false; reason: "invalid" | "expired" | "revoked" | "reuse"; sessionId?: string; userId?: string };

interface TokenRow {
  session_id: string;
  idle_expires_at: number;
  used_at: number | null;
  replaced_by: string | null;
  user_id: string;
  revoked_at: number | null;
  absolute_expires_at: number;
}

async function successorOf(env: Env, token: string): Promise<string> {
  const { pepper } = await getAuthKeys(env);
  return hmacSha256(pepper, `refresh-successor:${token}`);
}

/** Starts a new session (device sign-in) and returns its first refresh token. */
export async function createSession(
  env: Env,
  opts: { userId: string; userAgent?: string | null },
): Promise<IssuedRefresh> {
  const now = clock.now();
  const sessionId = crypto.randomUUID();
  const refreshToken = randomToken(32);
  const absolute = now + SESSION_ABSOLUTE_MS;
  const idle = Math.min(now + SESSION_IDLE_MS, absolute);
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO sessions (id, user_id, created_at, last_used_at, absolute_expires_at, user_agent) VALUES (?, ?, ?, ?, ?, ?)",
    ).bind(sessionId, opts.userId, now, now, absolute, (opts.userAgent ?? "").slice(0, 200) || null),
    env.DB.prepare(
      "INSERT INTO refresh_tokens (token_hash, session_id, created_at, idle_expires_at) VALUES (?, ?, ?, ?)",
    ).bind(await sha256(refreshToken), sessionId, now, idle),
  ]);
  return { sessionId, userId: opts.userId, refreshToken, maxAge: Math.floor((idle - now) / 1000) };
}

async function loadToken(env: Env, hash: string): Promise<TokenRow | null> {
  return env.DB.prepare(
    `SELECT t.session_id, t.idle_expires_at, t.used_at, t.replaced_by, s.user_id, s.revoked_at, s.absolute_expires_at
     FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id WHERE t.token_hash = ?`,
  )
    .bind(hash)
    .first<TokenRow>();
}

/** Rotates a refresh token (see module comment for the race and reuse rules). */
export async function rotateRefreshToken(env: Env, token: string): Promise<RotateResult> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: "invalid" };
  const now = clock.now();
  const hash = await sha256(token);
  const row = await loadToken(env, hash);
  if (!row) return { ok: false, reason: "invalid" };
  const ids = { sessionId: row.session_id, userId: row.user_id };
  if (row.revoked_at !== null) return { ok: false, reason: "revoked", ...ids };
  if (now >= row.absolute_expires_at || (row.used_at === null && now >= row.idle_expires_at)) {
    await revokeSession(env, row.session_id, "expired");
    return { ok: false, reason: "expired", ...ids };
  }
  const successor = await successorOf(env, token);
  const successorHash = await sha256(successor);
  const idle = Math.min(now + SESSION_IDLE_MS, row.absolute_expires_at);
  const issued = { ...ids, refreshToken: successor, maxAge: Math.floor((idle - now) / 1000) };
  if (row.used_at === null) {
    const [cas] = await env.DB.batch([
      env.DB.prepare(
        "UPDATE refresh_tokens SET used_at = ?, replaced_by = ? WHERE token_hash = ? AND used_at IS NULL",
      ).bind(now, successorHash, hash),
      env.DB.prepare(
        `INSERT OR IGNORE INTO refresh_tokens (token_hash, session_id, created_at, idle_expires_at)
         SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM refresh_tokens WHERE token_hash = ? AND replaced_by = ?)`,
      ).bind(successorHash, row.session_id, now, idle, hash, successorHash),
      env.DB.prepare("UPDATE sessions SET last_used_at = ? WHERE id = ?").bind(now, row.session_id),
    ]);
    if (cas.meta.changes === 1) return { ok: true, grace: false, ...issued };
  }
  return graceOrReuse(env, { hash, successorHash, now, issued });
}

async function graceOrReuse(
  env: Env,
  o: { hash: string; successorHash: string; now: number; issued: IssuedRefresh },
): Promise<RotateResult> {
  const row = await loadToken(env, o.hash);
  const next = await env.DB.prepare("SELECT used_at FROM refresh_tokens WHERE token_hash = ?")
    .bind(o.successorHash)
    .first<{ used_at: number | null }>();
  const benign =
    row !== null &&
    row.revoked_at === null &&
    row.used_at !== null &&
    o.now - row.used_at <= REFRESH_GRACE_MS &&
    row.replaced_by === o.successorHash &&
    next !== null &&
    next.used_at === null;
  if (benign) return { ok: true, grace: true, ...o.issued };
  await revokeSession(env, o.issued.sessionId, "refresh_reuse");
  return { ok: false, reason: "reuse", sessionId: o.issued.sessionId, userId: o.issued.userId };
}

/** Looks up the session a refresh token belongs to (for logout), without rotating. */
export async function sessionOfRefreshToken(env: Env, token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await loadToken(env, await sha256(token));
  return row?.session_id ?? null;
}

/** Revokes one session (its refresh family and, via requireAuth, its access tokens). */
export async function revokeSession(env: Env, sessionId: string, reason: string): Promise<void> {
  const row = await env.DB.prepare(
    "UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL RETURNING user_id",
  )
    .bind(clock.now(), reason, sessionId)
    .first<{ user_id: string }>();
  // The session's relay sockets close with 1008 (checklist 22).
  if (row) await closeRelaySockets(env, row.user_id, { role: "app", sessionIds: [sessionId] }, reason);
}

/** Revokes every session of a user except `exceptSessionId` (if given). */
export async function revokeUserSessions(
  env: Env,
  opts: { userId: string; reason: string; exceptSessionId?: string },
): Promise<void> {
  await env.DB.prepare(
    "UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE user_id = ? AND revoked_at IS NULL AND id != ?",
  )
    .bind(clock.now(), opts.reason, opts.userId, opts.exceptSessionId ?? "")
    .run();
  await closeRelaySockets(
    env,
    opts.userId,
    { role: "app", exceptSessionId: opts.exceptSessionId ?? "" },
    opts.reason,
  );
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
}

/** Active (not revoked, not expired) sessions of a user, newest first. */
export async function listSessions(env: Env, userId: string): Promise<SessionInfo[]> {
  const { results } = await env.DB.prepare(
    `SELECT id, created_at, last_used_at, user_agent FROM sessions
     WHERE user_id = ? AND revoked_at IS NULL AND absolute_expires_at > ? ORDER BY last_used_at DESC LIMIT 100`,
  )
    .bind(userId, clock.now())
    .all<{ id: string; created_at: number; last_used_at: number; user_agent: string | null }>();
  return results.map((r) => ({
    id: r.id,
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: new Date(r.last_used_at).toISOString(),
    userAgent: r.user_agent,
  }));
}
