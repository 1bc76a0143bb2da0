/**
 * What a run is made of, shared by the Backtest, Optimise and Walk-forward tabs: data set,
 * timeframe, date range, strategy and its parameters, account and costs. Loads the bars
 * (resampled when the timeframe is higher than the stored one) for a run.
 */
import { createSignal } from "solid-js";
import type { Bars } from "../../../../core/market/candles.ts";
import { symbolInfo } from "../../../../core/market/symbols.ts";
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from "../../../../core/market/timeframes.ts";
import { getStrategy, STRATEGIES } from "../../../../core/strategy/registry.ts";
import type { ParamSpec, Params } from "../../../../core/strategy/types.ts";
import { listDatasets } from "../../adapters/bar-store.ts";
import { type DatasetRecord, db } from "../../adapters/db.ts";
import type { StrategyRef } from "../../workers/backtest-api.ts";
import { loadWindow } from "../chart/load-bars.ts";
import { loadSettings, settings } from "../settings/settings-store.ts";
import {
  type AccountForm,
  FOREX_DEFAULTS,
  type InstrumentRef,
  medianPrice,
  toEngineSettings,
} from "./account-form.ts";
import { type BracketUnit, type BracketUnits, specsInUnit } from "./bracket-units.ts";
import type { RunRecord, RunStrategy } from "./run-records.ts";
import { runState } from "./run-store.ts";
import { forexDefaultsFrom } from "./settings-defaults.ts";

const DAY_MS = 86_400_000;

const [datasets, setDatasets] = createSignal<DatasetRecord[]>([]);
const [datasetId, setDatasetId] = createSignal("");
const [timeframe, setTimeframe] = createSignal<Timeframe>("H1");
/** yyyy-mm-dd (UTC) or "" for the data set's start / end. */
const [fromDate, setFromDate] = createSignal("");
const [toDate, setToDate] = createSignal("");
/** "builtin:<id>" or "user:<record id>". */
const [strategyKey, setStrategyKey] = createSignal(`builtin:${STRATEGIES[0].id}`);
const [params, setParams] = createSignal<Params>({});
const [account, setAccountSignal] = createSignal<AccountForm>({
  ...FOREX_DEFAULTS,
  sizing: { ...FOREX_DEFAULTS.sizing },
});
/** True once the trader changed the account form: Settings no longer overwrite it. */
let accountEdited = false;
const setAccount = (form: AccountForm) => {
  accountEdited = true;
  setAccountSignal(form);
};

/** Puts the Settings defaults (leverage, spread of the pair, commission) into an untouched form. */
export function applySettingsDefaults(): void {
  if (!accountEdited) setAccountSignal(forexDefaultsFrom(settings(), currentDataset()?.symbol));
}

/** The "Forex defaults" preset: the Settings defaults for the selected pair. */
export function settingsDefaults(): AccountForm {
  return forexDefaultsFrom(settings(), currentDataset()?.symbol);
}

/** The unit stop-loss and take-profit are entered in (pips by default). */
const [bracketUnit, setBracketUnitSignal] = createSignal<BracketUnit>("pips");

export const setup = {
  bracketUnit,
  datasets,
  datasetId,
  setDatasetId,
  timeframe,
  setTimeframe,
  fromDate,
  setFromDate,
  toDate,
  setToDate,
  strategyKey,
  params,
  setParams,
  account,
  setAccount,
};

/** The selected data set record. */
export function currentDataset(): DatasetRecord | undefined {
  return datasets().find((d) => d.id === datasetId());
}

/** Timeframes a data set can be backtested on: its own and every higher one. */
export function timeframesFor(d: DatasetRecord | undefined): Timeframe[] {
  if (!d) return [];
  const base = TIMEFRAME_MS[d.timeframe as Timeframe] ?? 0;
  return TIMEFRAMES.filter((tf) => TIMEFRAME_MS[tf] >= base);
}

/** Reloads data sets; keeps the selection if it still exists, else picks the newest. */
export async function refreshSetupDatasets(): Promise<void> {
  await loadSettings().catch(() => undefined);
  const list = await listDatasets(db);
  setDatasets(list);
  if (!list.some((d) => d.id === datasetId()) && list.length > 0) selectDataset(list[0].id);
  applySettingsDefaults();
}

export function selectDataset(id: string): void {
  setDatasetId(id);
  const d = currentDataset();
  if (d) setTimeframe(d.timeframe as Timeframe);
  applySettingsDefaults();
  setFromDate("");
  setToDate("");
}

