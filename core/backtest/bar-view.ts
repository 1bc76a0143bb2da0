/**
 * A window of a backtest's bars as views on the same buffers (no copy), the spread column
 * too when the bars have one. Used for walk-forward windows, a chosen date range and a
 * bot's recent history.
 */
import type { Bars } from "./types.ts";

/** Bars [start, end) as views (writes show in both); start is clamped at 0. */
export function barView(bars: Bars, start: number, end: number): Bars {
  const from = Math.max(0, start);
  const out: Bars = {
    time: bars.time.subarray(from, end),
    open: bars.open.subarray(from, end),
    high: bars.high.subarray(from, end),
    low: bars.low.subarray(from, end),
    close: bars.close.subarray(from, end),
    volume: bars.volume.subarray(from, end),
  };
  if (bars.spread) out.spread = bars.spread.subarray(from, end);
  return out;
}
