/**
 * Constructed price series with known shapes for the analysis tests: each bar opens at the
 * previous close and reaches `halfRange` beyond its body on both sides.
 */
import { type Bars, barsFromRows } from "../market/candles.ts";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const T0 = Date.UTC(2024, 0, 1);

export function barsFromCloses(
  closes: number[],
  halfRange: number | number[],
  step = HOUR,
  start = T0,
): Bars {
  return barsFromRows(
    closes.map((close, i) => {
      const open = i === 0 ? close : closes[i - 1];
      const h = typeof halfRange === "number" ? halfRange : halfRange[i];
      return {
        time: start + i * step,
        open,
        high: Math.max(open, close) + h,
        low: Math.min(open, close) - h,
        close,
        volume: 0,
      };
    }),
  );
}

export const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
