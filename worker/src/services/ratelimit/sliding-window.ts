/**
 * Window arithmetic of the Durable Object limiter. Pure: the clock is a parameter.
 * Approximate rules use the sliding-window counter (the same approximation
 * @upstash/ratelimit uses): the current fixed window plus the previous one weighted by
 * how much of it still overlaps; unlike Upstash, the retry time is exact. Exact rules
 * (auth, trading) keep a log of request times, so no rolling window ever holds more
 * than the limit (see sliding-log.ts).
 */
import type { LimitDecision, Quota, WindowRule } from "./port.ts";
import { tightest } from "./port.ts";
import { type LogState, logCheck } from "./sliding-log.ts";

/** Counts for one rule: the fixed window starting at `start` and the one before it. */
export interface WindowState {
  start: number;
  current: number;
  previous: number;
}

/** Storage key of a rule inside one limiter's state. */
export function ruleId(rule: WindowRule): string {
  return `${rule.exact ? "log:" : ""}${rule.limit}/${rule.windowMs}`;
}

/** Moves a state forward to the fixed window containing `now`. */
export function roll(state: WindowState | undefined, windowMs: number, now: number): WindowState {
  const start = Math.floor(now / windowMs) * windowMs;
  if (!state || state.start < start - windowMs) return { start, current: 0, previous: 0 };
  if (state.start === start) return { ...state };
  if (state.start === start - windowMs) return { start, current: 0, previous: state.current };
  return { ...state }; // clock went backwards: keep counting in the stored window
}

/** Weighted count of requests in the sliding window ending at `now`. */
export function weightedCount(state: WindowState, windowMs: number, now: number): number {
  const elapsed = Math.min(Math.max(now - state.start, 0), windowMs);
  // Integer numerator first: (1 - elapsed / windowMs) in floating point misses exact boundaries.
  return Math.floor((state.previous * (windowMs - elapsed)) / windowMs) + state.current;
}

/** Milliseconds until a request would pass, given a state that denies one now. */
export function retryAfterMs(state: WindowState, rule: WindowRule, now: number): number {
  const { limit, windowMs } = rule;
  let retryAt: number;
  if (state.current >= limit) {
    // Wait for the next window, where today's count becomes the weighted "previous".
    // Smallest x with current * (windowMs - x) / windowMs < limit.
    const x = Math.floor(((state.current - limit) * windowMs) / state.current) + 1;
    retryAt = state.start + windowMs + x;
  } else {
    // The current window has room; wait until the previous window's weight fades enough.
    // Smallest x with floor(previous * (windowMs - x) / windowMs) < limit - current.
    const room = limit - state.current;
    const x = Math.floor(((state.previous - room) * windowMs) / state.previous) + 1;
    retryAt = state.start + x;
  }
  return Math.max(retryAt - now, 1);
}

export interface ConsumeResult {
  decision: LimitDecision;
  /** States to store (unchanged counts when denied, except for rolling forward). */
  states: Record<string, WindowState | LogState>;
}

/** Checks all rules; counts the request in every window only if all of them allow it. */
export function consume(
  stored: Record<string, WindowState | LogState | undefined>,
  rules: readonly WindowRule[],
  now: number,
): ConsumeResult {
  const states: Record<string, WindowState | LogState> = {};
  const quotas: Quota[] = [];
  const commits: Array<() => void> = [];
  let denied: { rule: WindowRule; retryAfterMs: number } | undefined;
  for (const rule of rules) {
    const id = ruleId(rule);
    const { limit, windowMs } = rule;
    if (rule.exact) {
      const check = logCheck(stored[id] as LogState | undefined, rule, now);
      states[id] = check.state;
      quotas.push(check.quota);
      if (check.retryAfterMs !== null) {
        if (!denied || check.retryAfterMs > denied.retryAfterMs)
          denied = { rule, retryAfterMs: check.retryAfterMs };
      }
      commits.push(() => {
        states[id] = { log: [...check.state.log, now] };
      });
      continue;
    }
    const state = roll(stored[id] as WindowState | undefined, windowMs, now);
    states[id] = state;
    const count = weightedCount(state, windowMs, now);
    const resetMs = state.start + windowMs - now;
    if (count >= limit) {
      const wait = retryAfterMs(state, rule, now);
      if (!denied || wait > denied.retryAfterMs) denied = { rule, retryAfterMs: wait };
      quotas.push({ limit, remaining: 0, resetMs: wait, windowMs });
    } else {
      quotas.push({ limit, remaining: limit - count - 1, resetMs, windowMs });
    }
    commits.push(() => {
      state.current += 1;
    });
  }
  if (denied) {
    const quota = { ...tightest(quotas), remaining: 0 };
    return { decision: { success: false, ...denied, quota }, states };
  }
  for (const commit of commits) commit();
  return { decision: { success: true, quota: tightest(quotas) }, states };
}
