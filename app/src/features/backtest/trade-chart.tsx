/* Price candles with every trade's entry (arrow) and exit (circle) marked. */
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type SeriesMarker,
  type UTCTimestamp,
} from "lightweight-charts";
import { createEffect, createSignal, onCleanup, onMount } from "solid-js";
import type { TradeRecord } from "../../../../core/backtest/types.ts";
import type { Bars } from "../../../../core/market/candles.ts";
import { asTime, chartOptions, cssVar } from "./chart-theme.ts";

/** Most candles drawn; older bars (and their trades) are left out of the chart only. */
const MAX_CANDLES = 200_000;
/** Bars in view when the chart opens. */
const VISIBLE_BARS = 400;

/** Entry and exit markers of trades, sorted by time. */
export function tradeMarkers(
  trades: readonly TradeRecord[],
  from = Number.NEGATIVE_INFINITY,
): SeriesMarker<UTCTimestamp>[] {
  const up = "#22c55e";
  const down = "#ef4444";
  const out: SeriesMarker<UTCTimestamp>[] = [];
  for (const t of trades) {
    const long = t.size > 0;
    if (t.entryTime >= from) {
      out.push({
        time: asTime(t.entryTime),
        position: long ? "belowBar" : "aboveBar",
        shape: long ? "arrowUp" : "arrowDown",
        color: long ? up : down,
        text: long ? "Buy" : "Sell",
      });
    }
    if (t.exitTime >= from) {
      out.push({
        time: asTime(t.exitTime),
        position: long ? "aboveBar" : "belowBar",
        shape: "circle",
        color: "#f59e0b",
        text: t.pnl >= 0 ? "+" : "−",
      });
    }
  }
  return out.sort((a, b) => a.time - b.time);
}

export function TradeChart(props: {
  bars: Bars;
  trades: readonly TradeRecord[];
  digits?: number;
  height?: number;
}) {
  let el!: HTMLDivElement;
  let chart: IChartApi | undefined;
  const [count, setCount] = createSignal(0);
  onMount(() => {
    chart = createChart(el, chartOptions());
    const upC = cssVar("--up", "#22c55e");
    const downC = cssVar("--down", "#ef4444");
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: upC,
      downColor: downC,
      wickUpColor: upC,
      wickDownColor: downC,
      borderVisible: false,
    });
    const markers = createSeriesMarkers(candles, []);
    createEffect(() => {
      const b = props.bars;
      const start = Math.max(0, b.length - MAX_CANDLES);
      const data = new Array(b.length - start);
      for (let i = start; i < b.length; i++) {
        data[i - start] = {
          time: asTime(b.time[i]),
          open: b.open[i],
          high: b.high[i],
          low: b.low[i],
          close: b.close[i],
        };
      }
      const digits = props.digits ?? 5;
      candles.applyOptions({ priceFormat: { type: "price", precision: digits, minMove: 10 ** -digits } });
      candles.setData(data);
      markers.setMarkers(tradeMarkers(props.trades, b.length > 0 ? b.time[start] : 0));
      setCount(markers.markers().length);
      // Start on the latest bars, where markers are legible; scroll or zoom out for the rest.
      const shown = data.length;
      requestAnimationFrame(() =>
        chart?.timeScale().setVisibleLogicalRange({ from: Math.max(0, shown - VISIBLE_BARS), to: shown + 2 }),
      );
    });
  });
  onCleanup(() => chart?.remove());
  return (
    <div
      class="bt-chart"
      ref={el}
      style={{ height: `${props.height ?? 420}px` }}
      data-testid="trade-chart"
      data-markers={count()}
    />
  );
}
