/**
 * Reads a time window of a stored data set and resamples it to the display timeframe chunk
 * by chunk (so years of M1 never sit in memory as one array), joining a bucket that spans
 * two chunks (a W1 bar across a month boundary) into one bar.
 */
import { type Bars, concatBars, lowerBound, sliceBars, viewBars } from "../../../../core/market/candles.ts";
import { resample, widerSpread } from "../../../../core/market/resample.ts";
import type { Timeframe } from "../../../../core/market/timeframes.ts";
import { chunkToBars, readChunks } from "../../adapters/bar-store.ts";
import type { DatasetRecord, ForexDb } from "../../adapters/db.ts";
import type { TimeRange } from "./window-plan.ts";

/** Folds the first bar of `next` into the last bar of `prev` when they share a bucket time. */
function joinBoundary(prev: Bars, next: Bars): Bars {
  if (prev.length === 0 || next.length === 0) return next;
  const last = prev.length - 1;
  if (next.time[0] !== prev.time[last]) return next;
  prev.high[last] = Math.max(prev.high[last], next.high[0]);
  prev.low[last] = Math.min(prev.low[last], next.low[0]);
  prev.close[last] = next.close[0];
  prev.volume[last] += next.volume[0];
  if (prev.spread && next.spread) prev.spread[last] = widerSpread(prev.spread[last], next.spread[0]);
  return sliceBars(next, 1);
}

/** Bars of the data set within the window, at timeframe tf. */
export async function loadWindow(
  db: ForexDb,
  dataset: DatasetRecord,
  window: TimeRange,
  tf: Timeframe,
): Promise<Bars> {
  const stored = dataset.timeframe as Timeframe;
  const chunks = await readChunks(db, dataset.id, window.from, window.to);
  const parts: Bars[] = [];
  for (const chunk of chunks) {
    const raw = chunkToBars(chunk);
    const a = lowerBound(raw, window.from);
    const b = lowerBound(raw, window.to);
    if (b <= a) continue;
    const part = resample(a === 0 && b === raw.length ? raw : viewBars(raw, a, b), stored, tf);
    const joined = parts.length > 0 ? joinBoundary(parts[parts.length - 1], part) : part;
    if (joined.length > 0) parts.push(joined);
  }
  return concatBars(parts);
}
