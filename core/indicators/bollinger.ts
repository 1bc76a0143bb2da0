/** Bollinger bands: SMA(period) +- k population standard deviations, incremental. */
import { Sma } from "./moving-average.ts";

/** Rolling population standard deviation over `period` values (shifted sums for accuracy). */
export class RollingStd {
  private readonly window: Float64Array;
  private head = 0;
  private count = 0;
  private shift = Number.NaN;
  private sum = 0;
  private sumSq = 0;

  constructor(readonly period: number) {
    if (!(Number.isInteger(period) && period >= 1))
      throw new RangeError(`Period must be a whole number >= 1 (got ${period}).`);
    this.window = new Float64Array(period);
  }

  /** Adds the next value and returns the standard deviation (NaN while warming up). */
  push(x: number): number {
    if (Number.isNaN(this.shift)) this.shift = x;
    const d = x - this.shift;
    if (this.count === this.period) {
      const old = this.window[this.head];
      this.sum -= old;
      this.sumSq -= old * old;
    } else {
      this.count++;
    }
    this.sum += d;
    this.sumSq += d * d;
    this.window[this.head] = d;
    this.head = (this.head + 1) % this.period;
    if (this.count < this.period) return Number.NaN;
    const mean = this.sum / this.period;
    return Math.sqrt(Math.max(0, this.sumSq / this.period - mean * mean));
  }
}

/** The three Bollinger series. */
export interface BollingerBands {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

/** Bollinger bands of a series. */
export function bollinger(values: Float64Array, period: number, k: number): BollingerBands {
  const n = values.length;
  const middle = new Float64Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const mid = new Sma(period);
  const sd = new RollingStd(period);
  for (let i = 0; i < n; i++) {
    const m = mid.push(values[i]);
    const s = sd.push(values[i]);
    middle[i] = m;
    upper[i] = m + k * s;
    lower[i] = m - k * s;
  }
  return { middle, upper, lower };
}
