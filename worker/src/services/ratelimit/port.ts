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
}

export type LimitDecision = { success: true } | { success: false; retryAfterMs: number; rule: WindowRule };

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
