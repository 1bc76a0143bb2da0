/**
 * requireAuth middleware: a Bearer access token that verifies (see tokens.ts) AND whose
 * session is still live AND whose token version matches the user's current one. Sets
 * c.var.userId and c.var.auth ({userId, sessionId}); tells Sentry the user id (never email).
 */
import type { MiddlewareHandler } from "hono";
import type { AppBindings } from "../env.ts";
import { HttpError } from "../errors.ts";
import { clock } from "./clock.ts";
import { verifyAccessToken } from "./tokens.ts";

export interface AuthContext {
  userId: string;
  sessionId: string;
}

declare module "hono" {
  interface ContextVariableMap {
    auth: AuthContext;
  }
}

export function unauthorized(
  message = "Sign in again: your access token is missing, invalid or expired.",
): HttpError {
  return new HttpError(401, "unauthorized", message, {
    headers: { "WWW-Authenticate": 'Bearer realm="forex-ai", error="invalid_token"' },
  });
}

export function requireAuth(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(c.req.header("Authorization") ?? "");
    if (!match)
      throw unauthorized("Sign in first: send the access token as `Authorization: Bearer <token>`.");
    const claims = await verifyAccessToken(c.env, match[1]);
    if (!claims) throw unauthorized();
    const row = await c.env.DB.prepare(
      `SELECT u.token_version, s.revoked_at, s.absolute_expires_at FROM sessions s
       JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.user_id = ?`,
    )
      .bind(claims.sid, claims.sub)
      .first<{ token_version: number; revoked_at: number | null; absolute_expires_at: number }>();
    const live =
      row !== null &&
      row.revoked_at === null &&
      row.absolute_expires_at > clock.now() &&
      row.token_version === claims.ver;
    if (!live) throw unauthorized("This session was signed out or its password changed; sign in again.");
    c.set("userId", claims.sub);
    c.set("auth", { userId: claims.sub, sessionId: claims.sid });
    c.get("sentry")?.setUser({ id: claims.sub });
    await next();
  };
}
