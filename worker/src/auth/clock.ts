/**
 * The auth modules' clock. Production reads Date.now(); tests replace `clock.now`
 * (vi.spyOn(clock, "now")) to move across TOTP steps and token expiries without waiting.
 */
export const clock = {
  /** Current time in Unix milliseconds. */
  now(): number {
    return Date.now();
  },
};
