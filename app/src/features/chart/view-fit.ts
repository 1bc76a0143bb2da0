/**
 * Where the chart's visible logical range goes after new bars are set: a timeframe switch
 * keeps the time under the cursor at the same place and the bar spacing (as TradingView
 * does), a restored or zoom-driven view keeps its time range; either way the view is then
 * fitted to the data so it never ends up as a few huge candles or a sliver beside blank space.
 *
 * Logical coordinates are lightweight-charts': bar k is centred on k, so a bar covers
 * [k - 0.5, k + 0.5) and time t inside bar k (which starts at time[k] and lasts `step`)
 * sits at k - 0.5 + (t - time[k]) / step.
 */
import type { Bars } from "../../../../core/market/candles.ts";
import { lowerBound } from "../../../../core/market/candles.ts";

export interface LogicalSpan {
  from: number;
  to: number;
}

/** Empty bars kept beside the data at either end when the view is fitted. */
export const FIT_MARGIN_BARS = 3;
/** The fewest bars a fitted view shows (when the data has them). */
export const MIN_VIEW_BARS = 20;

/** Fractional logical position of time t (extrapolated by `step` outside the bars). */
export function logicalAt(bars: Bars, t: number, step: number): number {
  const n = bars.length;
  if (n === 0) return 0;
  if (t < bars.time[0]) return (t - bars.time[0]) / step - 0.5;
  const i = lowerBound(bars, t);
  const k = i < n && bars.time[i] === t ? i : i - 1;
  const within = (t - bars.time[k]) / step;
  // inside a gap (weekend) the time sits at the end of the bar before it; past the last bar it runs on
  return k - 0.5 + (k === n - 1 ? within : Math.min(1, within));
}

/** Time at a fractional logical position (inverse of logicalAt inside bars, extrapolated outside). */
export function timeAt(bars: Bars, x: number, step: number): number {
  const n = bars.length;
  if (n === 0) return 0;
  const k = Math.floor(x + 0.5);
  const within = x + 0.5 - k;
  if (k < 0) return bars.time[0] + (x + 0.5) * step;
  if (k >= n) return bars.time[n - 1] + (x + 0.5 - (n - 1)) * step;
  return bars.time[k] + within * step;
}

/**
 * Fits a view to n bars: at least MIN_VIEW_BARS wide, all bars (plus the margins) when it is
 * wider than the data, else shifted so neither end shows more than the margin of blank.
 */
export function fitLogical(view: LogicalSpan, n: number, margin = FIT_MARGIN_BARS): LogicalSpan {
  const lo = -margin;
  const hi = n - 1 + margin;
  let span = Math.max(view.to - view.from, Math.min(MIN_VIEW_BARS, hi - lo));
  if (!Number.isFinite(span) || span <= 0) span = Math.min(MIN_VIEW_BARS, hi - lo);
  if (span >= hi - lo) return { from: lo, to: hi };
  const centre = (view.from + view.to) / 2;
  let from = Number.isFinite(centre) ? centre - span / 2 : hi - span;
  if (from < lo) from = lo;
  if (from + span > hi) from = hi - span;
  return { from, to: from + span };
}

/** A view of `span` bars that puts time t at fraction `frac` of the width, fitted to the bars. */
export function anchoredView(bars: Bars, step: number, t: number, frac: number, span: number): LogicalSpan {
  const x = logicalAt(bars, t, step);
  const from = x - frac * span;
  const fitted = fitLogical({ from, to: from + span }, bars.length);
  return fitted;
}
