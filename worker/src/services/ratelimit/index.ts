/**
 * Picks the rate-limit store: Upstash Redis when UPSTASH_REDIS_REST_URL and
 * UPSTASH_REDIS_REST_TOKEN are set, else the embedded Durable Object limiter.
 */
import type { Env } from "../../env.ts";
import { durableObjectStore } from "./durable-object.ts";
import type { RateLimitStore } from "./port.ts";
import { upstashStore } from "./upstash.ts";

export type { LimitDecision, Quota, RateLimitStore, WindowRule } from "./port.ts";
export { RateLimitUnavailableError } from "./port.ts";

/** Default time a store gets to answer before the request fails closed (or open). */
export const DEFAULT_STORE_TIMEOUT_MS = 1000;

/** RATE_LIMIT_TIMEOUT_MS (optional var) or the 1 s default. */
export function storeTimeoutMs(env: Env): number {
  const raw = Number(env.RATE_LIMIT_TIMEOUT_MS);
  return Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_STORE_TIMEOUT_MS;
}

export function getRateLimitStore(env: Env): RateLimitStore {
  const url = typeof env.UPSTASH_REDIS_REST_URL === "string" ? env.UPSTASH_REDIS_REST_URL : "";
  const token = typeof env.UPSTASH_REDIS_REST_TOKEN === "string" ? env.UPSTASH_REDIS_REST_TOKEN : "";
  if (url && token) return upstashStore({ url, token, timeoutMs: storeTimeoutMs(env) });
  return durableObjectStore(env);
}
