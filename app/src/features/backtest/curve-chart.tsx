/* Equity (top pane) and drawdown in percent (bottom pane) of a run, on one time axis. */
import { AreaSeries, createChart, type IChartApi, LineSeries } from "lightweight-charts";
import { createEffect, onCleanup, onMount } from "solid-js";
import { asTime, chartOptions, strideIndices } from "./chart-theme.ts";

const MAX_POINTS = 3000;

export interface Curve {
  time: Float64Array;
  equity: Float64Array;
  drawdown: Float64Array;
  /** First bar the strategy ran on: the curve is drawn from there. */
  startBar?: number;
}

export function CurveChart(props: { curve: Curve; height?: number; testId?: string }) {
  let el!: HTMLDivElement;
  let chart: IChartApi | undefined;
  onMount(() => {
    const base = chartOptions();
    // Thousands of points must fit in a few hundred pixels: allow sub-pixel spacing.
    chart = createChart(el, { ...base, timeScale: { ...base.timeScale, minBarSpacing: 0.01 } });
    const eq = chart.addSeries(LineSeries, {
      color: "#38bdf8",
      lineWidth: 2,
      title: "Equity",
      priceLineVisible: false,
      priceFormat: { type: "price", precision: 2, minMove: 0.01 },
    });
    const dd = chart.addSeries(
      AreaSeries,
      {
        lineColor: "#ef4444",
        topColor: "#ef444400",
        bottomColor: "#ef444466",
        lineWidth: 1,
        title: "Drawdown %",
        priceLineVisible: false,
        invertFilledArea: true,
      },
      1,
    );
    // autoSize measures the container asynchronously: fit the whole curve whenever the width changes.
    chart.timeScale().subscribeSizeChange(() => chart?.timeScale().fitContent());
    createEffect(() => {
      const c = props.curve;
      const from = Math.min(c.startBar ?? 0, Math.max(0, c.time.length - 1));
      const idx = strideIndices(c.time.length - from, MAX_POINTS).map((k) => k + from);
      eq.setData(idx.map((i) => ({ time: asTime(c.time[i]), value: c.equity[i] })));
      dd.setData(idx.map((i) => ({ time: asTime(c.time[i]), value: -100 * c.drawdown[i] })));
      chart?.panes()[0]?.setStretchFactor(2);
      chart?.timeScale().fitContent();
    });
  });
  onCleanup(() => chart?.remove());
  return (
    <div
      class="bt-chart"
      ref={el}
      style={{ height: `${props.height ?? 360}px` }}
      data-testid={props.testId ?? "equity-chart"}
    />
  );
}
