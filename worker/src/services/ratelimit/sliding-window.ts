/**
 * Sliding-window counter (the same approximation @upstash/ratelimit uses): the count
 * is the current fixed window plus the previous window weighted by how much of it
 * still overlaps the sliding window. Pure: the clock is a parameter. Unlike Upstash,
 * the retry time is exact: the first millisecond at which a request would pass.
 */
import type { LimitDecision, WindowRule } from "./port.ts";

/** Counts for one rule: the fixed window starting at `start` and the one before it. */
export interface WindowState {
  start: number;
  current: number;
  previous: number;
}

/** Storage key of a rule inside one limiter's state. */
export function ruleId(rule: WindowRule): string {
  return `${rule.limit}/${rule.windowMs}`;
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
  states: Record<string, WindowState>;
}

/** Checks all rules; counts the request in every window only if all of them allow it. */
export function consume(
  stored: Record<string, WindowState | undefined>,
  rules: readonly WindowRule[],
  now: number,
): ConsumeResult {
  const states: Record<string, WindowState> = {};
  let denied: { rule: WindowRule; retryAfterMs: number } | undefined;
  for (const rule of rules) {
    const id = ruleId(rule);
    const state = roll(stored[id], rule.windowMs, now);
    states[id] = state;
    if (weightedCount(state, rule.windowMs, now) >= rule.limit) {
      const wait = retryAfterMs(state, rule, now);
      if (!denied || wait > denied.retryAfterMs) denied = { rule, retryAfterMs: wait };
    }
  }
  if (denied) return { decision: { success: false, ...denied }, states };
  for (const rule of rules) states[ruleId(rule)].current += 1;
  return { decision: { success: true }, states };
}
