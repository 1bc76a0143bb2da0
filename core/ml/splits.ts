/**
 * Walk-forward splits over feature rows: each window trains on earlier rows and tests on
 * later ones, never shuffled across time, with a purge gap between them of at least the
 * label horizon (a training label at row r reaches bar r + h - 1; the first test row c
 * trades from the close of bar c - 1, so c >= end + h keeps them apart).
 */
import { DomainError } from "../errors.ts";

/** Row ranges [start, end) of one window. */
export interface SplitWindow {
  train: [number, number];
  test: [number, number];
}

export interface SplitOptions {
  /** first usable row (features defined) */
  firstRow: number;
  /** one past the last usable row */
  endRow: number;
  /** label horizon in bars; the gap must be at least this */
  horizon: number;
  /** number of test windows (default 4) */
  windows?: number;
  /** share of the rows used to train the first window (default 0.4) */
  initialTrain?: number;
  /** rows between train and test; default and minimum: horizon */
  gap?: number;
  /** true: each window trains from firstRow (expanding); false: a rolling window of the initial size */
  anchored?: boolean;
}

/** Walk-forward windows covering the rows after the first training span with tests back to back. */
export function walkForwardSplits(opts: SplitOptions): SplitWindow[] {
  const { firstRow, endRow, horizon, windows = 4, initialTrain = 0.4, anchored = true } = opts;
  const gap = opts.gap ?? horizon;
  if (!(Number.isInteger(horizon) && horizon >= 1))
    throw new DomainError("bad-split", `The label horizon must be a whole number >= 1 (got ${horizon}).`);
  if (gap < horizon)
    throw new DomainError(
      "bad-split",
      `The purge gap (${gap} rows) must be at least the label horizon (${horizon}); otherwise training labels overlap the test.`,
    );
  if (!(Number.isInteger(windows) && windows >= 1))
    throw new DomainError("bad-split", `The number of windows must be a whole number >= 1 (got ${windows}).`);
  const total = endRow - firstRow;
  const trainSize = Math.floor(total * initialTrain);
  const testTotal = total - trainSize - gap;
  const testSize = Math.floor(testTotal / windows);
  if (trainSize < 50 || testSize < 10)
    throw new DomainError(
      "not-enough-data",
      `Not enough rows for ${windows} walk-forward windows (${total} usable rows); use more bars or fewer windows.`,
    );
  const out: SplitWindow[] = [];
  for (let k = 0; k < windows; k++) {
    const testStart = firstRow + trainSize + gap + k * testSize;
    const testEnd = k === windows - 1 ? endRow : testStart + testSize;
    const trainEnd = testStart - gap;
    const trainStart = anchored ? firstRow : trainEnd - trainSize;
    out.push({ train: [trainStart, trainEnd], test: [testStart, testEnd] });
  }
  return out;
}

/** A training span split into fit and validation parts (for early stopping) with a purge gap. */
export function validationSplit(train: [number, number], horizon: number, share = 0.2): SplitWindow {
  const [start, end] = train;
  const valSize = Math.max(1, Math.floor((end - start) * share));
  const valStart = end - valSize;
  return { train: [start, Math.max(start, valStart - horizon)], test: [valStart, end] };
}
