/**
 * The look-ahead check of a user strategy (after freqtrade's lookahead-analysis): run it on
 * the full data, then again on the data cut after several bars k, and flag every signal
 * (buy/sell/closePosition call) and every bar-indexed series the strategy keeps on `this`
 * (indicators, including those computed in init over the whole series) whose value at a
 * bar <= k changes when the bars after k are removed. A causal strategy gives identical
 * answers; any difference means the strategy used bars it could not have seen. A read past
 * the current bar in next() is reported as the guard's error, with its line.
 */
import { runBacktest } from "../backtest/engine.ts";
import type { BacktestSettings, Bars } from "../backtest/types.ts";
import { DomainError } from "../errors.ts";
import { unguarded } from "./bar-guard.ts";
import type { Params } from "./types.ts";
import { type UserProbe, userStrategy } from "./user-strategy.ts";

export interface LookaheadFinding {
  kind: "signal" | "indicator" | "read-ahead";
  /** First bar whose value depends on later bars (-1 for a read-ahead error). */
  bar: number;
  /** Epoch ms of that bar (NaN for a read-ahead error). */
  time: number;
  /** The signal call or series name (e.g. "buy", "this.future"). */
  what: string;
  /** What differs, in words. */
  detail: string;
  /** The bar after which the data was cut. */
  cutAfter: number;
}

export interface LookaheadReport {
  flagged: boolean;
  /** Bars after which the data was cut. */
  cuts: number[];
  findings: LookaheadFinding[];
  /** One sentence for a results page or the CLI. */
  summary: string;
}

export interface LookaheadOptions {
  bars: Bars;
  source: string;
  params?: Params;
  settings?: Partial<BacktestSettings>;
  /** How many cut points at signal bars, and how many evenly spaced (default 5 and 3). */
  signalCuts?: number;
  evenCuts?: number;
}

interface Observed {
  signals: UserProbe["signals"];
  series: Map<string, ArrayLike<unknown>>;
  error?: DomainError;
}

function cutBars(bars: Bars, k: number): Bars {
  const cut = {} as Record<string, Float64Array>;
  for (const [key, v] of Object.entries(bars)) if (v instanceof Float64Array) cut[key] = v.subarray(0, k + 1);
  return cut as unknown as Bars;
}

function isSeries(v: unknown, n: number): v is ArrayLike<unknown> {
  return (ArrayBuffer.isView(v) || Array.isArray(v)) && (v as ArrayLike<unknown>).length === n;
}

/** Bar-indexed arrays kept on `this` (one level of nesting, e.g. this.bands.upper). */
function seriesOf(self: object | undefined, n: number): Map<string, ArrayLike<unknown>> {
  const out = new Map<string, ArrayLike<unknown>>();
  for (const [key, raw] of Object.entries(self ?? {})) {
    const value = unguarded(raw);
    if (isSeries(value, n)) out.set(`this.${key}`, value);
    else if (value && typeof value === "object" && !ArrayBuffer.isView(value) && !Array.isArray(value)) {
      for (const [sub, inner] of Object.entries(value)) {
        const v = unguarded(inner);
        if (isSeries(v, n)) out.set(`this.${key}.${sub}`, v);
      }
    }
  }
  return out;
}

function observe(opts: LookaheadOptions, bars: Bars): Observed {
  const probe: UserProbe = { signals: [] };
  const strategy = userStrategy({ source: opts.source, probe });
  try {
    runBacktest({ bars, strategy, params: opts.params, settings: opts.settings });
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "look-ahead") throw error;
    return { signals: probe.signals, series: new Map(), error };
  }
  return { signals: probe.signals, series: seriesOf(probe.self, bars.close.length) };
}

const same = (a: unknown, b: unknown) => Object.is(a, b) || (a === 0 && b === 0);

function describeSignal(s: { call: string } | undefined): string {
  return s ? s.call : "no signal";
}

