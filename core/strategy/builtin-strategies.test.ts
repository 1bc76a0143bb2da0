/**
 * The five built-in strategies besides sma-cross (which is checked against backtesting.py)
 * against an independent implementation: indicators computed here from their textbook
 * definitions (direct window sums, Wilder's RSI, population standard deviation, EMAs seeded
 * with the SMA), the rules of docs/backtesting.md ("Strategies") as a small position state
 * machine, and the trades it implies (an order placed on bar i fills at the open of i + 1;
 * an open trade is closed on the last bar). The engine's trades must match side, entry bar
 * and exit bar one for one. Kills mutants such as "rsi-reversion sells instead of buys".
 */
import { describe, expect, it } from "vitest";
import { runBacktest } from "../backtest/engine.ts";
import { seededRandom } from "../backtest/param-space.ts";
import type { Bars } from "../backtest/types.ts";

const N = 4000;

function bars(seed: number): Bars {
  const rnd = seededRandom(seed);
  const close = new Float64Array(N);
  let p = 1.1;
  for (let i = 0; i < N; i++) {
    p = Math.round(p * (1 + (rnd() - 0.5) * 0.006) * 1e5) / 1e5;
    close[i] = p;
  }
  const open = Float64Array.from(close, (c, i) => (i ? close[i - 1] : c));
  return {
    time: Float64Array.from({ length: N }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000),
    open,
    high: Float64Array.from(close, (c, i) => Math.max(c, open[i]) + Math.round(rnd() * 30) / 1e5),
    low: Float64Array.from(close, (c, i) => Math.min(c, open[i]) - Math.round(rnd() * 30) / 1e5),
    close,
    volume: new Float64Array(N),
  };
}

// ---- reference indicators (textbook definitions, no code shared with core/indicators) ----

function sma(x: Float64Array, p: number): Float64Array {
  return Float64Array.from(x, (_, i) => {
    if (i < p - 1 || Number.isNaN(x[i - p + 1])) return Number.NaN;
    let s = 0;
    for (let k = i - p + 1; k <= i; k++) s += x[k];
    return s / p;
  });
}

/** EMA with alpha 2/(p+1), seeded with the mean of the first p defined values. */
function ema(x: Float64Array, p: number): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  const first = x.findIndex((v) => !Number.isNaN(v));
  const a = 2 / (p + 1);
  let v = 0;
  for (let k = first; k < first + p; k++) v += x[k] / p;
  out[first + p - 1] = v;
  for (let i = first + p; i < x.length; i++) {
    v = a * x[i] + (1 - a) * v;
    out[i] = v;
  }
  return out;
}

/** Wilder's RSI: first averages are plain means of the first p changes, then (avg*(p-1)+x)/p. */
function rsi(x: Float64Array, p: number): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  let g = 0;
  let l = 0;
  for (let i = 1; i < x.length; i++) {
    const d = x[i] - x[i - 1];
    const up = Math.max(d, 0);
    const down = d < 0 ? -d : 0;
    if (i <= p) {
      g += up / p;
      l += down / p;
      if (i < p) continue;
    } else {
      g = (g * (p - 1) + up) / p;
      l = (l * (p - 1) + down) / p;
    }
    out[i] = l === 0 ? (g === 0 ? 50 : 100) : 100 - 100 / (1 + g / l);
  }
  return out;
}

function bollinger(x: Float64Array, p: number, k: number) {
  const mid = sma(x, p);
  const sd = Float64Array.from(x, (_, i) => {
    if (Number.isNaN(mid[i])) return Number.NaN;
    let s = 0;
    for (let j = i - p + 1; j <= i; j++) s += (x[j] - mid[i]) ** 2;
    return Math.sqrt(s / p);
  });
  return {
    mid,
    upper: Float64Array.from(mid, (m, i) => m + k * sd[i]),
    lower: Float64Array.from(mid, (m, i) => m - k * sd[i]),
  };
}

function highest(x: Float64Array, p: number, i: number): number {
  if (i < p - 1) return Number.NaN;
  let m = Number.NEGATIVE_INFINITY;
  for (let k = i - p + 1; k <= i; k++) m = Math.max(m, x[k]);
  return m;
}

function lowest(x: Float64Array, p: number, i: number): number {
  if (i < p - 1) return Number.NaN;
  let m = Number.POSITIVE_INFINITY;
  for (let k = i - p + 1; k <= i; k++) m = Math.min(m, x[k]);
  return m;
}

// ---- the rules as a position state machine, and the trades they imply ----

type Action = "long" | "short" | "close" | null;
interface Trade {
  side: 1 | -1;
  entryBar: number;
  exitBar: number;
}

