/**
 * State of the Data page: the stored data sets, the chosen file and its preview, import
 * options, the running import with its progress, and the last outcome with its problems.
 * Module-level signals: the page can be left and re-entered while an import runs.
 */
import { createSignal } from "solid-js";
import { type ParseResult, previewText } from "../../../../core/market/parser.ts";
import type { TimeZoneId } from "../../../../core/market/time-zones.ts";
import type { Timeframe } from "../../../../core/market/timeframes.ts";
import type { ValidationMode } from "../../../../core/market/validation.ts";
import { deleteDataset, listDatasets } from "../../adapters/bar-store.ts";
import { type DatasetRecord, db } from "../../adapters/db.ts";
import { toast } from "../../ui/toasts.tsx";
import type { ImportOutcome, ImportProgress } from "../../workers/import-api.ts";
import { type RunningImport, startImport } from "../../workers/import-client.ts";
import { recordImport } from "./bench-hook.ts";
import { loadSampleData } from "./sample-data.ts";

const PREVIEW_BYTES = 64 * 1024;
const PERSIST_KEY = "storage:persist-asked";

export interface Preview {
  result?: ParseResult;
  error?: string;
}

const [datasets, setDatasets] = createSignal<DatasetRecord[]>([]);
const [file, setFile] = createSignal<File>();
const [preview, setPreview] = createSignal<Preview>();
const [symbol, setSymbol] = createSignal("");
const [timeframe, setTimeframe] = createSignal<Timeframe | "">("");
const [tz, setTz] = createSignal<TimeZoneId>("utc");
const [mode, setMode] = createSignal<ValidationMode>("skip");
const [running, setRunning] = createSignal<RunningImport>();
const [progress, setProgress] = createSignal<ImportProgress>();
const [outcome, setOutcome] = createSignal<ImportOutcome>();
const [persistence, setPersistence] = createSignal<string>();
const [loadingSample, setLoadingSample] = createSignal(false);

export const dataState = {
  datasets,
  file,
  preview,
  symbol,
  timeframe,
  tz,
  mode,
  running,
  progress,
  outcome,
  persistence,
  loadingSample,
  setSymbol,
  setTimeframe,
  setMode,
};

/** Re-reads the data-set list from IndexedDB. */
export async function refreshDatasets(): Promise<void> {
  setDatasets(await listDatasets(db));
}

async function updatePreview(): Promise<void> {
  const f = file();
  if (!f) return;
  try {
    const head = await f.slice(0, PREVIEW_BYTES).text();
    // previewText drops a possibly cut last line; a file read whole has none
    const whole = f.size <= PREVIEW_BYTES && !head.endsWith("\n") ? `${head}\n` : head;
    const result = previewText(whole, { tz: tz(), fileName: f.name });
    setPreview({ result });
    return;
  } catch (e) {
    setPreview({ error: (e as Error).message });
  }
}

/** A file was dropped or picked: preview it and prefill the detected symbol, timeframe and zone. */
export async function chooseFile(f: File): Promise<void> {
  setFile(f);
  setOutcome(undefined);
  setProgress(undefined);
  setPreview(undefined);
  await updatePreview();
  const result = preview()?.result;
  setSymbol(result?.symbol?.symbol ?? "");
  setTimeframe(result?.timeframe ?? "");
  // each file starts from its own clock: the dialect's known zone, else UTC
  const zone = result?.dialect.suggestedTz ?? "utc";
  if (zone !== tz()) {
    setTz(zone);
    await updatePreview();
  }
}

/** Changing the zone re-parses the preview so the shown times follow it. */
export async function chooseTz(zone: TimeZoneId): Promise<void> {
  setTz(zone);
  await updatePreview();
}

async function askPersistence(): Promise<void> {
  if (!navigator.storage?.persist) return;
  const asked = await db.kv.get(PERSIST_KEY);
  if (asked) {
    const persisted = await navigator.storage.persisted();
    setPersistence(
      persisted
        ? "Persistent storage: granted."
        : "Persistent storage: not granted (the browser may evict data when disk space is low).",
    );
    return;
  }
  const granted = await navigator.storage.persist();
  await db.kv.put({ key: PERSIST_KEY, value: granted, updatedAt: Date.now() });
  setPersistence(
    granted
      ? "Persistent storage: granted — the browser will not evict your data."
      : "Persistent storage: not granted — the browser may evict data when disk space is low. Installing the app usually grants it.",
  );
}

function finishImport(result: ImportOutcome): void {
  setOutcome(result);
  setRunning(undefined);
  if (result.ok) {
    toast(
      `Imported ${result.bars.toLocaleString("en-US")} bars into ${result.dataset.label ?? result.dataset.symbol} ${result.dataset.timeframe}.`,
      "success",
    );
  } else if (result.code !== "cancelled") toast(result.message, "error");
  void refreshDatasets();
}

/**
 * The stored (real, not simulated) data set the chosen file would merge into, if any: the
 * same symbol and timeframe (as chosen, else as detected in the preview).
 */
export function mergeTarget(): DatasetRecord | undefined {
  const sym = symbol().trim() || preview()?.result?.symbol?.symbol;
  const tf = timeframe() || preview()?.result?.timeframe;
  if (!sym || !tf) return undefined;
  return datasets().find((d) => d.symbol === sym && d.timeframe === tf && !d.simulated);
}

/** Starts importing the chosen file with the chosen options. */
export async function runImport(): Promise<void> {
  const f = file();
  if (!f || running()) return;
  const started = performance.now();
  setOutcome(undefined);
  setProgress({ phase: "reading", rows: 0, bytes: 0, totalBytes: f.size, rowsPerSecond: 0 });
  const job = startImport(
    {
      file: f,
      fileName: f.name,
      tz: tz(),
      mode: mode(),
      symbol: symbol().trim() || undefined,
      timeframe: timeframe() || undefined,
    },
    (p) => setProgress(p),
  );
  setRunning(job);
  void askPersistence().catch(() => undefined);
  const result = await job.done;
  recordImport(performance.now() - started, result);
  finishImport(result);
}

/** Cancels the running import. */
export function cancelImport(): void {
  running()?.cancel();
}

/** Imports the simulated sample series. */
export async function importSample(): Promise<ImportOutcome> {
  setLoadingSample(true);
  try {
    const result = await loadSampleData();
    if (result.ok) toast("Loaded the simulated EUR/USD H1 sample (not real market data).", "success");
    else toast(result.message, "error");
    await refreshDatasets();
    return result;
  } finally {
    setLoadingSample(false);
  }
}

/** Deletes a data set. */
export async function removeDataset(id: string): Promise<void> {
  await deleteDataset(db, id);
  await refreshDatasets();
}
