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
import { anchoredView, fitLogical, logicalAt, timeAt } from "./view-fit.ts";
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
  /** shrink the chart (down to MIN_FIT_HEIGHT) so all its panes fit in the window */
  fitWindow?: boolean;
}

/** The smallest total height a window-fitted chart gets (price pane plus indicator panes). */
const MIN_FIT_HEIGHT = 420;
/** Room kept below a window-fitted chart (the status line). */
const FIT_BOTTOM_PX = 44;

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

/** Adds the switched-on indicators: overlays on pane 0, RSI and MACD in panes below. */
function addIndicatorSeries(
  chart: IChartApi,
  bars: Bars,
  s: IndicatorSettings,
  digits: number,
): ISeriesApi<SeriesType>[] {
  const added: ISeriesApi<SeriesType>[] = [];
  // MACD values are price differences (0.0004): shown with the pair's digits, not as 0.00
  const priceFormat = { type: "price" as const, precision: digits, minMove: 10 ** -digits };
  const addLine = (data: LinePoint[], color: string, title: string, pane = 0, fine = false) => {
    const options = {
      ...(fine ? { priceFormat } : {}),
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
      { color: "#64748b", priceLineVisible: false, lastValueVisible: false, priceFormat },
      pane,
    );
    hist.setData(m.histogram as never);
    added.push(hist);
    addLine(m.macd, "#38bdf8", "MACD", pane, true);
    addLine(m.signal, "#f59e0b", "Signal", pane, true);
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
  /** the bars on screen and their bar length (to find the time under the cursor on a switch) */
  let drawn: { bars: Bars; step: number } | undefined;
  /** where the mouse last was over the chart (px from its left edge); kept when it leaves */
  let cursorX: number | undefined;
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
    if (range) {
      // read by the e2e tests (and handy in devtools): the visible logical range and bar count
      el.dataset.logicalFrom = range.from.toFixed(2);
      el.dataset.logicalTo = range.to.toFixed(2);
      el.dataset.bars = String(loaded?.bars.length ?? 0);
    }
    if (!range || !loaded || !props.onRange) return;
    clearTimeout(rangeTimer);
    rangeTimer = setTimeout(() => {
      const step = TIMEFRAME_MS[loaded.timeframe];
      const from = timeAt(loaded.bars, range.from, step);
      const to = timeAt(loaded.bars, range.to, step);
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
    el.addEventListener("mousemove", (e) => {
      cursorX = e.clientX - el.getBoundingClientRect().left;
    });
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

  /** On a timeframe switch: the time under the cursor (or the centre), where it sits, and the bars shown. */
  const switchAnchor = () => {
    const before = chart?.timeScale().getVisibleLogicalRange();
    if (!drawn || !before || drawn.bars.length === 0) return undefined;
    const span = before.to - before.from;
    const atCursor = cursorX === undefined ? null : chart?.timeScale().coordinateToLogical(cursorX);
    const x = atCursor ?? before.from + span / 2;
    const frac = Math.min(1, Math.max(0, (x - before.from) / span));
    return { time: timeAt(drawn.bars, x, drawn.step), frac, span };
  };

  createEffect(() => {
    const loaded = props.loaded;
    if (!chart || !candles || !volume) return;
    const b = loaded?.bars;
    const show = loaded?.show;
    const anchor = show?.kind === "switch" ? switchAnchor() : undefined;
    candles.setData(b ? candleData(b) : []);
    volume.setData(b ? volumeData(b, `${up}80`, `${down}80`) : []);
    setHover(undefined);
    drawn = b && loaded ? { bars: b, step: TIMEFRAME_MS[loaded.timeframe] } : undefined;
    if (!b || b.length === 0 || !drawn) return;
    const step = drawn.step;
    const ts = chart.timeScale();
    // all the data on screen: zooming or scrolling past it would only shrink it to a sliver
    const hold = loaded?.whole === true;
    ts.applyOptions({ fixLeftEdge: hold, fixRightEdge: hold });
    if (anchor) ts.setVisibleLogicalRange(anchoredView(b, step, anchor.time, anchor.frac, anchor.span));
    else if (show?.kind === "range") {
      const from = logicalAt(b, show.range.from, step);
      const to = logicalAt(b, show.range.to, step);
      ts.setVisibleLogicalRange(fitLogical({ from, to }, b.length));
    } else
      ts.setVisibleLogicalRange(
        fitLogical({ from: b.length - DEFAULT_VISIBLE_BARS, to: b.length + 3 }, b.length),
      );
  });

  createEffect(() => {
    const b = bars();
    const s = props.indicators;
    if (!chart) return;
    for (const series of extra) chart.removeSeries(series);
    extra = [];
    if (!b || b.length === 0) return;
    extra = addIndicatorSeries(chart, b, s, props.digits);
    const panes = chart.panes();
    for (const [i, p] of panes.entries()) p.setStretchFactor(i === 0 ? 480 : PANE_HEIGHT);
  });

  // the window's height, so a fitted chart follows resizes
  const [windowHeight, setWindowHeight] = createSignal(window.innerHeight);
  const [placed, setPlaced] = createSignal(false);
  onMount(() => setPlaced(true));
  const onResize = () => setWindowHeight(window.innerHeight);
  window.addEventListener("resize", onResize);
  onCleanup(() => window.removeEventListener("resize", onResize));
  const chartHeight = () => {
    const wanted =
      (props.height ?? 480) +
      PANE_HEIGHT * ((props.indicators.rsi.on ? 1 : 0) + (props.indicators.macd.on ? 1 : 0));
    if (!props.fitWindow || !placed()) return wanted;
    const top = el.getBoundingClientRect().top + window.scrollY;
    return Math.max(MIN_FIT_HEIGHT, Math.min(wanted, windowHeight() - top - FIT_BOTTOM_PX));
  };
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
