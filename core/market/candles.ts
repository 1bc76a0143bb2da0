/**
 * Columnar OHLCV bars: one Float64Array per field, times in UTC ms, sorted ascending.
 * Columns keep the data compact, cheap to transfer between workers (transferable buffers)
 * and cheap to store as chunks. Every array has exactly `length` elements.
 */
import { DomainError } from "../errors.ts";

export interface Bars {
  /** bar open time, UTC ms, strictly increasing */
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** the data's own spread in points per bar (NaN = unknown); absent when the data has none */
  spread?: Float64Array;
  length: number;
}

/** One bar as a plain object (for tests, previews and small sets; not for hot loops). */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** spread in points, when the data has it */
  spread?: number;
}

export const BAR_FIELDS = ["time", "open", "high", "low", "close", "volume"] as const;

/** Zero-filled bars of a given length; withSpread adds a spread column of NaN (unknown). */
export function createBars(length: number, withSpread = false): Bars {
  const bars: Bars = {
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
    length,
  };
  if (withSpread) bars.spread = new Float64Array(length).fill(Number.NaN);
  return bars;
}

/** Builds columnar bars from row objects (must already be sorted). */
export function barsFromRows(rows: readonly Bar[]): Bars {
  const bars = createBars(
    rows.length,
    rows.some((r) => r.spread !== undefined),
  );
  rows.forEach((row, i) => {
    for (const field of BAR_FIELDS) bars[field][i] = row[field];
    if (bars.spread && row.spread !== undefined) bars.spread[i] = row.spread;
  });
  return bars;
}

/** The bar at index i as an object. */
export function barAt(bars: Bars, i: number): Bar {
  const bar: Bar = {
    time: bars.time[i],
    open: bars.open[i],
    high: bars.high[i],
    low: bars.low[i],
    close: bars.close[i],
    volume: bars.volume[i],
  };
  if (bars.spread) bar.spread = bars.spread[i];
  return bar;
}

/** All bars as objects (small sets only). */
export function barsToRows(bars: Bars): Bar[] {
  return Array.from({ length: bars.length }, (_, i) => barAt(bars, i));
}

/** A copy of bars [start, end) with its own buffers (safe to store or transfer). */
export function sliceBars(bars: Bars, start = 0, end = bars.length): Bars {
  const s = Math.max(0, Math.min(start, bars.length));
  const e = Math.max(s, Math.min(end, bars.length));
  const out: Bars = {
    time: bars.time.slice(s, e),
    open: bars.open.slice(s, e),
    high: bars.high.slice(s, e),
    low: bars.low.slice(s, e),
    close: bars.close.slice(s, e),
    volume: bars.volume.slice(s, e),
    length: e - s,
  };
  if (bars.spread) out.spread = bars.spread.slice(s, e);
  return out;
}

/**
 * Columns [start, end) as views on the same buffers (no copy; writes show in both), the
 * spread too when present; for bars with or without `length` (the backtest's Bars has none).
 */
export function viewColumns(bars: Omit<Bars, "length">, start: number, end: number): Omit<Bars, "length"> {
  const out: Omit<Bars, "length"> = {
    time: bars.time.subarray(start, end),
    open: bars.open.subarray(start, end),
    high: bars.high.subarray(start, end),
    low: bars.low.subarray(start, end),
    close: bars.close.subarray(start, end),
    volume: bars.volume.subarray(start, end),
  };
  if (bars.spread) out.spread = bars.spread.subarray(start, end);
  return out;
}

/** Bars [start, end) as views on the same buffers (no copy; writes show in both). */
export function viewBars(bars: Bars, start: number, end: number): Bars {
  return { ...viewColumns(bars, start, end), length: end - start };
}

/** The bars with a spread column: their own, or one of NaN (unknown) added (same other columns). */
export function withSpreadColumn(bars: Bars): Bars {
  return bars.spread ? bars : { ...bars, spread: new Float64Array(bars.length).fill(Number.NaN) };
}

