/**
 * Price data storage in IndexedDB as columnar chunks: one record per data set and calendar
 * period (a month for M1-M30, a year for H1 and up) holding the bars in one compact,
 * lossless columnar buffer (chunk-codec.ts). A data set is one symbol at one timeframe;
 * importing again merges without duplicates. Every write is one Dexie transaction, so an import is all or nothing.
 * The data's own spread column (points) is stored when the bars have one; the data set
 * records that it has one (`hasSpread`), and reads give it back (NaN where unknown).
 */
import { type Bars, createBars, lowerBound, mergeBars, sliceBars } from "../../../core/market/candles.ts";
import { isTimeframe, TIMEFRAME_MS, type Timeframe } from "../../../core/market/timeframes.ts";
import { decodeChunk, decodeChunkInto, encodeChunk, encodedLowerBound } from "./chunk-codec.ts";
import type { ChunkRecord, DatasetRecord, ForexDb } from "./db.ts";

const FIELDS = ["time", "open", "high", "low", "close", "volume"] as const;

/** What an import hands to storage. */
export interface StoreInput {
  /** canonical symbol, e.g. "EURUSD" */
  symbol: string;
  /** display name, e.g. "EURUSD (simulated)" */
  label: string;
  timeframe: Timeframe;
  bars: Bars;
  simulated?: boolean;
  /** file name or "sample" */
  source?: string;
  /** wall clock for createdAt/updatedAt (the caller owns the clock) */
  now: number;
}

export interface StoreResult {
  dataset: DatasetRecord;
  /** bars that were not stored before (new times) */
  added: number;
  /** bars whose time existed and were replaced by the file's values */
  replaced: number;
}

/** Stable id of a data set: simulated data never merges into real data of the same pair. */
export function datasetIdFor(symbol: string, timeframe: Timeframe, simulated = false): string {
  return `${symbol}${simulated ? "-SIM" : ""}:${timeframe}`;
}

/** Start (UTC ms) of the storage period holding time t: month for intraday < H1, else year. */
export function periodStart(t: number, timeframe: Timeframe): number {
  const d = new Date(t);
  const month = TIMEFRAME_MS[timeframe] < TIMEFRAME_MS.H1 ? d.getUTCMonth() : 0;
  return Date.UTC(d.getUTCFullYear(), month, 1);
}

/** Start of the period after the one starting at start. */
function nextPeriod(start: number, timeframe: Timeframe): number {
  const d = new Date(start);
  if (TIMEFRAME_MS[timeframe] < TIMEFRAME_MS.H1) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
}

/** Splits sorted bars into per-period parts (copies with their own buffers). */
export function splitByPeriod(bars: Bars, timeframe: Timeframe): Array<{ start: number; bars: Bars }> {
  const parts: Array<{ start: number; bars: Bars }> = [];
  let i = 0;
  while (i < bars.length) {
    const start = periodStart(bars.time[i], timeframe);
    const j = lowerBound(bars, nextPeriod(start, timeframe));
    parts.push({ start, bars: sliceBars(bars, i, j) });
    i = j;
  }
  return parts;
}

/** The bars of a stored chunk (decoded into fresh Float64 columns). */
export function chunkToBars(chunk: ChunkRecord): Bars {
  if (chunk.data && chunk.layout)
    return decodeChunk({ data: chunk.data, layout: chunk.layout }, chunk.count, chunk.start);
  const bars = createBars(0);
  for (const f of FIELDS) bars[f] = new Float64Array(chunk[f] as ArrayBuffer, 0, chunk.count);
  bars.length = chunk.count;
  return bars;
}

/** Stored bytes of a chunk's bar data. */
export function chunkBytes(chunk: ChunkRecord): number {
  if (chunk.data) return chunk.data.byteLength;
  return FIELDS.reduce((sum, f) => sum + (chunk[f]?.byteLength ?? 0), 0);
}

function barsToChunk(datasetId: string, start: number, bars: Bars): ChunkRecord {
  const { data, layout } = encodeChunk(bars, start);
  return { datasetId, start, end: bars.time[bars.length - 1], count: bars.length, layout, data };
}

/**
 * Merges bars into the data set (creating it if new) in ONE read-write transaction: if
 * anything fails (quota, a closed tab) nothing of this import is kept.
 */
