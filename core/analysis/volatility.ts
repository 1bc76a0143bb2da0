/**
 * Volatility as the last ATR(14) and its percentile among the ATR values of the last
 * year (the bars whose time is within 365 days of the last bar): the share of those
 * values that are at or below the current one, in percent.
 */
export const YEAR_MS = 365 * 86_400_000;

export interface Volatility {
  atr: number;
  /** 0..100 */
  percentile: number;
  /** how many ATR values the percentile compares against */
  sample: number;
  /** UTC ms of the first bar in the comparison window */
  since: number;
}

/** The index of the first bar within a year of the last one. */
export function yearStart(time: ArrayLike<number>, length: number): number {
  const from = time[length - 1] - YEAR_MS;
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Percentile of atr[last] among the finite atr values from `from` to the last. */
export function atrPercentile(atr: Float64Array, time: ArrayLike<number>, from: number): Volatility {
  const last = atr.length - 1;
  const now = atr[last];
  let below = 0;
  let sample = 0;
  for (let i = from; i <= last; i++) {
    if (!Number.isFinite(atr[i])) continue;
    sample++;
    if (atr[i] <= now) below++;
  }
  return { atr: now, percentile: sample ? (100 * below) / sample : Number.NaN, sample, since: time[from] };
}
