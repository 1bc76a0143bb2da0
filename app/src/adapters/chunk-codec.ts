/**
 * Compact, lossless encoding of a chunk of bars into ONE ArrayBuffer: times as Int32
 * seconds from the chunk start, prices as Int32 in units of 10^-d (the fewest decimals that
 * represent every price of the chunk exactly), volumes as Int32 when whole. Any column that
 * does not fit falls back to Float64, so decoding always returns the exact stored doubles.
 * Half the bytes of six Float64 columns: IndexedDB reads are bound by bytes moved.
 *
 * The data's own spread (points) is an optional seventh column after the volume, described
 * by `layout.spread`: Int32 with -1 for an unknown bar when every spread is whole, else
 * Float64 (NaN = unknown). Chunks stored before the column existed have no `spread` in
 * their layout and decode exactly as before, without a spread column.
 */
import { type Bars, createBars } from "../../../core/market/candles.ts";

/** Layout of an encoded chunk (stored next to the buffer). */
export interface ChunkLayout {
  /** "s32": Int32 seconds from base; "f64": Float64 ms */
  time: "s32" | "f64";
  /** price = int / priceScale; 0 means Float64 prices */
  priceScale: number;
  volume: "i32" | "f64";
  /** the data's own spread column; absent when the bars have none (and in older chunks) */
  spread?: "i32" | "f64";
}

export interface EncodedChunk {
  layout: ChunkLayout;
  data: ArrayBuffer;
}

const INT32_MAX = 2 ** 31 - 1;
const MAX_DECIMALS = 8;
const PRICE_FIELDS = ["open", "high", "low", "close"] as const;

function timeFitsSeconds(bars: Bars, base: number): boolean {
  for (let i = 0; i < bars.length; i++) {
    const s = (bars.time[i] - base) / 1000;
    if (!(Number.isInteger(s) && s >= 0 && s <= INT32_MAX)) return false;
  }
  return true;
}

function priceScaleFor(bars: Bars): number {
  for (let d = 0, scale = 1; d <= MAX_DECIMALS; d++, scale *= 10) {
    if (pricesExactAt(bars, scale)) return scale;
  }
  return 0;
}

function pricesExactAt(bars: Bars, scale: number): boolean {
  for (const f of PRICE_FIELDS) {
    const col = bars[f];
    for (let i = 0; i < bars.length; i++) {
      const n = Math.round(col[i] * scale);
      if (n > INT32_MAX || n < -INT32_MAX || n / scale !== col[i]) return false;
    }
  }
  return true;
}

function volumesWhole(bars: Bars): boolean {
  for (let i = 0; i < bars.length; i++) {
    const v = bars.volume[i];
    if (!(Number.isInteger(v) && v >= 0 && v <= INT32_MAX)) return false;
  }
  return true;
}

/** Int32 marker of an unknown (NaN) spread: real spreads are never negative. */
const UNKNOWN_SPREAD = -1;

function spreadsWhole(spread: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const s = spread[i];
    if (!(Number.isNaN(s) || (Number.isInteger(s) && s >= 0 && s <= INT32_MAX))) return false;
  }
  return true;
}

/** Bytes of one column, padded to 8 so Float64 views stay aligned. */
function columnBytes(n: number, wide: boolean): number {
  const bytes = n * (wide ? 8 : 4);
  return Math.ceil(bytes / 8) * 8;
}