export async function storeBars(db: ForexDb, input: StoreInput): Promise<StoreResult> {
  const id = datasetIdFor(input.symbol, input.timeframe, input.simulated);
  const parts = splitByPeriod(input.bars, input.timeframe);
  return db.transaction("rw", db.datasets, db.chunks, async () => {
    const existing = await db.datasets.get(id);
    const old = await db.chunks.bulkGet(parts.map((p) => [id, p.start] as [string, number]));
    let delta = 0;
    let replaced = 0;
    let bytesDelta = 0;
    const records = parts.map((part, k) => {
      const before = old[k];
      const merged = before ? mergeBars(chunkToBars(before), part.bars) : part.bars;
      const added = merged.length - (before?.count ?? 0);
      delta += added;
      replaced += part.bars.length - added;
      const record = barsToChunk(id, part.start, merged);
      bytesDelta += chunkBytes(record) - (before ? chunkBytes(before) : 0);
      return record;
    });
    await db.chunks.bulkPut(records);
    const total = (existing?.bars ?? 0) + delta;
    const first = input.bars.time[0];
    const last = input.bars.time[input.bars.length - 1];
    const dataset: DatasetRecord = {
      id,
      symbol: input.symbol,
      label: input.label,
      timeframe: input.timeframe,
      start: existing ? Math.min(existing.start, first) : first,
      end: existing ? Math.max(existing.end, last) : last,
      bars: total,
      bytes: (existing?.bytes ?? 0) + bytesDelta,
      simulated: input.simulated ?? false,
      hasSpread: (existing?.hasSpread ?? false) || input.bars.spread !== undefined,
      source: input.source ?? existing?.source,
      createdAt: existing?.createdAt ?? input.now,
      updatedAt: input.now,
    };
    await db.datasets.put(dataset);
    return { dataset, added: delta, replaced };
  });
}

/** All data sets, newest first. */
export async function listDatasets(db: ForexDb): Promise<DatasetRecord[]> {
  const all = await db.datasets.toArray();
  return all.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Deletes a data set and all its chunks (one transaction). */
export async function deleteDataset(db: ForexDb, id: string): Promise<void> {
  await db.transaction("rw", db.datasets, db.chunks, async () => {
    await db.chunks.where("datasetId").equals(id).delete();
    await db.datasets.delete(id);
  });
}

/** The stored chunks of a data set overlapping [from, to), in time order. */
export async function readChunks(
  db: ForexDb,
  id: string,
  from = Number.NEGATIVE_INFINITY,
  to = Number.POSITIVE_INFINITY,
): Promise<ChunkRecord[]> {
  const tf = id.slice(id.lastIndexOf(":") + 1);
  // a chunk is keyed by its period start, so the one holding `from` starts at periodStart(from)
  const lookback = isTimeframe(tf) ? periodStart(from, tf) : from - 366 * 86_400_000;
  const lo = Number.isFinite(from) ? lookback : -8.64e15;
  const hi = Number.isFinite(to) ? to : 8.64e15;
  const chunks = await db.chunks
    .where("[datasetId+start]")
    .between([id, lo], [id, hi], true, false)
    .toArray();
  return chunks.filter((c) => c.end >= from);
}

/** Rows [a, b) of a chunk that fall in [from, to). */
function rowsInRange(chunk: ChunkRecord, from: number, to: number): [number, number] {
  if (chunk.data && chunk.layout) {
    const enc = { data: chunk.data, layout: chunk.layout };
    const a = Number.isFinite(from) ? encodedLowerBound(enc, chunk.count, chunk.start, from) : 0;
    const b = Number.isFinite(to) ? encodedLowerBound(enc, chunk.count, chunk.start, to) : chunk.count;
    return [a, Math.max(a, b)];
  }
  const bars = chunkToBars(chunk);
  return [lowerBound(bars, from), Math.max(lowerBound(bars, from), lowerBound(bars, to))];
}

/** Bars of a data set with from <= time < to (whole set by default), decoded into one columnar copy. */
export async function readBars(
  db: ForexDb,
  id: string,
  from = Number.NEGATIVE_INFINITY,
  to = Number.POSITIVE_INFINITY,
): Promise<Bars> {
  const chunks = await readChunks(db, id, from, to);
  const ranges = chunks.map((c) => rowsInRange(c, from, to));
  const withSpread = chunks.some((c) => c.layout?.spread !== undefined);
  const out = createBars(
    ranges.reduce((n, [a, b]) => n + b - a, 0),
    withSpread,
  );
  let at = 0;
  chunks.forEach((chunk, k) => {
    const [a, b] = ranges[k];
    if (b <= a) return;
    if (chunk.data && chunk.layout) {
      decodeChunkInto({ data: chunk.data, layout: chunk.layout }, chunk.count, chunk.start, {
        out,
        at,
        from: a,
        to: b,
      });
    } else {
      const bars = chunkToBars(chunk);
      for (const f of FIELDS) out[f].set(bars[f].subarray(a, b), at);
    }
    at += b - a;
  });
  return out;
}

/** Human size: "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
