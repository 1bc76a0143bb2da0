/* Chart options shared by the backtest charts (colours from the app's CSS variables). */
import type { ChartOptions, DeepPartial, UTCTimestamp } from "lightweight-charts";

export function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Epoch ms to the chart's seconds. */
export const asTime = (ms: number) => (ms / 1000) as UTCTimestamp;

export function chartOptions(): DeepPartial<ChartOptions> {
  const text = cssVar("--text", "#e2e8f0");
  const border = cssVar("--border", "#24324f");
  return {
    autoSize: true,
    layout: { background: { color: "transparent" }, textColor: text, attributionLogo: false },
    grid: { vertLines: { color: border }, horzLines: { color: border } },
    timeScale: { timeVisible: true, secondsVisible: false, borderColor: border },
    rightPriceScale: { borderColor: border },
  };
}

/** Indices of at most `max` evenly spread points (always the first and last). */
export function strideIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = (n - 1) / (max - 1);
  return Array.from({ length: max }, (_, k) => Math.round(k * step));
}
