/**
 * Support and resistance from swing points: a swing high is a bar whose high is the
 * highest of the SWING_BARS bars on each side (a swing low likewise; of equal
 * extremes in a row, the first), over the last
 * LEVEL_LOOKBACK bars. Swing prices within CLUSTER_ATR x ATR of a cluster's mean join it;
 * each cluster is a level at its mean price, with one touch per swing point. Levels
 * below the last close are support, above it resistance; the nearest MAX_PER_SIDE of
 * each side are kept.
 */
import type { Bars } from "../market/candles.ts";

export const SWING_BARS = 5;
export const LEVEL_LOOKBACK = 500;
export const CLUSTER_ATR = 0.5;
export const MAX_PER_SIDE = 3;

export interface Level {
  price: number;
  kind: "support" | "resistance";
  touches: number;
}

function isSwing(values: Float64Array, i: number, higher: boolean): boolean {
  const v = values[i];
  for (let k = i - SWING_BARS; k <= i + SWING_BARS; k++) {
    if (k === i) continue;
    // A tie on the left means the swing already counted at the earlier bar.
    const beaten = higher
      ? values[k] > v || (k < i && values[k] === v)
      : values[k] < v || (k < i && values[k] === v);
    if (beaten) return false;
  }
  return true;
}

/** Swing prices (highs and lows together) in the lookback window. */
export function swingPrices(bars: Bars): number[] {
  const from = Math.max(SWING_BARS, bars.length - LEVEL_LOOKBACK);
  const out: number[] = [];
  for (let i = from; i < bars.length - SWING_BARS; i++) {
    if (isSwing(bars.high, i, true)) out.push(bars.high[i]);
    if (isSwing(bars.low, i, false)) out.push(bars.low[i]);
  }
  return out;
}

/** Clusters the swing prices and labels them against the last close. */
export function findLevels(bars: Bars, atr: number): Level[] {
  const prices = swingPrices(bars).sort((a, b) => a - b);
  const tolerance = CLUSTER_ATR * atr;
  const clusters: { sum: number; n: number }[] = [];
  for (const p of prices) {
    const c = clusters[clusters.length - 1];
    if (c && p - c.sum / c.n <= tolerance) {
      c.sum += p;
      c.n++;
    } else clusters.push({ sum: p, n: 1 });
  }
  const close = bars.close[bars.length - 1];
  const levels = clusters.map((c) => {
    const price = c.sum / c.n;
    return { price, kind: price < close ? "support" : "resistance", touches: c.n } as Level;
  });
  const near = (kind: Level["kind"]) =>
    levels
      .filter((l) => l.kind === kind)
      .sort((a, b) => Math.abs(a.price - close) - Math.abs(b.price - close))
      .slice(0, MAX_PER_SIDE);
  return [...near("resistance"), ...near("support")];
}
