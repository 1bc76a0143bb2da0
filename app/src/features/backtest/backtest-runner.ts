/**
 * Runs the current setup as one backtest in a worker (progress, cancel), saves the run in
 * IndexedDB, and keeps the shown result (with its bars for the price chart).
 */
import { createSignal } from "solid-js";
import { type Bars, createBars } from "../../../../core/market/candles.ts";
import { priceDigits } from "../../../../core/market/symbols.ts";
import type { Timeframe } from "../../../../core/market/timeframes.ts";
import { db } from "../../adapters/db.ts";
import { type RunningBacktest, startBacktest } from "../../workers/backtest-client.ts";
import { loadWindow } from "../chart/load-bars.ts";
import { formProblem } from "./account-form.ts";
import { strideIndices } from "./chart-theme.ts";
import { paramProblem, runName } from "./run-naming.ts";
import type { RunRecord } from "./run-records.ts";
import { newId, saveRun } from "./run-store.ts";
import {
  bracketUnits,
  engineSettings,
  loadSelection,
  setup,
  strategyParams,
  strategyRef,
} from "./setup-store.ts";
import type { CodeError } from "./user-strategy.ts";

/** A run on screen with the bars its trades refer to. */
export interface ShownRun {
  run: RunRecord;
  bars: Bars;
  digits: number;
}

const [running, setRunning] = createSignal(false);
const [progress, setProgress] = createSignal(0);
const [error, setError] = createSignal<CodeError>();
const [shown, setShown] = createSignal<ShownRun>();
let current: RunningBacktest | undefined;

export const runnerState = { running, progress, error, shown };

/** "Line 3: message" or the message alone. */
export function describeError(e: CodeError): string {
  return e.line ? `Line ${e.line}: ${e.message}` : e.message;
}

/** Most curve points kept in a saved run (long M1 runs would otherwise store megabytes per run). */
const STORED_POINTS = 20_000;

/** The run with its curves thinned to STORED_POINTS evenly spread bars (the worst drawdown kept). */
function compacted(run: RunRecord): RunRecord {
  const time = new Float64Array(run.time);
  if (time.length <= STORED_POINTS) return run;
  const equity = new Float64Array(run.equity);
  const drawdown = new Float64Array(run.drawdown);
  let worst = 0;
  for (let i = 1; i < drawdown.length; i++) if (drawdown[i] > drawdown[worst]) worst = i;
  const idx = [...new Set([...strideIndices(time.length, STORED_POINTS - 1), worst])].sort((a, b) => a - b);
  const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]).buffer;
  return { ...run, time: pick(time), equity: pick(equity), drawdown: pick(drawdown) };
}

/** Runs the current setup; the result is saved and shown. */
export async function runBacktest(): Promise<void> {
  if (running()) return;
  setError(undefined);
  const problem = paramProblem(strategyParams(), setup.params()) || formProblem(setup.account());
  if (problem) return void setError({ code: "invalid-settings", message: problem });
  setRunning(true);
  setProgress(0);
  try {
    const data = await loadSelection();
    const { ref, info } = strategyRef();
    const settings = engineSettings(data);
    const account = setup.account();
    current = startBacktest(
      {
        bars: data.bars,
        strategy: ref,
        params: setup.params(),
        settings,
        sizing: account.sizing,
        brackets: bracketUnits(data),
      },
      setProgress,
    );
    const outcome = await current.done;
    if (!outcome.ok) return void setError(outcome.error);
    const r = outcome.value;
    const label = data.dataset.label ?? data.dataset.symbol;
    // the unit applies to the built-ins' stopLoss/takeProfit; user code gives its own meaning
    const bracketUnit = info.kind === "builtin" ? setup.bracketUnit() : undefined;
    const from = data.bars.time[0];
    const to = data.bars.time[data.bars.length - 1];
    const run: RunRecord = {
      id: newId(),
      name: runName({
        strategy: info.name,
        params: r.params,
        bracketUnit,
        dataset: label,
        timeframe: data.timeframe,
        from,
        to,
        account,
      }),
      createdAt: Date.now(),
      datasetId: data.dataset.id,
      datasetLabel: label,
      timeframe: data.timeframe,
      from,
      to,
      bars: data.bars.length,
      strategy: info,
      params: r.params,
      bracketUnit,
      account,
      settings: r.settings,
      stats: r.stats,
      trades: r.trades,
      time: data.bars.time.slice().buffer,
      equity: r.equity.buffer as ArrayBuffer,
      drawdown: r.drawdown.buffer as ArrayBuffer,
    };
    setShown({ run, bars: data.bars, digits: priceDigits(data.dataset.symbol) });
    await saveRun(compacted(run));
  } catch (e) {
    setError({ code: "failed", message: (e as Error).message ?? String(e) });
  } finally {
    current = undefined;
    setRunning(false);
  }
}

/** Stops the running backtest (its worker is ended at once). */
export function cancelBacktest(): void {
  current?.cancel();
}

/** Shows a saved run, reloading its bars from the data set (if it still exists). */
export async function showRun(run: RunRecord): Promise<void> {
  setError(undefined);
  const dataset = await db.datasets.get(run.datasetId);
  const bars = dataset
    ? await loadWindow(db, dataset, { from: run.from, to: run.to + 1 }, run.timeframe as Timeframe)
    : undefined;
  // The price chart needs the same bars the run used; without them only the curves show.
  const usable = bars && bars.length === run.bars ? bars : createBars(0);
  setShown({ run, bars: usable, digits: priceDigits(dataset?.symbol ?? run.datasetLabel) });
}
