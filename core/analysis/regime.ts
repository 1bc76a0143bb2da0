/**
 * Market regime at the last bar: trend, range or breakout, with a direction.
 * - breakout: one of the last BREAKOUT_RECENT closes left the box of the BOX_BARS bars
 *   before it, and that box was compressed (its height at most COMPRESSED times the median
 *   box height over the lookback). Direction: the side it left.
 * - trend: ADX(14) >= TREND_ADX and the slow SMA's slope is at least MIN_SLOPE ATRs per
 *   SLOPE_BARS bars. Direction: the slope's sign.
 * - range: anything else. Direction: the slope's sign when it passes MIN_SLOPE, else flat.
 */
import type { Bars } from "../market/candles.ts";
import { adxSeries, atrSeries } from "./wilder.ts";

export type Regime = "trend" | "range" | "breakout";
export type Direction = "up" | "down" | "flat";

export const ADX_PERIOD = 14;
export const SLOW_MA = 50;
export const SLOPE_BARS = 10;
export const TREND_ADX = 25;
export const MIN_SLOPE = 0.5;
export const BOX_BARS = 20;
export const COMPRESSED = 0.6;
export const BREAKOUT_RECENT = 3;
/** Fewest bars the analysis accepts: the slow SMA, its slope and ADX's warm-up. */
export const MIN_BARS = SLOW_MA + SLOPE_BARS + 2 * ADX_PERIOD;

export interface RegimeFigures {
  adx: number;
  plusDi: number;
  minusDi: number;
  /** change of SMA(50) over the last 10 bars, in ATRs */
  slopeAtr: number;
  atr: number;
  /** the box before the breakout bar (or before the last bar when there is none) */
  box: { high: number; low: number; heightAtr: number; compression: number };
  /** bars since the breakout bar (0 = the last bar), only for a breakout */
  barsSinceBreakout?: number;
}

export interface RegimeResult {
  regime: Regime;
  direction: Direction;
  figures: RegimeFigures;
}

function smaAt(close: Float64Array, end: number, period: number): number {
  let s = 0;
  for (let i = end - period + 1; i <= end; i++) s += close[i];
  return s / period;
}

function boxBefore(b: Bars, j: number): { high: number; low: number } {
  let high = Number.NEGATIVE_INFINITY;
  let low = Number.POSITIVE_INFINITY;
  for (let i = j - BOX_BARS; i < j; i++) {
    if (b.high[i] > high) high = b.high[i];
    if (b.low[i] < low) low = b.low[i];
  }
  return { high, low };
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median box height over the bars from `from` to the last, sampled every bar. */
function typicalBoxHeight(b: Bars, from: number): number {
  const heights: number[] = [];
  for (let j = Math.max(from, BOX_BARS); j < b.length; j++) {
    const box = boxBefore(b, j);
    heights.push(box.high - box.low);
  }
  return median(heights);
}

/** Classifies the last bar of `bars`; `lookbackFrom` is the first bar of the comparison window. */
export function classifyRegime(bars: Bars, lookbackFrom = 0): RegimeResult {
  const last = bars.length - 1;
  const atr = atrSeries(bars, ADX_PERIOD);
  const { adx, plusDi, minusDi } = adxSeries(bars, ADX_PERIOD);
  const slopeAtr =
    (smaAt(bars.close, last, SLOW_MA) - smaAt(bars.close, last - SLOPE_BARS, SLOW_MA)) / atr[last];
  const typical = typicalBoxHeight(bars, lookbackFrom);
  const base = { adx: adx[last], plusDi: plusDi[last], minusDi: minusDi[last], slopeAtr, atr: atr[last] };
  const boxFigures = (j: number) => {
    const box = boxBefore(bars, j);
    const height = box.high - box.low;
    return { ...box, heightAtr: height / atr[j - 1], compression: height / typical };
  };
  for (let k = 0; k < BREAKOUT_RECENT; k++) {
    const j = last - k;
    const box = boxFigures(j);
    if (!(box.compression <= COMPRESSED)) continue;
    const close = bars.close[j];
    if (close > box.high || close < box.low) {
      return {
        regime: "breakout",
        direction: close > box.high ? "up" : "down",
        figures: { ...base, box, barsSinceBreakout: k },
      };
    }
  }
  const sloped: Direction = slopeAtr >= MIN_SLOPE ? "up" : slopeAtr <= -MIN_SLOPE ? "down" : "flat";
  const regime: Regime = adx[last] >= TREND_ADX && sloped !== "flat" ? "trend" : "range";
  return { regime, direction: sloped, figures: { ...base, box: boxFigures(last) } };
}