/** Encodes bars (times >= base) compactly. */
export function encodeChunk(bars: Bars, base: number): EncodedChunk {
  const n = bars.length;
  const layout: ChunkLayout = {
    time: timeFitsSeconds(bars, base) ? "s32" : "f64",
    priceScale: priceScaleFor(bars),
    volume: volumesWhole(bars) ? "i32" : "f64",
  };
  if (bars.spread) layout.spread = spreadsWhole(bars.spread, n) ? "i32" : "f64";
  const widths = [
    layout.time === "f64",
    ...PRICE_FIELDS.map(() => layout.priceScale === 0),
    layout.volume === "f64",
    ...(layout.spread ? [layout.spread === "f64"] : []),
  ];
  const data = new ArrayBuffer(widths.reduce((sum, wide) => sum + columnBytes(n, wide), 0));
  let offset = 0;
  const column = (wide: boolean) => {
    const view = wide ? new Float64Array(data, offset, n) : new Int32Array(data, offset, n);
    offset += columnBytes(n, wide);
    return view;
  };
  const t = column(widths[0]);
  for (let i = 0; i < n; i++) t[i] = layout.time === "s32" ? (bars.time[i] - base) / 1000 : bars.time[i];
  for (const f of PRICE_FIELDS) {
    const out = column(layout.priceScale === 0);
    const src = bars[f];
    if (layout.priceScale === 0) out.set(src.subarray(0, n));
    else for (let i = 0; i < n; i++) out[i] = Math.round(src[i] * layout.priceScale);
  }
  const v = column(widths[5]);
  v.set(bars.volume.subarray(0, n));
  if (bars.spread && layout.spread) {
    const src = bars.spread;
    const out = column(layout.spread === "f64");
    if (layout.spread === "f64") out.set(src.subarray(0, n));
    else for (let i = 0; i < n; i++) out[i] = Number.isNaN(src[i]) ? UNKNOWN_SPREAD : src[i];
  }
  return { layout, data };
}

/** Decodes into fresh Float64 columns (with a spread column when the chunk has one). */
export function decodeChunk(chunk: EncodedChunk, count: number, base: number): Bars {
  const bars = createBars(count, chunk.layout.spread !== undefined);
  decodeChunkInto(chunk, count, base, { out: bars, at: 0, from: 0, to: count });
  return bars;
}

/** Where decodeChunkInto writes: rows [from, to) of the chunk go to out[at ...]. */
export interface DecodeTarget {
  out: Bars;
  at: number;
  from: number;
  to: number;
}

/**
 * Decodes rows [from, to) of a chunk straight into preallocated columns (no extra copies).
 * The spread goes to out.spread when both exist; a chunk without one leaves out.spread as is
 * (createBars fills it with NaN: unknown).
 */
export function decodeChunkInto(
  chunk: EncodedChunk,
  count: number,
  base: number,
  target: DecodeTarget,
): void {
  const { layout, data } = chunk;
  const { out, at, from, to } = target;
  let offset = 0;
  const read = (wide: boolean) => {
    const view = wide ? new Float64Array(data, offset, count) : new Int32Array(data, offset, count);
    offset += columnBytes(count, wide);
    return view;
  };
  const t = read(layout.time === "f64");
  if (layout.time === "f64") out.time.set(t.subarray(from, to), at);
  else for (let i = from, j = at; i < to; i++, j++) out.time[j] = base + t[i] * 1000;
  for (const f of PRICE_FIELDS) {
    const col = read(layout.priceScale === 0);
    const dst = out[f];
    if (layout.priceScale === 0) dst.set(col.subarray(from, to), at);
    else {
      const scale = layout.priceScale;
      for (let i = from, j = at; i < to; i++, j++) dst[j] = col[i] / scale;
    }
  }
  const v = read(layout.volume === "f64");
  if (layout.volume === "f64") out.volume.set(v.subarray(from, to), at);
  else for (let i = from, j = at; i < to; i++, j++) out.volume[j] = v[i];
  if (!layout.spread || !out.spread) return;
  const s = read(layout.spread === "f64");
  const dst = out.spread;
  if (layout.spread === "f64") dst.set(s.subarray(from, to), at);
  else for (let i = from, j = at; i < to; i++, j++) dst[j] = s[i] === UNKNOWN_SPREAD ? Number.NaN : s[i];
}

/** Index of the first row with time >= t, read from the encoded time column. */
export function encodedLowerBound(chunk: EncodedChunk, count: number, base: number, t: number): number {
  const wide = chunk.layout.time === "f64";
  const col = wide ? new Float64Array(chunk.data, 0, count) : new Int32Array(chunk.data, 0, count);
  const key = wide ? t : (t - base) / 1000;
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (col[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
