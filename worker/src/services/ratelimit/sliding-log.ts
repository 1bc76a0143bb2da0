/**
 * Exact rolling window (sliding log) for one rule: the times of the requests counted in
 * the last `windowMs`. A request at `now` passes when fewer than `limit` requests fall in
 * (now - windowMs, now], so no window of that length ever holds more than `limit`
 * (the sliding-window approximation let 6 through for a limit of 5). Pure.
 */
import type { Quota, WindowRule } from "./port.ts";

/** Request times (ms), oldest first, all inside the window. */
export interface LogState {
  log: number[];
}

export interface LogCheck {
  /** The log without entries that left the window. */
  state: LogState;
  /** null when a request may pass now, else ms until one may. */
  retryAfterMs: number | null;
  quota: Quota;
}

export function logCheck(stored: LogState | undefined, rule: WindowRule, now: number): LogCheck {
  const { limit, windowMs } = rule;
  const log = (Array.isArray(stored?.log) ? stored.log : []).filter((t) => t > now - windowMs);
  const count = log.length;
  if (count >= limit) {
    // The request passes once the (count - limit + 1)-th oldest entry has left the window.
    const retryAfterMs = Math.max(log[count - limit] + windowMs - now, 1);
    return { state: { log }, retryAfterMs, quota: { limit, remaining: 0, resetMs: retryAfterMs, windowMs } };
  }
  const resetMs = Math.max((log[0] ?? now) + windowMs - now, 1);
  return {
    state: { log },
    retryAfterMs: null,
    quota: { limit, remaining: limit - count - 1, resetMs, windowMs },
  };
}
