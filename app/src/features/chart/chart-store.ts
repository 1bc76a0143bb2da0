/**
 * State of the Chart page: data set, display timeframe (explicit or auto), indicator
 * settings and the loaded window of bars. Remembers the last view (data set, timeframe,
 * indicators, visible range) in db.kv and restores it on the next visit.
 */
import { createSignal } from "solid-js";
import { type Bars, createBars } from "../../../../core/market/candles.ts";
import { TIMEFRAME_MS, type Timeframe } from "../../../../core/market/timeframes.ts";
import { listDatasets } from "../../adapters/bar-store.ts";
import { type DatasetRecord, db } from "../../adapters/db.ts";
import { clampPeriod, DEFAULT_INDICATORS, type IndicatorSettings } from "./indicators.ts";
import { loadWindow } from "./load-bars.ts";
import {
  autoTimeframe,
  displayTimeframes,
  fittingTimeframe,
  needsNewWindow,
  planWindow,
  type TimeRange,
} from "./window-plan.ts";

const VIEW_KEY = "chart:view";
const SAVE_DELAY_MS = 400;

export interface ChartView {
  datasetId?: string;
  timeframe?: Timeframe;
  auto: boolean;
  indicators: IndicatorSettings;
  range?: TimeRange;
}

/**
 * What to show once new bars are set: a time range (a restored view, a zoom-driven auto
 * switch, a window reload), or "switch": an explicit timeframe change that keeps the time
 * under the cursor where it is and the bar spacing (the chart knows both).
 */
export type ViewRequest = { kind: "range"; range: TimeRange } | { kind: "switch" };

export interface LoadedBars {
  bars: Bars;
  window: TimeRange;
  timeframe: Timeframe;
  /** the view to show after setting the data (undefined: a default recent view) */
  show?: ViewRequest;
  /** true when the bars are the whole data set (the chart then holds its edges) */
  whole: boolean;
}

const [datasets, setDatasets] = createSignal<DatasetRecord[]>([]);
const [dataset, setDataset] = createSignal<DatasetRecord>();
const [timeframe, setTimeframe] = createSignal<Timeframe>("H1");
const [auto, setAuto] = createSignal(true);
const [indicators, setIndicatorsSignal] = createSignal<IndicatorSettings>(DEFAULT_INDICATORS);
const [loaded, setLoaded] = createSignal<LoadedBars>();
const [loading, setLoading] = createSignal(false);
const [ready, setReady] = createSignal(false);

let visible: TimeRange | undefined;
/** the last reported zoom (bars on screen, chart width), so turning auto on can act at once */
let lastZoom = { bars: 0, width: 0 };
let loadSeq = 0;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

export const chartState = { datasets, dataset, timeframe, auto, indicators, loaded, loading, ready };

function storedTf(d: DatasetRecord): Timeframe {
  return d.timeframe as Timeframe;
}

function datasetRange(d: DatasetRecord): TimeRange {
  return { from: d.start, to: d.end };
}

function saveView(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const view: ChartView = {
      datasetId: dataset()?.id,
      timeframe: timeframe(),
      auto: auto(),
      indicators: indicators(),
      range: visible,
    };
    void db.kv.put({ key: VIEW_KEY, value: view, updatedAt: Date.now() });
  }, SAVE_DELAY_MS);
}

/** Loads the window around `around` at the current timeframe and asks the chart to show `show`. */
async function load(
  around?: TimeRange,
  show: ViewRequest | undefined = around && { kind: "range", range: around },
): Promise<void> {
  const d = dataset();
  if (!d) return;
  const seq = ++loadSeq;
  const tf = timeframe();
  const window = planWindow(datasetRange(d), around, tf);
  setLoading(true);
  try {
    const bars = await loadWindow(db, d, window, tf);
    if (seq !== loadSeq) return;
    const whole = window.from <= d.start && window.to > d.end;
    setLoaded({ bars, window, timeframe: tf, show, whole });
  } finally {
    if (seq === loadSeq) setLoading(false);
  }
}

