/**
 * Rate-limit store backed by Upstash Redis. Approximate rules (data, ml) go through
 * @upstash/ratelimit's sliding window, one Ratelimit per rule; exact rules (auth,
 * trading) through the sliding-log script in upstash-log.ts. @upstash/ratelimit resolves
 * success with reason "timeout" when Redis is slow and throws when Redis errors; the
 * script call is raced against the same timeout: all of these become
 * RateLimitUnavailableError so the middleware can fail closed (checklist 19).
 */
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis/cloudflare";
import { rateLimitClock } from "./clock.ts";
import {
  type LimitDecision,
  type Quota,
  type RateLimitStore,
  RateLimitUnavailableError,
  tightest,
  type WindowRule,
} from "./port.ts";
import { SLIDING_LOG_SCRIPT } from "./upstash-log.ts";

export interface UpstashStoreOptions {
  url: string;
  token: string;
  /** Per-call timeout handed to @upstash/ratelimit, in ms. */
  timeoutMs: number;
  /** Key prefix in Redis. */
  prefix?: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RateLimitUnavailableError("redis timeout")), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(
          err instanceof RateLimitUnavailableError
            ? err
            : new RateLimitUnavailableError("redis error", { cause: err }),
        );
      },
    );
  });
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

  async function exact(key: string, rules: readonly WindowRule[]): Promise<LimitDecision> {
    const now = rateLimitClock.now();
    const keys = rules.map((r) => `${prefix}:log:${r.label}:${r.limit}:${key}`);
    const args = [String(now), `${now}:${crypto.randomUUID()}`];
    for (const r of rules) args.push(String(r.limit), String(r.windowMs));
    const reply = (await withTimeout(
      redis.eval(SLIDING_LOG_SCRIPT, keys, args),
      options.timeoutMs,
    )) as number[];
    const quotas: Quota[] = rules.map((r, i) => ({
      limit: r.limit,
      remaining: Number(reply[1 + i * 2]),
      resetMs: Number(reply[2 + i * 2]),
      windowMs: r.windowMs,
    }));
    const denied = Number(reply[0]);
    if (denied > 0) {
      const quota = quotas[denied - 1];
      return { success: false, rule: rules[denied - 1], retryAfterMs: quota.resetMs, quota };
    }
    return { success: true, quota: tightest(quotas) };
  }

  async function approximate(key: string, rules: readonly WindowRule[]): Promise<LimitDecision> {
    // Sequential on purpose: a request refused by the short window is not counted
    // against the long one.
    const quotas: Quota[] = [];
    for (const rule of rules) {
      let res: Awaited<ReturnType<Ratelimit["limit"]>>;
      try {
        res = await limiterFor(rule).limit(key);
      } catch (err) {
        throw new RateLimitUnavailableError("redis error", { cause: err });
      }
      if (res.reason === "timeout") throw new RateLimitUnavailableError("redis timeout");
      const resetMs = Math.max(res.reset - Date.now(), 1);
      const quota = {
        limit: rule.limit,
        remaining: Math.max(res.remaining, 0),
        resetMs,
        windowMs: rule.windowMs,
      };
      if (!res.success)
        return { success: false, rule, retryAfterMs: resetMs, quota: { ...quota, remaining: 0 } };
      quotas.push(quota);
    }
    return { success: true, quota: tightest(quotas) };
  }

  return {
    name: "upstash",
    async limit(key: string, rules: readonly WindowRule[]): Promise<LimitDecision> {
      const exactRules = rules.filter((r) => r.exact);
      if (exactRules.length === 0) return approximate(key, rules);
      const first = await exact(key, exactRules);
      const rest = rules.filter((r) => !r.exact);
      if (!first.success || rest.length === 0) return first;
      const second = await approximate(key, rest);
      return second.success ? { success: true, quota: tightest([first.quota, second.quota]) } : second;
    },
  };
}
