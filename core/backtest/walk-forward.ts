/**
 * Walk-forward analysis: rolling (or anchored) in-sample windows are optimised, the best
 * parameters are tested on the following out-of-sample window, and the out-of-sample
 * equity curves are stitched into one (each window starts from the previous one's end).
 * Runs go through callbacks, like optimise(), so the app and the CLI choose where they run.
 */
import { DomainError } from "../errors.ts";
import { viewColumns } from "../market/candles.ts";
import { computeStats, type Stats } from "../metrics/compute-stats.ts";
import type { Params, StrategyDefinition } from "../strategy/types.ts";
import { runBacktest } from "./engine.ts";
import { type OptimiseOptions, optimise } from "./optimise.ts";
import type { BacktestSettings, Bars, TradeRecord } from "./types.ts";

/** Bars [start, end) of the data. */
export interface BarRange {
  start: number;
  end: number;
}

/** What an out-of-sample run must return. */
export interface WindowRun {
  /** Equity for every bar of the run's range (index 0 = range.start). */
  equity: Float64Array;
  trades: TradeRecord[];
}

/** Options of walkForward. */
export interface WalkForwardOptions extends Omit<OptimiseOptions, "runOne"> {
  /** Bar times of the whole data set. */
  time: Float64Array;
  inSampleBars: number;
  outOfSampleBars: number;
  /** In-sample windows all start at bar 0 (default: rolling windows of fixed length). */
  anchored?: boolean;
  /** Starting cash of each out-of-sample run (default 10000); the stitched curve starts here. */
  cash?: number;
  /** Annual risk-free rate for the statistics. */
  riskFreeRate?: number;
  /** Runs one in-sample backtest of `range` and returns its statistics. */
  runInSample(params: Params, range: BarRange): Promise<Stats> | Stats;
  /** Runs `params` trading only on `range` (earlier bars may serve as indicator warm-up). */
  runOutOfSample(params: Params, range: BarRange): Promise<WindowRun> | WindowRun;
}

/** One step of the walk. */
export interface WalkForwardWindow {
  inSample: BarRange;
  outOfSample: BarRange;
  params: Params;
  inSampleScore: number;
  outOfSampleStats: Stats;
}

/** The walk: each window, the stitched out-of-sample curve and its statistics. */
export interface WalkForwardResult {
  windows: WalkForwardWindow[];
  /** Stitched out-of-sample equity, one value per out-of-sample bar. */
  equity: Float64Array;
  time: Float64Array;
  /** Out-of-sample trades with bars re-indexed onto the stitched curve. */
  trades: TradeRecord[];
  stats: Stats;
}

/** The window ranges for n bars. */
export function walkWindows(
  n: number,
  inSample: number,
  outOfSample: number,
  anchored = false,
): { inSample: BarRange; outOfSample: BarRange }[] {
  if (!(Number.isInteger(inSample) && inSample >= 2 && Number.isInteger(outOfSample) && outOfSample >= 2)) {
    throw new DomainError(
      "invalid-walk",
      "In-sample and out-of-sample windows must be whole numbers of at least 2 bars.",
    );
  }
  const out: { inSample: BarRange; outOfSample: BarRange }[] = [];
  for (let s = inSample; s < n; s += outOfSample) {
    out.push({
      inSample: { start: anchored ? 0 : s - inSample, end: s },
      outOfSample: { start: s, end: Math.min(n, s + outOfSample) },
    });
  }
  if (out.length === 0)
    throw new DomainError("invalid-walk", `${n} bars are not enough for a ${inSample}-bar in-sample window.`);
  return out;
}

/** Runs the walk-forward analysis. */
export async function walkForward(opts: WalkForwardOptions): Promise<WalkForwardResult> {
  const n = opts.time.length;
  const cash = opts.cash ?? 10_000;
  const windows: WalkForwardWindow[] = [];
  const parts: { equity: Float64Array; trades: TradeRecord[]; range: BarRange }[] = [];
  for (const w of walkWindows(n, opts.inSampleBars, opts.outOfSampleBars, opts.anchored)) {
    if (opts.shouldCancel?.()) throw new DomainError("cancelled", "The walk-forward analysis was cancelled.");
    const search = await optimise({ ...opts, runOne: (p) => opts.runInSample(p, w.inSample) });
    const best = search.best as NonNullable<typeof search.best>;
    const run = await opts.runOutOfSample(best.params, w.outOfSample);
    const oosTime = opts.time.subarray(w.outOfSample.start, w.outOfSample.end);
    windows.push({
      ...w,
      params: best.params,
      inSampleScore: best.score,
      outOfSampleStats: computeStats({
        equity: run.equity,
        time: oosTime,
        trades: run.trades,
        initialCash: cash,
      }),
    });
    parts.push({ equity: run.equity, trades: run.trades, range: w.outOfSample });
  }
  return stitch(parts, opts.time, cash, windows, opts.riskFreeRate);
}

function stitch(
  parts: { equity: Float64Array; trades: TradeRecord[]; range: BarRange }[],
  allTime: Float64Array,
  cash: number,
  windows: WalkForwardWindow[],
  riskFreeRate?: number,
): WalkForwardResult {
  const first = parts[0].range.start;
  const last = parts[parts.length - 1].range.end;
  const equity = new Float64Array(last - first);
  const trades: TradeRecord[] = [];
  let level = cash;
  for (const p of parts) {
    const scale = level / cash;
    const offset = p.range.start - first;
    for (let k = 0; k < p.equity.length; k++) equity[offset + k] = p.equity[k] * scale;
    for (const t of p.trades) {
      trades.push({
        ...t,
        entryBar: t.entryBar + offset,
        exitBar: t.exitBar + offset,
        pnl: t.pnl * scale,
        commission: t.commission * scale,
        swap: t.swap * scale,
      });
    }
    level = equity[offset + p.equity.length - 1];
  }
  const time = allTime.slice(first, last);
  const stats = computeStats({ equity, time, trades, initialCash: cash, riskFreeRate });
  return { windows, equity, time, trades, stats };
}

/**
 * In-thread runners for walkForward: in-sample runs on the window's bars; out-of-sample runs
 * warm their indicators up on up to `lookback` earlier bars and trade only inside the window.
 */
export function localWalkRunners(opts: {
  bars: Bars;
  strategy: string | StrategyDefinition;
  settings?: Partial<BacktestSettings>;
  lookback: number;
}): Pick<WalkForwardOptions, "runInSample" | "runOutOfSample"> {
  const { bars, strategy, settings } = opts;
  return {
    runInSample: (params, r) =>
      runBacktest({ bars: viewColumns(bars, r.start, r.end), strategy, params, settings }).stats,
    runOutOfSample: (params, r) => {
      const from = Math.max(0, r.start - opts.lookback);
      const skip = r.start - from;
      const run = runBacktest({
        bars: viewColumns(bars, from, r.end),
        strategy,
        params,
        settings,
        startBar: skip,
      });
      const trades = run.trades.map((t) => ({
        ...t,
        entryBar: t.entryBar - skip,
        exitBar: t.exitBar - skip,
      }));
      return { equity: run.equity.subarray(skip), trades };
    },
  };
}
