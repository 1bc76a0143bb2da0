/*
 * The lightweight-charts view: candles, volume (bottom of the price pane), indicator
 * overlays, RSI and MACD in their own panes, a crosshair OHLC legend, and debounced
 * visible-range reports so the store can load a fitting window.
 */
import {
  type CandlestickData,
  CandlestickSeries,
  CrosshairMode,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  type LogicalRange,
  type SeriesType,
  type UTCTimestamp,
} from "lightweight-charts";
import { createEffect, createSignal, on, onCleanup, onMount, Show } from "solid-js";
import { type Bar, type Bars, barAt } from "../../../../core/market/candles.ts";
import { TIMEFRAME_MS } from "../../../../core/market/timeframes.ts";
import type { LoadedBars } from "./chart-store.ts";
import { type IndicatorSettings, type LinePoint, macdLines, overlayLines, rsiLine } from "./indicators.ts";
import type { TimeRange } from "./window-plan.ts";

const RANGE_DEBOUNCE_MS = 250;
const DEFAULT_VISIBLE_BARS = 150;
const PANE_HEIGHT = 150;

/** The bar shown in the OHLC legend. */
export type LegendBar = Bar;

interface Props {
  loaded?: LoadedBars;
  indicators: IndicatorSettings;
  digits: number;
  title: string;
  onRange?: (range: TimeRange, visibleBars: number, widthPx: number) => void;
  height?: number;
  compact?: boolean;
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

const asTime = (ms: number) => (ms / 1000) as UTCTimestamp;

function candleData(bars: Bars): CandlestickData[] {
  const out: CandlestickData[] = new Array(bars.length);
  for (let i = 0; i < bars.length; i++)
    out[i] = {
      time: asTime(bars.time[i]),
      open: bars.open[i],
      high: bars.high[i],
      low: bars.low[i],
      close: bars.close[i],
    };
  return out;
}

function volumeData(bars: Bars, up: string, down: string) {
  const out = new Array(bars.length);
  for (let i = 0; i < bars.length; i++)
    out[i] = {
      time: asTime(bars.time[i]),
      value: bars.volume[i],
      color: bars.close[i] >= bars.open[i] ? up : down,
    };
  return out;
}

function legendAt(bars: Bars, i: number): LegendBar | undefined {
  return i < 0 || i >= bars.length ? undefined : barAt(bars, i);
}

/** Time at a logical index, extrapolated past either end of the loaded bars. */
function timeAtLogical(bars: Bars, i: number, stepMs: number): number {
  const n = bars.length;
  if (n === 0) return 0;
  if (i < 0) return bars.time[0] + i * stepMs;
  if (i >= n) return bars.time[n - 1] + (i - n + 1) * stepMs;
  return bars.time[Math.floor(i)];
}

/** Adds the switched-on indicators: overlays on pane 0, RSI and MACD in panes below. */
function addIndicatorSeries(chart: IChartApi, bars: Bars, s: IndicatorSettings): ISeriesApi<SeriesType>[] {
  const added: ISeriesApi<SeriesType>[] = [];
  const addLine = (data: LinePoint[], color: string, title: string, pane = 0) => {
    const options = {
      color,
      lineWidth: 1 as const,
      title,
      priceLineVisible: false,
      lastValueVisible: title !== "",
    };
    const line = chart.addSeries(LineSeries, options, pane);
    line.setData(data as never);
    added.push(line);
  };
  for (const l of overlayLines(bars, s)) addLine(l.data, l.color, l.title);
  let pane = 1;
  if (s.rsi.on) addLine(rsiLine(bars, s.rsi.period), "#e879f9", `RSI ${s.rsi.period}`, pane++);
  if (s.macd.on) {
    const m = macdLines(bars);
    const hist = chart.addSeries(
      HistogramSeries,
      { color: "#64748b", priceLineVisible: false, lastValueVisible: false },
      pane,
    );
    hist.setData(m.histogram as never);
    added.push(hist);
    addLine(m.macd, "#38bdf8", "MACD", pane);
    addLine(m.signal, "#f59e0b", "Signal", pane);
  }
  return added;
}

export function PriceChart(props: Props) {
  let el!: HTMLDivElement;
  let chart: IChartApi | undefined;
  let candles: ISeriesApi<"Candlestick"> | undefined;
  let volume: ISeriesApi<"Histogram"> | undefined;
  let extra: ISeriesApi<SeriesType>[] = [];
  let rangeTimer: ReturnType<typeof setTimeout> | undefined;
  const [hover, setHover] = createSignal<LegendBar>();
  const up = cssVar("--up", "#22c55e");
  const down = cssVar("--down", "#ef4444");
  const bars = () => props.loaded?.bars;
  const legend = () => {
    const b = bars();
    return hover() ?? (b ? legendAt(b, b.length - 1) : undefined);
  };

  const reportRange = (range: LogicalRange | null) => {
    const loaded = props.loaded;
    if (!range || !loaded || !props.onRange) return;
    clearTimeout(rangeTimer);
    rangeTimer = setTimeout(() => {
      const step = TIMEFRAME_MS[loaded.timeframe];
      const from = timeAtLogical(loaded.bars, range.from, step);
      const to = timeAtLogical(loaded.bars, range.to, step) + step;
      props.onRange?.({ from, to }, range.to - range.from, el.clientWidth);
    }, RANGE_DEBOUNCE_MS);
  };

  const themeOptions = () => {
    const text = cssVar("--text", "#e2e8f0");
    const border = cssVar("--border", "#24324f");
    return {
      layout: { background: { color: "transparent" }, textColor: text, attributionLogo: false },
      grid: { vertLines: { color: border }, horzLines: { color: border } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: border },
      rightPriceScale: { borderColor: border },
    };
  };
  // the theme toggle flips html[data-theme]; follow it
  const themeObserver = new MutationObserver(() => chart?.applyOptions(themeOptions()));

  onMount(() => {
    chart = createChart(el, { autoSize: true, crosshair: { mode: CrosshairMode.Normal }, ...themeOptions() });
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    candles = chart.addSeries(CandlestickSeries, {
      upColor: up,
      downColor: down,
      wickUpColor: up,
      wickDownColor: down,
      borderVisible: false,
    });
    volume = chart.addSeries(HistogramSeries, {
      priceScaleId: "volume",
      priceFormat: { type: "volume" },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    chart.priceScale("volume").applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    chart.subscribeCrosshairMove((param) => {
      const b = bars();
      if (!b || param.logical === undefined || param.time === undefined) return setHover(undefined);
      setHover(legendAt(b, Math.round(param.logical)));
    });
    chart.timeScale().subscribeVisibleLogicalRangeChange(reportRange);
  });

  onCleanup(() => {
    clearTimeout(rangeTimer);
    themeObserver.disconnect();
    chart?.remove();
    chart = undefined;
  });

  createEffect(
    on(
      () => props.digits,
      (digits) => {
        candles?.applyOptions({ priceFormat: { type: "price", precision: digits, minMove: 10 ** -digits } });
      },
    ),
  );

  createEffect(() => {
    const loaded = props.loaded;
    if (!chart || !candles || !volume) return;
    const b = loaded?.bars;
    candles.setData(b ? candleData(b) : []);
    volume.setData(b ? volumeData(b, `${up}80`, `${down}80`) : []);
    setHover(undefined);
    if (!b || b.length === 0) return;
    const ts = chart.timeScale();
    if (loaded?.show) ts.setVisibleRange({ from: asTime(loaded.show.from), to: asTime(loaded.show.to) });
    else ts.setVisibleLogicalRange({ from: Math.max(0, b.length - DEFAULT_VISIBLE_BARS), to: b.length + 3 });
  });

  createEffect(() => {
    const b = bars();
    const s = props.indicators;
    if (!chart) return;
    for (const series of extra) chart.removeSeries(series);
    extra = [];
    if (!b || b.length === 0) return;
    extra = addIndicatorSeries(chart, b, s);
    const panes = chart.panes();
    for (const [i, p] of panes.entries()) p.setStretchFactor(i === 0 ? 480 : PANE_HEIGHT);
  });

  const chartHeight = () =>
    (props.height ?? 480) +
    PANE_HEIGHT * ((props.indicators.rsi.on ? 1 : 0) + (props.indicators.macd.on ? 1 : 0));
  const fmt = (x: number) => x.toFixed(props.digits);
  return (
    <div class={props.compact ? "price-chart compact" : "price-chart"}>
      <div class="chart-legend" data-testid="chart-legend">
        <strong>{props.title}</strong>
        <Show when={legend()}>
          {(l) => (
            <span>
              {" "}
              {new Date(l().time).toISOString().slice(0, 16).replace("T", " ")} O {fmt(l().open)} H{" "}
              {fmt(l().high)} L {fmt(l().low)} C {fmt(l().close)} V {Math.round(l().volume)}
            </span>
          )}
        </Show>
      </div>
      <div class="chart-canvas" ref={el} style={{ height: `${chartHeight()}px` }} data-testid="chart" />
    </div>
  );
}
