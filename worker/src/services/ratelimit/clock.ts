/**
 * The rate limiters' clock. Production reads Date.now(); tests replace `rateLimitClock.now`
 * (vi.spyOn) to walk through minute and hour windows without waiting. The Upstash adapter's
 * approximate windows use @upstash/ratelimit, which reads Date.now() itself (tests of that
 * backend move the system time instead).
 */
export const rateLimitClock = {
  /** Current time in Unix milliseconds. */
  now(): number {
    return Date.now();
  },
};