function sanitiseIndicators(s: Partial<IndicatorSettings> | undefined): IndicatorSettings {
  const d = DEFAULT_INDICATORS;
  const pick = <K extends "sma" | "ema" | "bollinger" | "rsi">(k: K) => ({
    on: Boolean(s?.[k]?.on),
    period: clampPeriod(Number(s?.[k]?.period), d[k].period),
  });
  return {
    sma: pick("sma"),
    ema: pick("ema"),
    bollinger: pick("bollinger"),
    rsi: pick("rsi"),
    macd: { on: Boolean(s?.macd?.on) },
  };
}

/** Loads the data-set list and the remembered view; `wanted` (from the URL) wins. */
export async function initChart(wanted?: string): Promise<void> {
  setReady(false);
  const [list, saved] = await Promise.all([listDatasets(db), db.kv.get(VIEW_KEY)]);
  setDatasets(list);
  const view = saved?.value as ChartView | undefined;
  setIndicatorsSignal(sanitiseIndicators(view?.indicators));
  const d = list.find((x) => x.id === wanted) ?? list.find((x) => x.id === view?.datasetId) ?? list[0];
  setDataset(d);
  setReady(true);
  if (!d) {
    setLoaded(undefined);
    return;
  }
  const sameSet = view?.datasetId === d.id;
  const tf =
    sameSet && view?.timeframe && displayTimeframes(storedTf(d)).includes(view.timeframe)
      ? view.timeframe
      : undefined;
  setAuto(sameSet ? view?.auto !== false : true);
  setTimeframe(tf ?? fittingTimeframe(storedTf(d), d.end - d.start));
  visible = sameSet ? view?.range : undefined;
  await load(visible);
}

/** Switches to another data set (fresh view at a fitting timeframe). */
export async function selectDataset(id: string): Promise<void> {
  const d = datasets().find((x) => x.id === id);
  if (!d) return;
  setDataset(d);
  setAuto(true);
  setTimeframe(fittingTimeframe(storedTf(d), d.end - d.start));
  visible = undefined;
  saveView();
  await load();
}

/**
 * An explicit timeframe (turns auto off); keeps the time under the cursor and the bar
 * spacing, so D1 after H1 shows about as many candles as before, around the same moment.
 */
export async function selectTimeframe(tf: Timeframe): Promise<void> {
  setAuto(false);
  const before = TIMEFRAME_MS[timeframe()];
  setTimeframe(tf);
  saveView();
  // the window to load: as many bars of tf as are on screen now, around the same centre
  const around = visible && {
    from: (visible.from + visible.to) / 2 - ((visible.to - visible.from) / before) * TIMEFRAME_MS[tf] * 0.5,
    to: (visible.from + visible.to) / 2 + ((visible.to - visible.from) / before) * TIMEFRAME_MS[tf] * 0.5,
  };
  await load(around, { kind: "switch" });
}

/** Lets the timeframe follow the zoom again (and applies it to the current zoom now). */
export async function enableAuto(): Promise<void> {
  setAuto(true);
  saveView();
  if (visible && lastZoom.width > 0) await visibleRangeChanged(visible, lastZoom.bars, lastZoom.width);
}

export function setIndicators(next: IndicatorSettings): void {
  setIndicatorsSignal(sanitiseIndicators(next));
  saveView();
}

/**
 * Called (debounced) when the user scrolls or zooms: remembers the range, switches the
 * timeframe in auto mode, and loads a new window when an edge with more data is reached.
 */
export async function visibleRangeChanged(
  range: TimeRange,
  visibleBars: number,
  widthPx: number,
): Promise<void> {
  visible = range;
  lastZoom = { bars: visibleBars, width: widthPx };
  saveView();
  const d = dataset();
  const current = loaded();
  if (!d || !current || loading()) return;
  if (auto()) {
    const next = autoTimeframe(storedTf(d), timeframe(), visibleBars, widthPx);
    if (next !== timeframe()) {
      setTimeframe(next);
      await load(range);
      return;
    }
  }
  const edge = TIMEFRAME_MS[timeframe()] * Math.max(10, visibleBars / 4);
  if (needsNewWindow(datasetRange(d), current.window, range, edge)) await load(range);
}

/** An empty series for first paint. */
export const NO_BARS = createBars(0);
