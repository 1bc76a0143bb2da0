/*
 * The Trade chart: replayed candles up to the current quote (the forming bar grows quote by
 * quote), and lines for positions, orders, SL and TP. Draggable lines get a handle on the
 * right edge; dropping it modifies the position or order at the new price.
 */
import {
  type AutoscaleInfo,
  type CandlestickData,
  CandlestickSeries,
  createChart,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  LineStyle,
  type UTCTimestamp,
} from "lightweight-charts";
import { createEffect, createMemo, createSignal, For, onCleanup, onMount } from "solid-js";
import type { Bars } from "../../../../core/market/candles.ts";
import { symbolInfo } from "../../../../core/market/symbols.ts";
import { QUOTES_PER_BAR } from "../../../../core/paper/replay.ts";
import { asTime, chartOptions, cssVar } from "../backtest/chart-theme.ts";
import { type ChartLine, chartLines, dragChange } from "./chart-lines.ts";
import { run, trade } from "./trade-store.ts";

/** Candles kept on the chart behind the replay cursor. */
const WINDOW = 1500;
const VISIBLE = 120;

/** Bar i as far as `n` of its four quotes have been played. */
export function formingBar(b: Bars, i: number, n: number): CandlestickData<UTCTimestamp> {
  const o = b.open[i];
  if (n >= QUOTES_PER_BAR)
    return { time: asTime(b.time[i]), open: o, high: b.high[i], low: b.low[i], close: b.close[i] };
  const rising = b.close[i] >= b.open[i];
  const first = rising ? b.low[i] : b.high[i];
  const second = rising ? b.high[i] : b.low[i];
  const seen = n <= 1 ? [o] : n === 2 ? [o, first] : [o, first, second];
  return {
    time: asTime(b.time[i]),
    open: o,
    high: Math.max(...seen),
    low: Math.min(...seen),
    close: seen[seen.length - 1],
  };
}

