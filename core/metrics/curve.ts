/**
 * One pass over an equity curve: drawdown series, peak, drawdown periods (the reference's
 * definition), daily closing equity and the share of weekend bars. One pass keeps the
 * statistics cheap next to the backtest itself on million-bar runs.
 */

const DAY_MS = 86_400_000;

/** What the statistics need from the equity curve. */
export interface CurveFigures {
  /** dd[i] = 1 - equity[i] / max(equity[0..i]), when an output array was given. */
  drawdown: Float64Array | null;
  equityPeak: number;
  maxDrawdown: number;
  /** Periods between consecutive bars at drawdown 0 (the last bar ends one), more than one bar apart. */
  periodCount: number;
  meanPeriodPeak: number;
  maxPeriodMs: number;
  meanPeriodMs: number;
  /** Last equity of each UTC day that has bars, in order. */
  dailyCloses: number[];
  /** Share of bars that fall on a Saturday or Sunday (UTC). */
  weekendShare: number;
}

/** dd[i] = 1 - equity[i] / max(equity[0..i]). */
export function drawdownSeries(equity: Float64Array): Float64Array {
  const dd = new Float64Array(equity.length);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i];
    if (e > peak) peak = e;
    dd[i] = 1 - e / peak;
  }
  return dd;
}

/** Scans the curve once, writing the drawdown series into `out` when given. */
export function curveFigures(equity: Float64Array, time: Float64Array, out?: Float64Array): CurveFigures {
  const n = equity.length;
  const dd = out ?? null;
  let peak = Number.NEGATIVE_INFINITY;
  let maxDd = 0;
  let prev = -1;
  let runMax = 0;
  let count = 0;
  let peakSum = 0;
  let durSum = 0;
  let maxDur = Number.NaN;
  const closes: number[] = [];
  let dayClose = Number.NaN; // last equity of the current day, pushed when the day ends
  let nextDay = Number.NEGATIVE_INFINITY;
  let onWeekend = false;
  let weekend = 0;
  for (let i = 0; i < n; i++) {
    const e = equity[i];
    if (e > peak) peak = e;
    const d = 1 - e / peak;
    if (dd !== null) dd[i] = d;
    if (d > maxDd) maxDd = d;
    if (d > runMax) runMax = d;
    if (d === 0 || i === n - 1) {
      if (prev >= 0 && i > prev + 1) {
        const dur = time[i] - time[prev];
        count++;
        peakSum += runMax;
        durSum += dur;
        if (!(dur <= maxDur)) maxDur = dur;
      }
      prev = i;
      runMax = d;
    }
    if (!(time[i] < nextDay)) {
      if (i > 0) closes.push(dayClose);
      const day = Math.floor(time[i] / DAY_MS);
      nextDay = (day + 1) * DAY_MS;
      const wd = (day + 4) % 7; // 1970-01-01 was a Thursday
      onWeekend = wd === 0 || wd === 6;
    }
    dayClose = e;
    if (onWeekend) weekend++;
  }
  if (n > 0) closes.push(dayClose);
  return {
    drawdown: dd,
    equityPeak: n ? peak : Number.NaN,
    maxDrawdown: maxDd,
    periodCount: count,
    meanPeriodPeak: count ? peakSum / count : Number.NaN,
    maxPeriodMs: maxDur,
    meanPeriodMs: count ? durSum / count : Number.NaN,
    dailyCloses: closes,
    weekendShare: n ? weekend / n : 0,
  };
}
