/**
 * Rate-limit store backed by Upstash Redis through @upstash/ratelimit (sliding window,
 * one Ratelimit per window rule). @upstash/ratelimit resolves success with reason
 * "timeout" when Redis is slow and throws when Redis errors: both become
 * RateLimitUnavailableError so the middleware can fail closed (checklist 19).
 */
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis/cloudflare";
import {
  type LimitDecision,
  type RateLimitStore,
  RateLimitUnavailableError,
  type WindowRule,
} from "./port.ts";

export interface UpstashStoreOptions {
  url: string;
  token: string;
  /** Per-call timeout handed to @upstash/ratelimit, in ms. */
  timeoutMs: number;
  /** Key prefix in Redis. */
  prefix?: string;
}

export function upstashStore(options: UpstashStoreOptions): RateLimitStore {
  // No retries: a failing store must be reported quickly, not after seconds of backoff.
  const redis = new Redis({
    url: options.url,
    token: options.token,
    retry: false,
    enableTelemetry: false,
  });
  const prefix = options.prefix ?? "forex-ai:rl";
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (rule: WindowRule): Ratelimit => {
    const id = `${rule.limit}/${rule.windowMs}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowMs} ms`),
        prefix: `${prefix}:${rule.label}`,
        timeout: options.timeoutMs,
        analytics: false,
        ephemeralCache: false,
        enableProtection: false,
      });
      limiters.set(id, limiter);
    }
    return limiter;
  };
  return {
    name: "upstash",
    async limit(key: string, rules: readonly WindowRule[]): Promise<LimitDecision> {
      // Sequential on purpose: a request refused by the short window is not counted
      // against the long one.
      for (const rule of rules) {
        let res: Awaited<ReturnType<Ratelimit["limit"]>>;
        try {
          res = await limiterFor(rule).limit(key);
        } catch (err) {
          throw new RateLimitUnavailableError("redis error", { cause: err });
        }
        if (res.reason === "timeout") throw new RateLimitUnavailableError("redis timeout");
        if (!res.success) {
          return { success: false, rule, retryAfterMs: Math.max(res.reset - Date.now(), 1) };
        }
      }
      return { success: true };
    },
  };
}