/** Index of the first bar with time >= t (bars.length if none). */
export function lowerBound(bars: Bars, t: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bars.time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Copy of the bars with fromMs <= time < toMs. */
export function barsInRange(bars: Bars, fromMs: number, toMs: number): Bars {
  return sliceBars(bars, lowerBound(bars, fromMs), lowerBound(bars, toMs));
}

/** Concatenates sorted, non-overlapping parts in order (throws if they overlap or are out of order). */
export function concatBars(parts: readonly Bars[]): Bars {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = createBars(
    total,
    parts.some((p) => p.spread !== undefined),
  );
  let at = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const part of parts) {
    if (part.length === 0) continue;
    if (part.time[0] <= last) {
      throw new DomainError(
        "bars-overlap",
        "concatBars needs sorted, non-overlapping parts; use mergeBars instead.",
      );
    }
    for (const field of BAR_FIELDS) out[field].set(part[field].subarray(0, part.length), at);
    if (out.spread && part.spread) out.spread.set(part.spread.subarray(0, part.length), at);
    at += part.length;
    last = part.time[part.length - 1];
  }
  return out;
}

function copyBar(from: Bars, i: number, to: Bars, j: number): void {
  to.time[j] = from.time[i];
  to.open[j] = from.open[i];
  to.high[j] = from.high[i];
  to.low[j] = from.low[i];
  to.close[j] = from.close[i];
  to.volume[j] = from.volume[i];
  if (to.spread) to.spread[j] = from.spread ? from.spread[i] : Number.NaN;
}

/**
 * Merges two sorted series into one sorted series without duplicate times. Where both have
 * a bar at the same time the incoming bar wins (a re-import corrects old data), unless
 * prefer is "existing". When either side has a spread column the result has one, with NaN
 * (unknown) for bars from the side without it.
 */
export function mergeBars(
  existing: Bars,
  incoming: Bars,
  prefer: "incoming" | "existing" = "incoming",
): Bars {
  const out = createBars(
    existing.length + incoming.length,
    existing.spread !== undefined || incoming.spread !== undefined,
  );
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < existing.length || j < incoming.length) {
    const a = i < existing.length ? existing.time[i] : Number.POSITIVE_INFINITY;
    const b = j < incoming.length ? incoming.time[j] : Number.POSITIVE_INFINITY;
    if (a < b) copyBar(existing, i++, out, k++);
    else if (b < a) copyBar(incoming, j++, out, k++);
    else {
      if (prefer === "incoming") copyBar(incoming, j, out, k++);
      else copyBar(existing, i, out, k++);
      i++;
      j++;
    }
  }
  return k === out.length ? out : sliceBars(out, 0, k);
}

/** Growable columnar buffer for building bars one at a time (amortised doubling). */
export class BarsBuilder {
  private cols: Bars;
  private capacity: number;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity);
    this.cols = createBars(this.capacity);
  }

  /** Appends a bar. */
  push(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    if (this.length === this.capacity) this.grow();
    const c = this.cols;
    const i = this.length++;
    c.time[i] = time;
    c.open[i] = open;
    c.high[i] = high;
    c.low[i] = low;
    c.close[i] = close;
    c.volume[i] = volume;
  }

  /** Appends a bar with the data's spread in points (NaN = unknown); earlier bars get NaN. */
  pushWithSpread(
    time: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    spread: number,
  ): void {
    this.push(time, open, high, low, close, volume);
    if (!this.cols.spread) this.cols.spread = new Float64Array(this.capacity).fill(Number.NaN);
    this.cols.spread[this.length - 1] = spread;
  }

  /** Time of the last bar pushed (NaN when empty). */
  lastTime(): number {
    return this.length > 0 ? this.cols.time[this.length - 1] : Number.NaN;
  }

  /** The bars pushed so far, trimmed to exact length. */
  build(): Bars {
    return sliceBars(this.cols, 0, this.length);
  }

  private grow(): void {
    this.capacity *= 2;
    const bigger = createBars(this.capacity, this.cols.spread !== undefined);
    for (const field of BAR_FIELDS) bigger[field].set(this.cols[field]);
    if (bigger.spread && this.cols.spread) bigger.spread.set(this.cols.spread);
    this.cols = bigger;
  }
}
