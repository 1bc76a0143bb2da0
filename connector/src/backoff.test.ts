/** Reconnect delays: full jitter under a doubling ceiling (hand-computed: 250 ms * 2^n, capped at 30 s). */
import { describe, expect, it } from "vitest";
import { BACKOFF_CAP_MS, nextDelay } from "./backoff.ts";

describe("nextDelay", () => {
  it("is a uniform fraction of a ceiling that doubles from 250 ms and stops at 30 s", () => {
    expect(nextDelay(0, () => 0.5)).toBe(125); // 0.5 * 250
    expect(nextDelay(3, () => 0.5)).toBe(1000); // 0.5 * 2000
    expect(nextDelay(3, () => 0.999)).toBe(1998);
    expect(nextDelay(20, () => 0.999)).toBe(Math.floor(0.999 * BACKOFF_CAP_MS));
    expect(nextDelay(0, () => 0)).toBe(10); // never a busy loop
  });

  it("spreads many clients: 1,000 draws at attempt 5 cover the whole range", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const draws = Array.from({ length: 1000 }, () => nextDelay(5, random));
    expect(Math.min(...draws)).toBeLessThan(800); // ceiling 8,000 ms
    expect(Math.max(...draws)).toBeGreaterThan(7200);
    expect(new Set(draws).size).toBeGreaterThan(900);
  });
});
