/**
 * The rate-limit store port: one call checks every window of a class for one key and
 * consumes a request only when all windows allow it. Adapters: the Durable Object
 * (embedded default) and Upstash Redis. An adapter that cannot answer throws
 * RateLimitUnavailableError; the middleware decides whether to fail open or closed.
 */

/** One window of a class, e.g. 5 per minute. */
export interface WindowRule {
  limit: number;
  windowMs: number;
  /** Human label used in messages and storage keys: "minute" | "hour". */
  label: string;
  /**
   * Exact rolling window (a log of request times): never more than `limit` requests in
   * any window of `windowMs`. Without it, the cheaper sliding-window approximation
   * (which can let a few more through when the previous window's requests came late).
   */
  exact?: boolean;
}

/** What the RateLimit headers report: the tightest window after this request. */
export interface Quota {
  limit: number;
  remaining: number;
  /** Milliseconds until that window has room again (at least one request frees up). */
  resetMs: number;
  windowMs: number;
}

export type LimitDecision =
  | { success: true; quota: Quota }
  | { success: false; retryAfterMs: number; rule: WindowRule; quota: Quota };

export interface RateLimitStore {
  /** Backend name for logs ("durable-object" | "upstash"). */
  readonly name: string;
  /** Count one request for `key` against all `rules`; `key` already includes the class. */
  limit(key: string, rules: readonly WindowRule[]): Promise<LimitDecision>;
}

/** The store is slow or down; `reason` is logged, never shown to users. */
export class RateLimitUnavailableError extends Error {
  readonly reason: string;
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Rate limit store unavailable: ${reason}`, options);
    this.name = "RateLimitUnavailableError";
    this.reason = reason;
  }
}

/** Picks the quota to report: the window with the fewest requests left (then the longest wait). */
export function tightest(quotas: readonly Quota[]): Quota {
  let best = quotas[0];
  for (const q of quotas.slice(1)) {
    if (q.remaining < best.remaining || (q.remaining === best.remaining && q.resetMs > best.resetMs))
      best = q;
  }
  return best;
}
