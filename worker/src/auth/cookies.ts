/**
 * The refresh-token cookie: `fx_refresh`, HttpOnly, Secure, SameSite=Strict, Path=/api/v1/auth,
 * Max-Age = the token's remaining lifetime. Secure is dropped only for plain-http requests to
 * localhost/127.0.0.1 (local dev and tests); everywhere else it is always set.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppBindings } from "../env.ts";

export const REFRESH_COOKIE = "fx_refresh";
export const REFRESH_COOKIE_PATH = "/api/v1/auth";
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True only for plain http to a loopback host name. */
export function isLocalPlainHttp(url: string): boolean {
  const u = new URL(url);
  return u.protocol === "http:" && LOCAL_HOSTS.has(u.hostname);
}

export function setRefreshCookie(c: Context<AppBindings>, token: string, maxAgeSeconds: number): void {
  setCookie(c, REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: !isLocalPlainHttp(c.req.url),
    sameSite: "Strict",
    path: REFRESH_COOKIE_PATH,
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  });
}

export function clearRefreshCookie(c: Context<AppBindings>): void {
  deleteCookie(c, REFRESH_COOKIE, {
    httpOnly: true,
    secure: !isLocalPlainHttp(c.req.url),
    sameSite: "Strict",
    path: REFRESH_COOKIE_PATH,
  });
}

export function readRefreshCookie(c: Context<AppBindings>): string | undefined {
  return getCookie(c, REFRESH_COOKIE);
}
