/**
 * Test harness for the workerd tests of the accounts API (imported only by *.test.ts).
 * Requests go through the real app in this isolate (so spies on auth modules see them),
 * with waitUntil work awaited, a fresh client IP per request unless given (the auth rate
 * limiter keys on IP + email and must not interfere with unrelated checks), and a
 * controllable clock.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { generate } from "otplib";
import { vi } from "vitest";
import { createApp } from "../app.ts";
import { rateLimitClock } from "../services/ratelimit/clock.ts";
import { clock } from "./clock.ts";

const app = createApp();
/**
 * The rate limiter fails closed (503) when its store answers slower than 1 s; on a loaded
 * test machine the Durable Object can, so these tests give it more time.
 */
const testEnv = { ...env, RATE_LIMIT_TIMEOUT_MS: "15000" };

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
  origin?: string;
  /** Replace the Worker env (e.g. a broken DB binding). */
  env?: typeof env;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test helper; bodies are asserted field by field
  json: any;
  /** fx_refresh value from Set-Cookie, if set. */
  refresh?: string;
  setCookie: string | null;
}

let ipCounter = 0;

export async function call(path: string, opts: CallOptions = {}): Promise<CallResult> {
  const headers = new Headers(opts.headers);
  if (!headers.has("CF-Connecting-IP"))
    headers.set("CF-Connecting-IP", `10.9.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`);
  if (opts.body !== undefined) headers.set("Content-Type", "application/json");
  if (opts.token) headers.set("Authorization", `Bearer ${opts.token}`);
  if (opts.cookie) headers.set("Cookie", `fx_refresh=${opts.cookie}`);
  const req = new Request(`${opts.origin ?? "http://localhost"}/api/v1${path}`, {
    method: opts.method ?? (opts.body === undefined ? "GET" : "POST"),
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const ctx = createExecutionContext();
  const res = await app.fetch(req, opts.env ?? testEnv, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  const setCookie = res.headers.get("Set-Cookie");
  const refresh = /fx_refresh=([^;]*)/.exec(setCookie ?? "")?.[1] || undefined;
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json, refresh, setCookie };
}

let emailCounter = 0;
export function uniqueEmail(tag = "user"): string {
  return `${tag}-${Date.now().toString(36)}-${emailCounter++}@example.com`;
}

export const PASSWORD = "a sturdy passphrase 42";

export interface Account {
  email: string;
  password: string;
  userId: string;
  accessToken: string;
  refresh: string;
}

export async function register(email = uniqueEmail(), password = PASSWORD): Promise<Account> {
  const r = await call("/auth/register", { body: { email, password } });
  if (r.status !== 201 || !r.refresh) throw new Error(`register failed: ${r.status} ${r.text}`);
  return { email, password, userId: r.json.user.id, accessToken: r.json.accessToken, refresh: r.refresh };
}

export async function login(a: { email: string; password: string }): Promise<CallResult> {
  return call("/auth/login", { body: { email: a.email, password: a.password } });
}

/** A TOTP code for the secret at the auth clock's time (or `atMs`). */
export function totpAt(secret: string, atMs = clock.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(atMs / 1000) });
}

/** Freezes the auth clock at `startMs`; advance() moves it. Restore with vi.restoreAllMocks(). */
export function fakeClock(startMs = Date.now()) {
  let now = startMs;
  vi.spyOn(clock, "now").mockImplementation(() => now);
  return {
    now: () => now,
    set(ms: number) {
      now = ms;
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Moves the rate limiters' clock `ms` ahead of real time (restore with vi.restoreAllMocks()). */
export function skipRateLimitTime(ms: number): void {
  const offset = ms;
  vi.spyOn(rateLimitClock, "now").mockImplementation(() => Date.now() + offset);
}

/** Registers and turns on 2FA; returns the account, its secret and recovery codes. */
export async function registerWith2fa(): Promise<Account & { secret: string; recoveryCodes: string[] }> {
  const account = await register();
  const setup = await call("/totp/setup", { method: "POST", token: account.accessToken });
  if (setup.status !== 200) throw new Error(`setup failed: ${setup.status} ${setup.text}`);
  const secret = setup.json.secret as string;
  const verify = await call("/totp/verify", {
    token: account.accessToken,
    body: { code: await totpAt(secret) },
  });
  if (verify.status !== 200) throw new Error(`verify failed: ${verify.status} ${verify.text}`);
  return { ...account, secret, recoveryCodes: verify.json.recoveryCodes };
}

export { env };
