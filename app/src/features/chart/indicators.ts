/**
 * Chart indicator settings and their series, computed with core/indicators on the loaded
 * bars. Values still warming up (NaN) become whitespace points so lines start late.
 */
import { bollinger } from "../../../../core/indicators/bollinger.ts";
import { macd } from "../../../../core/indicators/macd.ts";
import { ema, sma } from "../../../../core/indicators/moving-average.ts";
import { rsi } from "../../../../core/indicators/rsi.ts";
import type { Bars } from "../../../../core/market/candles.ts";

export interface IndicatorToggle {
  on: boolean;
  period: number;
}

export interface IndicatorSettings {
  sma: IndicatorToggle;
  ema: IndicatorToggle;
  bollinger: IndicatorToggle;
  rsi: IndicatorToggle;
  macd: { on: boolean };
}

export const DEFAULT_INDICATORS: IndicatorSettings = {
  sma: { on: false, period: 20 },
  ema: { on: false, period: 50 },
  bollinger: { on: false, period: 20 },
  rsi: { on: false, period: 14 },
  macd: { on: false },
};

export const BOLLINGER_K = 2;
export const MACD_FAST = 12;
export const MACD_SLOW = 26;
export const MACD_SIGNAL = 9;

/** A point for a line or histogram series; value undefined = whitespace. */
export interface LinePoint {
  time: number;
  value?: number;
}

/** Chart times are UTC seconds. */
export function toLine(bars: Bars, values: Float64Array): LinePoint[] {
  const out: LinePoint[] = new Array(bars.length);
  for (let i = 0; i < bars.length; i++) {
    const time = bars.time[i] / 1000;
    const v = values[i];
    out[i] = Number.isFinite(v) ? { time, value: v } : { time };
  }
  return out;
}

/** Keeps periods sane whatever was typed or stored. */
export function clampPeriod(n: number, fallback: number): number {
  return Number.isInteger(n) && n >= 2 && n <= 500 ? n : fallback;
}

export interface OverlayLine {
  key: string;
  title: string;
  color: string;
  data: LinePoint[];
}

/** The overlays on the price pane (SMA, EMA, Bollinger) that are switched on. */
export function overlayLines(bars: Bars, s: IndicatorSettings): OverlayLine[] {
  const lines: OverlayLine[] = [];
  if (s.sma.on)
    lines.push({
      key: "sma",
      title: `SMA ${s.sma.period}`,
      color: "#f59e0b",
      data: toLine(bars, sma(bars.close, s.sma.period)),
    });
  if (s.ema.on)
    lines.push({
      key: "ema",
      title: `EMA ${s.ema.period}`,
      color: "#a855f7",
      data: toLine(bars, ema(bars.close, s.ema.period)),
    });
  if (s.bollinger.on) {
    const bb = bollinger(bars.close, s.bollinger.period, BOLLINGER_K);
    const p = s.bollinger.period;
    lines.push({ key: "bb-mid", title: `BB ${p}`, color: "#38bdf8", data: toLine(bars, bb.middle) });
    lines.push({ key: "bb-up", title: "", color: "#0ea5e9", data: toLine(bars, bb.upper) });
    lines.push({ key: "bb-low", title: "", color: "#0ea5e9", data: toLine(bars, bb.lower) });
  }
  return lines;
}

export function rsiLine(bars: Bars, period: number): LinePoint[] {
  return toLine(bars, rsi(bars.close, period));
}

export function macdLines(bars: Bars): { macd: LinePoint[]; signal: LinePoint[]; histogram: LinePoint[] } {
  const m = macd(bars.close, MACD_FAST, MACD_SLOW, MACD_SIGNAL);
  return { macd: toLine(bars, m.macd), signal: toLine(bars, m.signal), histogram: toLine(bars, m.histogram) };
}
