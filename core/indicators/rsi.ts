/** Relative Strength Index with Wilder's smoothing, incremental. */

/** RSI state: first value at the period-th change (index `period` of the series). */
export class Rsi {
  private prev = Number.NaN;
  private changes = 0;
  private gain = 0;
  private loss = 0;

  constructor(readonly period: number) {
    if (!(Number.isInteger(period) && period >= 1))
      throw new RangeError(`RSI period must be a whole number >= 1 (got ${period}).`);
  }

  /** Adds the next close and returns RSI in [0, 100] (NaN while warming up). */
  push(x: number): number {
    const prev = this.prev;
    this.prev = x;
    if (Number.isNaN(prev)) return Number.NaN;
    const change = x - prev;
    const up = Math.max(change, 0);
    const down = change < 0 ? -change : 0;
    const n = this.period;
    if (this.changes < n) {
      this.gain += up;
      this.loss += down;
      this.changes++;
      if (this.changes < n) return Number.NaN;
      this.gain /= n;
      this.loss /= n;
    } else {
      this.gain = (this.gain * (n - 1) + up) / n;
      this.loss = (this.loss * (n - 1) + down) / n;
    }
    if (this.loss === 0) return this.gain === 0 ? 50 : 100;
    return 100 - 100 / (1 + this.gain / this.loss);
  }
}

/** RSI of a series. */
export function rsi(values: Float64Array, period: number): Float64Array {
  const state = new Rsi(period);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = state.push(values[i]);
  return out;
}
