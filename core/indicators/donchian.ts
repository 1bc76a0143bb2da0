/** Donchian channel: highest high and lowest low of the last `period` bars (O(1) amortised). */

/** Rolling maximum (or minimum) with a monotone deque of indices. */
export class RollingExtreme {
  private readonly idx: Int32Array;
  private readonly val: Float64Array;
  private head = 0;
  private size = 0;
  private seen = 0;

  constructor(
    readonly period: number,
    private readonly max: boolean,
  ) {
    if (!(Number.isInteger(period) && period >= 1))
      throw new RangeError(`Period must be a whole number >= 1 (got ${period}).`);
    this.idx = new Int32Array(period + 1);
    this.val = new Float64Array(period + 1);
  }

  /** Adds the next value and returns the extreme of the window (NaN while warming up). */
  push(x: number): number {
    const cap = this.idx.length;
    const i = this.seen++;
    while (this.size > 0) {
      const last = (this.head + this.size - 1) % cap;
      if (this.max ? this.val[last] > x : this.val[last] < x) break;
      this.size--;
    }
    const at = (this.head + this.size) % cap;
    this.idx[at] = i;
    this.val[at] = x;
    this.size++;
    if (this.idx[this.head] <= i - this.period) {
      this.head = (this.head + 1) % cap;
      this.size--;
    }
    return this.seen < this.period ? Number.NaN : this.val[this.head];
  }
}

/** The channel series. */
export interface DonchianChannel {
  upper: Float64Array;
  lower: Float64Array;
}

/** Donchian channel of high/low series. */
export function donchian(high: Float64Array, low: Float64Array, period: number): DonchianChannel {
  const n = high.length;
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const hi = new RollingExtreme(period, true);
  const lo = new RollingExtreme(period, false);
  for (let i = 0; i < n; i++) {
    upper[i] = hi.push(high[i]);
    lower[i] = lo.push(low[i]);
  }
  return { upper, lower };
}