/** `decide(i, position)` on bars from..n-2; an action on bar i fills at the open of i + 1. */
function expectedTrades(from: number, decide: (i: number, pos: number) => Action): Trade[] {
  const trades: Trade[] = [];
  let open: { side: 1 | -1; entryBar: number } | null = null;
  for (let i = from; i < N - 1; i++) {
    const action = decide(i, open?.side ?? 0);
    if (!action) continue;
    if (open) trades.push({ ...open, exitBar: i + 1 });
    open = action === "close" ? null : { side: action === "long" ? 1 : -1, entryBar: i + 1 };
  }
  if (open) trades.push({ ...open, exitBar: N - 1 });
  return trades;
}

function engineTrades(data: Bars, strategy: string, params: Record<string, number>): Trade[] {
  return runBacktest({ bars: data, strategy, params })
    .trades.filter((t) => t.entryBar < N - 1)
    .map((t) => ({
      side: t.size > 0 ? (1 as const) : (-1 as const),
      entryBar: t.entryBar,
      exitBar: t.exitBar,
    }));
}

/** First bar after the warm-up: every series defined on the bar before it. */
function firstBar(...series: Float64Array[]): number {
  return Math.max(...series.map((s) => s.findIndex((v) => !Number.isNaN(v)))) + 1;
}

function check(expected: Trade[], actual: Trade[]): void {
  expect(expected.length).toBeGreaterThan(10);
  expect(new Set(expected.map((t) => t.side)).size).toBe(2);
  expect(actual).toEqual(expected);
}

describe.each([11, 29])("built-in strategies against an independent implementation (seed %i)", (seed) => {
  const data = bars(seed);
  const close = data.close;

  it("ema-cross: fast EMA crosses above the slow one: long; below: short (reversing)", () => {
    const f = ema(close, 12);
    const s = ema(close, 26);
    const want = expectedTrades(firstBar(f, s), (i) => {
      if (f[i - 1] < s[i - 1] && f[i] > s[i]) return "long";
      if (f[i - 1] > s[i - 1] && f[i] < s[i]) return "short";
      return null;
    });
    check(want, engineTrades(data, "ema-cross", { fast: 12, slow: 26 }));
  });

  it("rsi-reversion: up through lower: buy; down through upper: sell; exit crossing the exit level", () => {
    const r = rsi(close, 14);
    const [lower, upper, exit] = [35, 65, 50];
    const want = expectedTrades(firstBar(r), (i, pos) => {
      if (r[i - 1] < lower && r[i] >= lower) return pos <= 0 ? "long" : null;
      if (r[i - 1] > upper && r[i] <= upper) return pos >= 0 ? "short" : null;
      if (pos > 0 && r[i - 1] < exit && r[i] >= exit) return "close";
      if (pos < 0 && r[i - 1] > exit && r[i] <= exit) return "close";
      return null;
    });
    check(want, engineTrades(data, "rsi-reversion", { period: 14, lower, upper, exit }));
  });

  it("bollinger-breakout: close crosses above the upper band: long; below the lower: short; exit at the middle", () => {
    const b = bollinger(close, 20, 2);
    const want = expectedTrades(firstBar(b.mid), (i, pos) => {
      const c = close[i];
      if (pos <= 0 && close[i - 1] <= b.upper[i - 1] && c > b.upper[i]) return "long";
      if (pos >= 0 && close[i - 1] >= b.lower[i - 1] && c < b.lower[i]) return "short";
      if ((pos > 0 && c < b.mid[i]) || (pos < 0 && c > b.mid[i])) return "close";
      return null;
    });
    check(want, engineTrades(data, "bollinger-breakout", { period: 20, k: 2 }));
  });

  it("macd: MACD line crosses its signal line: reverse", () => {
    const fast = ema(close, 12);
    const slow = ema(close, 26);
    const m = Float64Array.from(close, (_, i) => fast[i] - slow[i]);
    const sig = ema(m, 9);
    const want = expectedTrades(firstBar(m, sig), (i) => {
      if (m[i - 1] < sig[i - 1] && m[i] > sig[i]) return "long";
      if (m[i - 1] > sig[i - 1] && m[i] < sig[i]) return "short";
      return null;
    });
    check(want, engineTrades(data, "macd", { fast: 12, slow: 26, signal: 9 }));
  });

  it("donchian-breakout: close beyond the previous N bars' high/low: enter; beyond the previous M bars' opposite extreme: exit", () => {
    const [period, exitPeriod] = [20, 10];
    const want = expectedTrades(period, (i, pos) => {
      const c = close[i];
      if (pos <= 0 && c > highest(data.high, period, i - 1)) return "long";
      if (pos >= 0 && c < lowest(data.low, period, i - 1)) return "short";
      if (pos > 0 && c < lowest(data.low, exitPeriod, i - 1)) return "close";
      if (pos < 0 && c > highest(data.high, exitPeriod, i - 1)) return "close";
      return null;
    });
    check(want, engineTrades(data, "donchian-breakout", { period, exit: exitPeriod }));
  });
});
