/**
 * Rate-limit middleware with named classes (checklist 18-19, 33, 38). Each class has a
 * per-minute and a per-hour window; the store is Upstash Redis when configured, else the
 * Durable Object limiter. auth, auth-ip and trading are exact rolling windows (never more
 * than the limit in any minute or hour); data and ml use the cheaper sliding-window
 * approximation. Every answer carries the RateLimit fields of the tightest window
 * (RateLimit-Limit, -Remaining, -Reset in seconds, and RateLimit-Policy); refusals are 429
 * with Retry-After and a message quoting the limit.
 * When the store is slow or down, auth and trading fail closed (503); data and ml let
 * the request through and log it.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppBindings } from "../../env.ts";
import { HttpError } from "../../errors.ts";
import {
  getRateLimitStore,
  type LimitDecision,
  type Quota,
  RateLimitUnavailableError,
  storeTimeoutMs,
  type WindowRule,
} from "../../services/ratelimit/index.ts";

export type RateLimitClass = "auth" | "auth-ip" | "trading" | "data" | "ml";

export interface RateLimitOptions {
  /** Who is limited. Default: the client IP for auth; the user id (else IP) otherwise. */
  key?: (c: Context<AppBindings>) => string | Promise<string>;
}

export interface ClassConfig {
  /** Words used in the 429 message: "... for sign-in." */
  what: string;
  rules: readonly WindowRule[];
  failClosed: boolean;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const UNAVAILABLE_RETRY_AFTER_S = 5;

const rules = (perMinute: number, perHour: number, exact: boolean): WindowRule[] => [
  { limit: perMinute, windowMs: MINUTE_MS, label: "minute", exact },
  { limit: perHour, windowMs: HOUR_MS, label: "hour", exact },
];

/** The classes and their limits (docs/security.md items 18, 33 and 38 quote these). */
export const RATE_LIMIT_CLASSES: Readonly<Record<RateLimitClass, ClassConfig>> = {
  auth: { what: "sign-in", rules: rules(5, 50, true), failClosed: true },
  /** One client IP across all sign-in, sign-up and reset routes, whatever the email. */
  "auth-ip": { what: "sign-in from one network address", rules: rules(20, 100, true), failClosed: true },
  trading: { what: "trading", rules: rules(30, 500, true), failClosed: true },
  data: { what: "data requests", rules: rules(60, 1000, false), failClosed: false },
  ml: { what: "AI requests", rules: rules(10, 100, false), failClosed: false },
};

/** The client IP from CF-Connecting-IP (set by Cloudflare), else "local" (wrangler dev, tests). */
export function clientIp(c: Context<AppBindings>): string {
  return c.req.header("CF-Connecting-IP")?.trim() || "local";
}

/** Hex SHA-256 of a normalised value (e.g. an email) so raw identifiers never reach the store. */
export async function hashKey(value: string): Promise<string> {
  const bytes = new TextEncoder().encode(value.trim().toLowerCase());
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function defaultKey(klass: RateLimitClass): (c: Context<AppBindings>) => string {
  if (klass === "auth" || klass === "auth-ip") return (c) => `ip:${clientIp(c)}`;
  return (c) => {
    const userId = c.get("userId");
    return userId ? `user:${userId}` : `ip:${clientIp(c)}`;
  };
}

/** Rejects with RateLimitUnavailableError when the store has not answered within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RateLimitUnavailableError(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

function per(rule: WindowRule): string {
  if (rule.windowMs === MINUTE_MS) return "minute";
  if (rule.windowMs === HOUR_MS) return "hour";
  return `${Math.round(rule.windowMs / 1000)} s`;
}

/** The RateLimit fields (draft-ietf-httpapi-ratelimit-headers) for a quota and its class. */
export function rateLimitHeaders(config: ClassConfig, quota: Quota): Record<string, string> {
  return {
    "RateLimit-Limit": String(quota.limit),
    "RateLimit-Remaining": String(Math.max(quota.remaining, 0)),
    "RateLimit-Reset": String(Math.max(1, Math.ceil(quota.resetMs / 1000))),
    "RateLimit-Policy": config.rules.map((r) => `${r.limit};w=${Math.round(r.windowMs / 1000)}`).join(", "),
  };
}

/** The refusal in words, and the whole seconds to wait (at least 1). */
export function refusal(
  config: ClassConfig,
  decision: Extract<LimitDecision, { success: false }>,
): { message: string; seconds: number } {
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  const message = `Too many requests: the limit is ${decision.rule.limit} per ${per(decision.rule)} for ${config.what}. Try again in ${seconds} s.`;
  return { message, seconds };
}

function tooMany(config: ClassConfig, decision: Extract<LimitDecision, { success: false }>): HttpError {
  const { message, seconds } = refusal(config, decision);
  const headers = { ...rateLimitHeaders(config, decision.quota), "Retry-After": String(seconds) };
  return new HttpError(429, "rate_limited", message, { headers });
}

/** Sets the RateLimit fields unless an inner limiter already reported a tighter quota. */
function report(c: Context<AppBindings>, config: ClassConfig, quota: Quota): void {
  const inner = c.res.headers.get("RateLimit-Remaining");
  if (inner !== null && Number(inner) <= quota.remaining) return;
  for (const [k, v] of Object.entries(rateLimitHeaders(config, quota))) c.header(k, v);
}

/** Middleware limiting requests of one class; see RATE_LIMIT_CLASSES. */
export function rateLimit(
  klass: RateLimitClass,
  options: RateLimitOptions = {},
): MiddlewareHandler<AppBindings> {
  const config = RATE_LIMIT_CLASSES[klass];
  if (!config)
    throw new Error(`Unknown rate-limit class "${klass}": use auth, auth-ip, trading, data or ml.`);
  const keyOf = options.key ?? defaultKey(klass);
  return async (c, next) => {
    const key = `${klass}:${await keyOf(c)}`;
    const store = getRateLimitStore(c.env);
    let decision: LimitDecision;
    try {
      decision = await withTimeout(store.limit(key, config.rules), storeTimeoutMs(c.env));
    } catch (err) {
      const reason = err instanceof RateLimitUnavailableError ? err.reason : String(err);
      const log = { event: "rate_limiter_unavailable", class: klass, backend: store.name, reason };
      const requestId = c.get("requestId");
      if (config.failClosed) {
        console.error(JSON.stringify({ level: "error", requestId, ...log, outcome: "refused" }));
        throw new HttpError(
          503,
          "rate_limiter_unavailable",
          `The ${config.what} limiter is not answering, so this request was refused for safety. Try again in a few seconds.`,
          { headers: { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_S) } },
        );
      }
      console.warn(JSON.stringify({ level: "warn", requestId, ...log, outcome: "allowed" }));
      return next();
    }
    if (!decision.success) throw tooMany(config, decision);
    await next();
    report(c, config, decision.quota);
  };
}
