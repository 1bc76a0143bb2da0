/**
 * Test data for strategy tests: a seeded random walk of H1 bars with 5-decimal prices
 * (enough crosses for meaningful comparisons), the same for a given (n, seed) every time.
 */
import { seededRandom } from "../backtest/param-space.ts";
import type { Bars } from "../backtest/types.ts";

/** `n` H1 bars from 2024-01-01 of a random walk around 1.1 seeded with `seed`. */
export function randomWalkBars(n: number, seed: number): Bars {
  const rnd = seededRandom(seed);
  const close = new Float64Array(n);
  let p = 1.1;
  for (let i = 0; i < n; i++) {
    p = Math.round(p * (1 + (rnd() - 0.5) * 0.004) * 1e5) / 1e5;
    close[i] = p;
  }
  const open = Float64Array.from(close, (c, i) => (i ? close[i - 1] : c));
  return {
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000),
    open,
    high: Float64Array.from(close, (c, i) => Math.max(c, open[i]) + 0.0002),
    low: Float64Array.from(close, (c, i) => Math.min(c, open[i]) - 0.0002),
    close,
    volume: new Float64Array(n),
  };
}