/** Bars to cut after: a few signal bars (the most sensitive points) and a few even ones. */
function cutPoints(full: Observed, n: number, signalCuts: number, evenCuts: number): number[] {
  const cuts = new Set<number>();
  const bars = [...new Set(full.signals.map((s) => s.bar))].filter((b) => b < n - 1);
  for (let j = 0; j < Math.min(signalCuts, bars.length); j++)
    cuts.add(bars[Math.floor(((j + 0.5) * bars.length) / Math.min(signalCuts, bars.length))]);
  for (let j = 1; j <= evenCuts; j++) cuts.add(Math.floor((j * n) / (evenCuts + 1)));
  return [...cuts].filter((k) => k > 1 && k < n - 1).sort((a, b) => a - b);
}

function compare(full: Observed, cut: Observed, k: number, time: Float64Array): LookaheadFinding[] {
  const found: LookaheadFinding[] = [];
  const a = full.signals.filter((s) => s.bar <= k);
  const b = cut.signals.filter((s) => s.bar <= k);
  for (let j = 0; j < Math.max(a.length, b.length); j++) {
    if (a[j]?.bar === b[j]?.bar && a[j]?.call === b[j]?.call) continue;
    const bar = Math.min(a[j]?.bar ?? Number.POSITIVE_INFINITY, b[j]?.bar ?? Number.POSITIVE_INFINITY);
    const at = (list: typeof a) => list.find((s) => s.bar === bar);
    found.push({
      kind: "signal",
      bar,
      time: time[bar],
      what: (at(a) ?? at(b))?.call.replace(/\(.*$/, "") ?? "signal",
      detail: `${describeSignal(at(a))} with all the data, ${describeSignal(at(b))} with the data cut after bar ${k}`,
      cutAfter: k,
    });
    break;
  }
  for (const [name, values] of full.series) {
    const other = cut.series.get(name);
    if (!other) continue;
    for (let j = 0; j <= k; j++) {
      if (same(values[j], other[j])) continue;
      found.push({
        kind: "indicator",
        bar: j,
        time: time[j],
        what: name,
        detail: `${name}[${j}] is ${String(values[j])} with all the data, ${String(other[j])} with the data cut after bar ${k}`,
        cutAfter: k,
      });
      break;
    }
  }
  return found;
}

function summarise(findings: LookaheadFinding[]): string {
  if (findings.length === 0)
    return "No look-ahead found: signals and indicators did not change when later bars were removed.";
  const first = findings[0];
  if (first.kind === "read-ahead") return `Look-ahead: ${first.detail}`;
  const names = [...new Set(findings.map((f) => f.what))].join(", ");
  return `Look-ahead: ${names} change${findings.length === 1 ? "s" : ""} when later bars are removed (first at bar ${first.bar}: ${first.detail}). Results of this strategy are not trustworthy.`;
}

/** Runs the check; throws only for errors other than look-ahead (e.g. a syntax error). */
export function checkLookahead(opts: LookaheadOptions): LookaheadReport {
  const n = opts.bars.close.length;
  const full = observe(opts, opts.bars);
  const findings: LookaheadFinding[] = [];
  const readAhead = (error: DomainError, k: number) =>
    findings.push({
      kind: "read-ahead",
      bar: -1,
      time: Number.NaN,
      what: "read",
      detail: error.message,
      cutAfter: k,
    });
  if (full.error) {
    readAhead(full.error, n - 1);
    return { flagged: true, cuts: [], findings, summary: summarise(findings) };
  }
  const cuts = cutPoints(full, n, opts.signalCuts ?? 5, opts.evenCuts ?? 3);
  const seen = new Set<string>();
  for (const k of cuts) {
    const cut = observe(opts, cutBars(opts.bars, k));
    if (cut.error) {
      if (!findings.some((f) => f.kind === "read-ahead")) readAhead(cut.error, k);
      continue;
    }
    for (const f of compare(full, cut, k, opts.bars.time)) {
      const key = `${f.kind}:${f.what}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(f);
    }
  }
  findings.sort((x, y) => x.bar - y.bar);
  return { flagged: findings.length > 0, cuts, findings, summary: summarise(findings) };
}