/** Parameter specs of the selected strategy ([] for user code that does not compile). */
export function strategyParams(): ParamSpec[] {
  const key = strategyKey();
  if (key.startsWith("builtin:")) return specsInUnit(getStrategy(key.slice(8)).params, bracketUnit());
  const rec = runState.userStrategies().find((s) => `user:${s.id}` === key);
  return rec?.params?.slice() ?? [];
}

/** Selects a strategy and resets its parameters to the defaults. */
export function selectStrategy(key: string): void {
  setStrategyKey(key);
  const p: Params = {};
  for (const spec of strategyParams()) p[spec.name] = spec.default;
  setParams(p);
}

/** The selected strategy as the worker wants it and as a run record keeps it. */
export function strategyRef(): { ref: StrategyRef; info: RunStrategy } {
  const key = strategyKey();
  if (key.startsWith("builtin:")) {
    const def = getStrategy(key.slice(8));
    return { ref: { kind: "builtin", id: def.id }, info: { kind: "builtin", id: def.id, name: def.name } };
  }
  const rec = runState.userStrategies().find((s) => `user:${s.id}` === key);
  if (!rec) throw new Error("The selected user strategy no longer exists; pick another strategy.");
  return {
    ref: { kind: "user", code: rec.code, name: rec.name },
    info: { kind: "user", id: rec.id, name: rec.name, code: rec.code },
  };
}

function dayMs(text: string): number | undefined {
  if (!text) return undefined;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) ? t : undefined;
}

/** The loaded bars of the current selection and what the cost conversion needs. */
export interface LoadedData {
  dataset: DatasetRecord;
  timeframe: Timeframe;
  bars: Bars;
  ref: InstrumentRef;
}

/** Reads the bars of the selection (date "to" is inclusive: the whole day). */
export async function loadSelection(): Promise<LoadedData> {
  const dataset = currentDataset();
  if (!dataset) throw new Error("Choose a data set first (import one or load the sample on the Data page).");
  const from = dayMs(fromDate()) ?? dataset.start;
  const toDay = dayMs(toDate());
  const to = toDay === undefined ? dataset.end + 1 : toDay + DAY_MS;
  if (to <= from) throw new Error("The end date must be after the start date.");
  const tf = timeframe();
  const bars = await loadWindow(db, dataset, { from, to }, tf);
  if (bars.length < 3) throw new Error("The chosen range holds fewer than 3 bars; widen the date range.");
  let pipSize = 0.0001;
  try {
    pipSize = symbolInfo(dataset.symbol).pipSize;
  } catch {
    // Unknown symbol: keep the common pip size; the form shows what it used.
  }
  return { dataset, timeframe: tf, bars, ref: { pipSize, refPrice: medianPrice(bars.close) } };
}

/** Engine settings of the current account form for loaded data. */
export function engineSettings(data: LoadedData) {
  return toEngineSettings(account(), data.ref);
}

/** Puts a saved run's data, strategy, parameters and account back into the setup. */
export function restoreSetup(run: RunRecord): void {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (datasets().some((d) => d.id === run.datasetId)) setDatasetId(run.datasetId);
  setTimeframe(run.timeframe as Timeframe);
  setFromDate(day(run.from));
  setToDate(day(run.to));
  setStrategyKey(`${run.strategy.kind}:${run.strategy.id}`);
  const p = { ...run.params };
  // built-in runs saved before units existed hold fractions of price: show them as percent
  if (run.strategy.kind === "builtin") {
    if (!run.bracketUnit) for (const k of ["stopLoss", "takeProfit"]) if (k in p) p[k] *= 100;
    setBracketUnitSignal(run.bracketUnit ?? "percent");
  }
  setParams(p);
  setAccount({ ...run.account, sizing: { ...run.account.sizing } });
}

/** Changes the SL/TP unit; the values are reset to 0 (none), since 30 pips is not 30%. */
export function setBracketUnit(unit: BracketUnit): void {
  if (unit === bracketUnit()) return;
  setBracketUnitSignal(unit);
  const p = { ...params() };
  for (const k of ["stopLoss", "takeProfit"]) if (k in p) p[k] = 0;
  setParams(p);
}

/** What the worker needs to read stopLoss/takeProfit in the chosen unit. */
export function bracketUnits(data: LoadedData): BracketUnits {
  return { unit: bracketUnit(), pipSize: data.ref.pipSize };
}
