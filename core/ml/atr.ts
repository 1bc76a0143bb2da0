/** Average true range (Wilder) and a rolling standard deviation, as array helpers for features. */
import type { Bars } from "../backtest/types.ts";
import { RollingStd } from "../indicators/bollinger.ts";

/** ATR with Wilder's smoothing; NaN for the first `period` bars (bar 0 has no true range). */
export function atr(bars: Bars, period: number): Float64Array {
  const { high, low, close } = bars;
  const n = close.length;
  const out = new Float64Array(n).fill(Number.NaN);
  let sum = 0;
  let value = Number.NaN;
  for (let i = 1; i < n; i++) {
    const pc = close[i - 1];
    const tr = Math.max(high[i] - low[i], Math.abs(high[i] - pc), Math.abs(low[i] - pc));
    if (i <= period) {
      sum += tr;
      if (i === period) value = sum / period;
    } else value = (value * (period - 1) + tr) / period;
    out[i] = value;
  }
  return out;
}

/** Rolling population standard deviation of a series whose leading values may be NaN (they are skipped). */
export function rollingStd(values: Float64Array, period: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  const sd = new RollingStd(period);
  let start = 0;
  while (start < values.length && !Number.isFinite(values[start])) start++;
  for (let i = start; i < values.length; i++) out[i] = sd.push(values[i]);
  return out;
}
