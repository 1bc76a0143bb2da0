/**
 * The import worker's handler map: reads a File chunk by chunk (file.stream()), feeds the
 * core streaming parser, reports progress, and stores the bars in ONE Dexie transaction at
 * the end, so a failure or a cancel leaves what was stored before untouched. Errors cross
 * the worker boundary as plain {code, message} objects.
 */
import type { Bars } from "../../../core/market/candles.ts";
import { createParser } from "../../../core/market/parser.ts";
import { symbolInfo } from "../../../core/market/symbols.ts";
import type { TimeZoneId } from "../../../core/market/time-zones.ts";
import type { Timeframe } from "../../../core/market/timeframes.ts";
import type { DataProblem, ValidationMode } from "../../../core/market/validation.ts";
import { storeBars } from "../adapters/bar-store.ts";
import { type DatasetRecord, db } from "../adapters/db.ts";

export interface ImportRequest {
  file: Blob;
  fileName: string;
  tz: TimeZoneId;
  mode: ValidationMode;
  /** user's symbol (wins over detection) */
  symbol?: string;
  /** user's timeframe (wins over detection) */
  timeframe?: Timeframe;
  simulated?: boolean;
  source?: string;
}

export interface ImportProgress {
  phase: "reading" | "saving";
  rows: number;
  bytes: number;
  totalBytes: number;
  rowsPerSecond: number;
}

export type ImportOutcome =
  | {
      ok: true;
      dataset: DatasetRecord;
      rowsRead: number;
      bars: number;
      added: number;
      replaced: number;
      problems: DataProblem[];
      problemCount: number;
      /** the parser's notes (e.g. a spread column set aside) */
      notes: string[];
      /** wall time of the whole import (read, parse, store) */
      ms: number;
      parseMs: number;
      storeMs: number;
    }
  | {
      ok: false;
      code: "cancelled" | "invalid" | "unknown-format" | "quota" | "storage" | "no-symbol" | "no-timeframe";
      message: string;
      problems: DataProblem[];
      problemCount: number;
    };

const PROGRESS_EVERY_MS = 100;
let cancelled = false;

function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; inner?: { name?: string } } | undefined;
  return err?.name === "QuotaExceededError" || err?.inner?.name === "QuotaExceededError";
}

function failure(
  code: Extract<ImportOutcome, { ok: false }>["code"],
  message: string,
  problems: DataProblem[] = [],
  problemCount = problems.length,
): Failure {
  return { ok: false, code, message, problems, problemCount };
}

/** Reads and parses the whole file; undefined when cancelled. */
async function parseFile(req: ImportRequest, onProgress: (p: ImportProgress) => void) {
  const parser = createParser({ tz: req.tz, mode: req.mode, fileName: req.fileName, symbol: req.symbol });
  const started = performance.now();
  let lastReport = 0;
  const reader = req.file.stream().pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (cancelled) {
      await reader.cancel();
      return undefined;
    }
    if (done) break;
    const p = parser.feed(value);
    const now = performance.now();
    if (now - lastReport > PROGRESS_EVERY_MS) {
      lastReport = now;
      const rowsPerSecond = Math.round(p.rows / Math.max(0.001, (now - started) / 1000));
      onProgress({
        phase: "reading",
        rows: p.rows,
        bytes: p.bytes,
        totalBytes: req.file.size,
        rowsPerSecond,
      });
    }
  }
  return parser.finish();
}

async function save(req: ImportRequest, bars: Bars, symbol: string, label: string, timeframe: Timeframe) {
  return storeBars(db, {
    symbol,
    label,
    timeframe,
    bars,
    simulated: req.simulated,
    source: req.source ?? req.fileName,
    now: Date.now(),
  });
}

type Failure = Extract<ImportOutcome, { ok: false }>;
type Parsed = NonNullable<Awaited<ReturnType<typeof parseFile>>>;
const CANCELLED = "Import cancelled: nothing was stored.";

/** Reads and parses; a failure outcome when the file is unreadable, bad (abort) or cancelled. */
async function parseStage(
  req: ImportRequest,
  onProgress: (p: ImportProgress) => void,
): Promise<Parsed | Failure> {
  let result: Awaited<ReturnType<typeof parseFile>>;
  try {
    result = await parseFile(req, onProgress);
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const code =
      err.code === "unknown-format"
        ? "unknown-format"
        : err.code === "unknown-symbol"
          ? "no-symbol"
          : "invalid";
    return failure(code, err.message ?? String(e));
  }
  if (!result) return failure("cancelled", CANCELLED);
  if (result.ok) return result;
  const message = `${result.failure ?? "Import failed."} Nothing was stored.`;
  return failure("invalid", message, result.problems, result.problemCount);
}

function storageFailure(e: unknown, bars: number): Failure {
  if (isQuotaError(e)) {
    const mb = ((bars * 48) / 1e6).toFixed(1);
    return failure(
      "quota",
      `The browser's storage is full (this import needs about ${mb} MB). Delete data sets you no longer need, or free disk space, and try again. Nothing was stored.`,
    );
  }
  return failure("storage", `Saving failed: ${(e as Error).message ?? e}. Nothing was stored.`);
}

export const importApi = {
  /** Parses and stores a file; progress goes to onProgress (a comlink proxy). */
  async run(req: ImportRequest, onProgress: (p: ImportProgress) => void): Promise<ImportOutcome> {
    cancelled = false;
    const t0 = performance.now();
    const result = await parseStage(req, onProgress);
    if (!("bars" in result)) return result;
    const info = result.symbol ?? (req.symbol ? symbolInfo(req.symbol) : undefined);
    if (!info)
      return failure("no-symbol", "Could not recognise the symbol: type it (e.g. EURUSD) and import again.");
    const timeframe = req.timeframe ?? result.timeframe;
    if (!timeframe)
      return failure("no-timeframe", "Could not detect the timeframe: choose it and import again.");
    const parseMs = performance.now() - t0;
    if (cancelled) return failure("cancelled", CANCELLED);
    const { rowsRead, bytesRead, problems, problemCount, notes } = result;
    onProgress({
      phase: "saving",
      rows: rowsRead,
      bytes: bytesRead,
      totalBytes: req.file.size,
      rowsPerSecond: 0,
    });
    try {
      const simulated = req.simulated || info.simulated;
      const stored = await save({ ...req, simulated }, result.bars, info.symbol, info.label, timeframe);
      const ms = performance.now() - t0;
      const { dataset, added, replaced } = stored;
      const bars = result.bars.length;
      return {
        ok: true,
        dataset,
        rowsRead,
        bars,
        added,
        replaced,
        problems,
        problemCount,
        notes,
        ms,
        parseMs,
        storeMs: ms - parseMs,
      };
    } catch (e) {
      return storageFailure(e, result.bars.length);
    }
  },

  /** Stops a running import before it saves; a save already under way completes. */
  cancel(): void {
    cancelled = true;
  },
};

export type ImportApi = typeof importApi;
