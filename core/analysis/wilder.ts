/**
 * Welles Wilder's average true range and average directional index over whole columns
 * (New Concepts in Technical Trading Systems, 1978): true range, +DM/-DM, Wilder smoothing
 * (first value a plain mean or sum of `period` values, then x -= x/period, += new).
 * Values are NaN while warming up.
 */

export interface DirectionalSeries {
  adx: Float64Array;
  plusDi: Float64Array;
  minusDi: Float64Array;
}

interface Hlc {
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  length: number;
}

function trueRange(b: Hlc, i: number): number {
  const range = b.high[i] - b.low[i];
  if (i === 0) return range;
  const prev = b.close[i - 1];
  return Math.max(range, Math.abs(b.high[i] - prev), Math.abs(b.low[i] - prev));
}

/** ATR: first value at index period-1 is the mean true range, then Wilder smoothing. */
export function atrSeries(b: Hlc, period = 14): Float64Array {
  const out = new Float64Array(b.length).fill(Number.NaN);
  let sum = 0;
  let atr = Number.NaN;
  for (let i = 0; i < b.length; i++) {
    const tr = trueRange(b, i);
    if (i < period) {
      sum += tr;
      if (i === period - 1) atr = sum / period;
    } else atr = (atr * (period - 1) + tr) / period;
    out[i] = atr;
  }
  return out;
}

/** +DI, -DI and ADX; ADX's first value is at index 2*period-1. */
export function adxSeries(b: Hlc, period = 14): DirectionalSeries {
  const n = b.length;
  const adx = new Float64Array(n).fill(Number.NaN);
  const plusDi = new Float64Array(n).fill(Number.NaN);
  const minusDi = new Float64Array(n).fill(Number.NaN);
  let tr = 0;
  let plus = 0;
  let minus = 0;
  let dxSum = 0;
  let value = Number.NaN;
  for (let i = 1; i < n; i++) {
    const up = b.high[i] - b.high[i - 1];
    const down = b.low[i - 1] - b.low[i];
    const pdm = up > down && up > 0 ? up : 0;
    const mdm = down > up && down > 0 ? down : 0;
    const t = trueRange(b, i);
    if (i <= period) {
      tr += t;
      plus += pdm;
      minus += mdm;
      if (i < period) continue;
    } else {
      tr = tr - tr / period + t;
      plus = plus - plus / period + pdm;
      minus = minus - minus / period + mdm;
    }
    const pdi = tr > 0 ? (100 * plus) / tr : 0;
    const mdi = tr > 0 ? (100 * minus) / tr : 0;
    plusDi[i] = pdi;
    minusDi[i] = mdi;
    const dx = pdi + mdi > 0 ? (100 * Math.abs(pdi - mdi)) / (pdi + mdi) : 0;
    const k = i - period; // 0 for the first DX
    if (k < period) {
      dxSum += dx;
      if (k === period - 1) value = dxSum / period;
    } else value = (value * (period - 1) + dx) / period;
    adx[i] = value;
  }
  return { adx, plusDi, minusDi };
}