export function LiveChart() {
  let el!: HTMLDivElement;
  let chart: IChartApi | undefined;
  let candles: ISeriesApi<"Candlestick"> | undefined;
  const priceLines = new Map<string, IPriceLine>();
  const [layout, setLayout] = createSignal(0);
  const [drag, setDrag] = createSignal<{ key: string; price: number } | null>(null);
  let rendered = { bars: null as Bars | null, from: -1, bar: -1 };
  /** Symbol whose price format the series has (set once per symbol, not per update). */
  let formatFor = "";
  /** Lowest and highest line price (the scale widens to show them; frozen while dragging). */
  const lineRange = { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };

  const lines = createMemo(() => {
    const s = trade.snapshot();
    const list = s ? chartLines(s.positions, s.orders) : [];
    const d = drag();
    return d ? list.map((l) => (l.key === d.key ? { ...l, price: d.price } : l)) : list;
  });

  onMount(() => {
    chart = createChart(el, chartOptions());
    const up = cssVar("--up", "#22c55e");
    const down = cssVar("--down", "#ef4444");
    candles = chart.addSeries(CandlestickSeries, {
      // keep every position, order, SL and TP line inside the price scale
      autoscaleInfoProvider: (original: () => AutoscaleInfo | null) => {
        const info = original();
        if (!info?.priceRange || lineRange.min > lineRange.max) return info;
        return {
          ...info,
          priceRange: {
            minValue: Math.min(info.priceRange.minValue, lineRange.min),
            maxValue: Math.max(info.priceRange.maxValue, lineRange.max),
          },
        };
      },
      upColor: up,
      downColor: down,
      wickUpColor: up,
      wickDownColor: down,
      borderVisible: false,
    });
    chart.timeScale().subscribeVisibleLogicalRangeChange(() => setLayout((n) => n + 1));

    createEffect(() => {
      const b = trade.bars();
      const r = trade.replay();
      const c = candles;
      if (!c) return;
      if (!b || !r || r.bar < 0 || r.bar >= b.length) {
        if (rendered.bars !== null) c.setData([]);
        rendered = { bars: null, from: -1, bar: -1 };
        return;
      }
      if (r.symbol !== formatFor) {
        formatFor = r.symbol;
        try {
          const d = symbolInfo(r.symbol).digits;
          c.applyOptions({ priceFormat: { type: "price", precision: d, minMove: 10 ** -d } });
        } catch {
          // unknown symbol: keep the default format
        }
      }
      if (rendered.bars === b && r.bar === rendered.bar) c.update(formingBar(b, r.bar, r.quotesInBar));
      else if (rendered.bars === b && r.bar === rendered.bar + 1) {
        c.update(formingBar(b, rendered.bar, QUOTES_PER_BAR));
        c.update(formingBar(b, r.bar, r.quotesInBar));
      } else {
        const from = Math.max(0, r.bar - WINDOW);
        const data: CandlestickData<UTCTimestamp>[] = [];
        for (let i = from; i < r.bar; i++) data.push(formingBar(b, i, QUOTES_PER_BAR));
        data.push(formingBar(b, r.bar, r.quotesInBar));
        c.setData(data);
        chart?.timeScale().setVisibleLogicalRange({ from: data.length - VISIBLE, to: data.length + 5 });
        rendered.from = from;
      }
      rendered.bars = b;
      rendered.bar = r.bar;
      setLayout((n) => n + 1);
    });

    createEffect(() => {
      const c = candles;
      if (!c) return;
      const want = new Map(lines().map((l) => [l.key, l]));
      if (!drag()) {
        lineRange.min = Number.POSITIVE_INFINITY;
        lineRange.max = Number.NEGATIVE_INFINITY;
        for (const l of want.values()) {
          lineRange.min = Math.min(lineRange.min, l.price);
          lineRange.max = Math.max(lineRange.max, l.price);
        }
      }
      for (const [key, line] of priceLines) {
        if (!want.has(key)) {
          c.removePriceLine(line);
          priceLines.delete(key);
        }
      }
      for (const l of want.values()) {
        const opts = {
          price: l.price,
          color: l.color,
          title: l.title,
          lineWidth: 1 as const,
          lineStyle: l.drag ? LineStyle.Dashed : LineStyle.Solid,
          axisLabelVisible: true,
        };
        const existing = priceLines.get(l.key);
        if (!existing) priceLines.set(l.key, c.createPriceLine(opts));
        else {
          const now = existing.options();
          if (now.price !== opts.price || now.title !== opts.title) existing.applyOptions(opts);
        }
      }
      setLayout((n) => n + 1);
    });
  });
  onCleanup(() => chart?.remove());

  // Keyed by line so a handle keeps its element (and its pointer capture) while it moves.
  const handleKeys = createMemo(
    () =>
      lines()
        .filter((l) => l.drag)
        .map((l) => l.key),
    [],
    { equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]) },
  );
  const lineOf = (key: string) => lines().find((l) => l.key === key);
  const yOf = (key: string) => {
    layout();
    const l = lineOf(key);
    const y = l && candles ? candles.priceToCoordinate(l.price) : null;
    const h = el?.clientHeight ?? 0;
    return y === null ? -100 : Math.max(0, Math.min(h - 30, y));
  };

  const startDrag = (line: ChartLine, e: PointerEvent) => {
    const c = candles;
    if (!c) return;
    e.preventDefault();
    const target = e.currentTarget as HTMLElement;
    target.setPointerCapture(e.pointerId);
    chart?.applyOptions({ handleScroll: false, handleScale: false });
    const top = el.getBoundingClientRect().top;
    const at = (ev: PointerEvent) => c.coordinateToPrice(ev.clientY - top);
    const move = (ev: PointerEvent) => {
      const p = at(ev);
      if (p !== null) setDrag({ key: line.key, price: p });
    };
    const up = async (ev: PointerEvent) => {
      target.removeEventListener("pointermove", move);
      target.removeEventListener("pointerup", up);
      chart?.applyOptions({ handleScroll: true, handleScale: true });
      const p = at(ev);
      const r = trade.replay();
      const digits = r ? symbolInfo(r.symbol).digits : 5;
      const d = drag();
      if (p !== null && d) {
        const price = Number(p.toFixed(digits));
        const change = dragChange(line, price);
        if (change?.target === "position")
          await run((s) => s.modifyPosition(line.drag?.id ?? "", change.change));
        else if (change?.target === "order")
          await run((s) => s.modifyOrder(line.drag?.id ?? "", change.change));
      }
      setDrag(null);
    };
    target.addEventListener("pointermove", move);
    target.addEventListener("pointerup", up);
  };

  return (
    <div class="trade-chart-wrap">
      <div ref={el} class="trade-chart" data-testid="trade-chart" />
      <For each={handleKeys()}>
        {(key) => (
          <button
            type="button"
            class="line-handle"
            style={{ top: `${yOf(key) - 10}px`, "border-color": lineOf(key)?.color }}
            data-testid={`drag-${key}`}
            data-price={lineOf(key)?.price}
            title="Drag to move"
            onPointerDown={(e) => {
              const l = lineOf(key);
              if (l) startDrag(l, e);
            }}
          >
            ⇕ {lineOf(key)?.title} {lineOf(key)?.price.toFixed(5)}
          </button>
        )}
      </For>
    </div>
  );
}
