/**
 * Incremental moving averages: each state takes one value per bar in O(1) and returns the
 * current value (NaN while warming up). The array helpers run a state over a series.
 * Sma mirrors pandas' rolling mean (compensated add/remove sums, all-equal windows exact)
 * so crosses of near-equal averages are decided like the reference does.
 */

/** Simple moving average over the last `period` values. */
export class Sma {
  private readonly window: Float64Array;
  private head = 0;
  private count = 0;
  private sum = 0;
  private addComp = 0;
  private removeComp = 0;
  private same = 0;
  private prev = Number.NaN;
  private negatives = 0;

  constructor(readonly period: number) {
    if (!(Number.isInteger(period) && period >= 1))
      throw new RangeError(`SMA period must be a whole number >= 1 (got ${period}).`);
    this.window = new Float64Array(period);
  }

  /** Adds the next value and returns the average (NaN until `period` values were seen). */
  push(value: number): number {
    const n = this.period;
    if (this.count === n) {
      const old = this.window[this.head];
      const y = -old - this.removeComp;
      const t = this.sum + y;
      this.removeComp = t - this.sum - y;
      this.sum = t;
      if (isNegative(old)) this.negatives--;
    } else {
      this.count++;
    }
    const y = value - this.addComp;
    const t = this.sum + y;
    this.addComp = t - this.sum - y;
    this.sum = t;
    if (isNegative(value)) this.negatives++;
    this.same = value === this.prev ? this.same + 1 : 1;
    this.prev = value;
    this.window[this.head] = value;
    this.head = this.head + 1 === n ? 0 : this.head + 1;
    if (this.count < n) return Number.NaN;
    if (this.same >= n) return value;
    const mean = this.sum / n;
    if (this.negatives === 0 && mean < 0) return 0;
    if (this.negatives === n && mean > 0) return 0;
    return mean;
  }
}

/** Exponential moving average, alpha = 2 / (period + 1), seeded with the SMA of the first `period` values. */
export class Ema {
  private readonly alpha: number;
  private seen = 0;
  private seed = 0;
  private value = Number.NaN;

  constructor(readonly period: number) {
    if (!(Number.isInteger(period) && period >= 1))
      throw new RangeError(`EMA period must be a whole number >= 1 (got ${period}).`);
    this.alpha = 2 / (period + 1);
  }

  /** Adds the next value and returns the EMA (NaN until `period` values were seen; NaN inputs are skipped). */
  push(x: number): number {
    if (Number.isNaN(x)) return this.value;
    if (this.seen < this.period) {
      this.seed += x;
      this.seen++;
      if (this.seen === this.period) this.value = this.seed / this.period;
      return this.value;
    }
    this.value += this.alpha * (x - this.value);
    return this.value;
  }
}

/** Runs an incremental indicator over a series. */
export function series(values: Float64Array, state: { push(x: number): number }): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = state.push(values[i]);
  return out;
}

function isNegative(x: number): boolean {
  return x < 0 || (x === 0 && 1 / x < 0);
}

function checkPeriod(period: number): void {
  if (!(Number.isInteger(period) && period >= 1))
    throw new RangeError(`SMA period must be a whole number >= 1 (got ${period}).`);
}

/** The SMA value from the rolling state (pandas' calc_mean). */
function meanOf(sum: number, period: number, negatives: number, same: number, v: number): number {
  if (same >= period) return v;
  const mean = sum / period;
  return (negatives === 0 && mean < 0) || (negatives === period && mean > 0) ? 0 : mean;
}

/** SMA of a series (NaN for the first period - 1 values); same arithmetic as Sma, array-fast. */
export function sma(values: Float64Array, period: number): Float64Array {
  const out = new Float64Array(values.length);
  // Both halves of the pair compute the same series; one array takes both (no extra memory).
  return smaPair(values, period, period, [out, out])[0];
}

/**
 * Two SMAs of one series in a single pass, equal bit for bit to the Sma state. The two
 * compensated sums are independent dependency chains, so the CPU runs them side by side
 * for about the cost of one. State lives in locals to stay in registers. The loop has no
 * warm-up branches: before a window is full it "removes" +0, which leaves the compensated
 * sum and its negative count exactly as they are; the warm-up outputs are set to NaN after.
 * `out` (two arrays of values.length) receives the results instead of new arrays.
 */
export function smaPair(
  values: Float64Array,
  periodA: number,
  periodB: number,
  out?: [Float64Array, Float64Array],
): [Float64Array, Float64Array] {
  checkPeriod(periodA);
  checkPeriod(periodB);
  const n = values.length;
  const a = out ? out[0] : new Float64Array(n);
  const b = out ? out[1] : new Float64Array(n);
  let sa = 0;
  let aAdd = 0;
  let aRem = 0;
  let aNeg = 0;
  let aSame = 0;
  let sb = 0;
  let bAdd = 0;
  let bRem = 0;
  let bNeg = 0;
  let bSame = 0;
  let prev = Number.NaN;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const vNeg = isNegative(v) ? 1 : 0;
    const same = v === prev;
    prev = v;
    const oldA = i >= periodA ? values[i - periodA] : 0;
    let y = -oldA - aRem;
    let t = sa + y;
    aRem = t - sa - y;
    sa = t;
    if (isNegative(oldA)) aNeg--;
    y = v - aAdd;
    t = sa + y;
    aAdd = t - sa - y;
    sa = t;
    aNeg += vNeg;
    aSame = same ? aSame + 1 : 1;
    a[i] = meanOf(sa, periodA, aNeg, aSame, v);
    const oldB = i >= periodB ? values[i - periodB] : 0;
    y = -oldB - bRem;
    t = sb + y;
    bRem = t - sb - y;
    sb = t;
    if (isNegative(oldB)) bNeg--;
    y = v - bAdd;
    t = sb + y;
    bAdd = t - sb - y;
    sb = t;
    bNeg += vNeg;
    bSame = same ? bSame + 1 : 1;
    b[i] = meanOf(sb, periodB, bNeg, bSame, v);
  }
  a.fill(Number.NaN, 0, Math.min(periodA - 1, n));
  b.fill(Number.NaN, 0, Math.min(periodB - 1, n));
  return [a, b];
}

/** EMA of a series (NaN for the first period - 1 values). */
export function ema(values: Float64Array, period: number): Float64Array {
  return series(values, new Ema(period));
}
