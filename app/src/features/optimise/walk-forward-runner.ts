/**
 * Runs core's walk-forward analysis on the current setup with the worker pool: each
 * in-sample window's optimisation runs over the pool (one worker per core); each test runs
 * on the out-of-sample bars with the in-sample bars before them as indicator warm-up. Keeps
 * the stitched out-of-sample curve, its figures and the windows.
 */
import { createSignal } from "solid-js";
import { candidates } from "../../../../core/backtest/optimise.ts";
import type { TradeRecord } from "../../../../core/backtest/types.ts";
import { type BarRange, walkForward, walkWindows } from "../../../../core/backtest/walk-forward.ts";
import type { Stats } from "../../../../core/metrics/compute-stats.ts";
import { drawdownSeries } from "../../../../core/metrics/curve.ts";
import type { Params } from "../../../../core/strategy/types.ts";
import type { BacktestPool } from "../../workers/backtest-client.ts";
import { loadSelection, setup, strategyParams, strategyRef } from "../backtest/setup-store.ts";
import { createPoolJob, isInvalidParams, rejectedStats } from "./pool-job.ts";
import { searchSpec } from "./search-form.ts";

/** Window sizes in bars; the step between windows is the out-of-sample size. */
export interface WalkForwardPlan {
  inSample: number;
  outOfSample: number;
  /** In-sample windows all start at the first bar (else they roll). */
  anchored: boolean;
}

/** One window's outcome. */
export interface WindowResult {
  /** Times of the first and last test bar. */
  oosStart: number;
  oosEnd: number;
  params: Params;
  isScore: number;
  oos: Stats;
}

export interface WalkForwardResult {
  /** strategy, data set, timeframe and period: "SMA cross · EURUSD H1 2024-01-02..2024-06-28" */
  name: string;
  objective: keyof Stats;
  /** Names of the optimised parameters. */
  varied: string[];
  /** Mean out-of-sample objective / mean in-sample objective (windows with both defined). */
  efficiency: number;
  windows: WindowResult[];
  stats: Stats;
  time: Float64Array;
  equity: Float64Array;
  drawdown: Float64Array;
  ms: number;
  workers: number;
}

const [plan, setPlan] = createSignal<WalkForwardPlan>({ inSample: 2000, outOfSample: 500, anchored: false });
const job = createPoolJob<WalkForwardResult>("The walk-forward analysis was cancelled.");

export const walkForwardState = { plan, setPlan, ...job.state };

function efficiency(windows: WindowResult[], objective: keyof Stats): number {
  const both = windows.filter((w) => Number.isFinite(w.isScore) && Number.isFinite(w.oos[objective]));
  if (both.length === 0) return Number.NaN;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return mean(both.map((w) => w.oos[objective])) / mean(both.map((w) => w.isScore));
}

/** Pool-backed runners: in-sample statistics, and out-of-sample runs warmed up on the bars before. */
function poolRunners(p: BacktestPool, lookback: number, onWindowDone: () => void) {
  return {
    runInSample: (params: Params, r: BarRange) =>
      p.stats(params, { from: r.start, to: r.end }).catch((e: unknown) => {
        if (isInvalidParams(e)) return rejectedStats();
        throw e;
      }),
    runOutOfSample: async (params: Params, r: BarRange) => {
      const from = Math.max(0, r.start - lookback);
      const skip = r.start - from;
      const run = await p.rangeRun(params, { from, to: r.end }, skip);
      onWindowDone();
      const trades: TradeRecord[] = run.trades.map((t) => ({
        ...t,
        entryBar: t.entryBar - skip,
        exitBar: t.exitBar - skip,
      }));
      return { equity: run.equity.subarray(skip), trades };
    },
  };
}

/** Runs the analysis; the result (or the error) lands in walkForwardState. */
export function runWalkForward(): Promise<void> {
  return job.run(async ({ setDone, setTotal, shouldCancel, startPool }) => {
    const started = performance.now();
    const spec = searchSpec(strategyParams(), setup.params());
    const data = await loadSelection();
    const { inSample, outOfSample, anchored } = plan();
    const count = walkWindows(data.bars.length, inSample, outOfSample, anchored).length;
    const perWindow = candidates(spec).length;
    setTotal(count * perWindow);
    const p = await startPool(data);
    let windowsDone = 0;
    const res = await walkForward({
      ...spec,
      concurrency: p.size,
      time: data.bars.time,
      inSampleBars: inSample,
      outOfSampleBars: outOfSample,
      anchored,
      cash: setup.account().cash,
      ...poolRunners(p, inSample, () => windowsDone++),
      onProgress: (d) => setDone(windowsDone * perWindow + d),
      shouldCancel,
    });
    const windows: WindowResult[] = res.windows.map((w) => ({
      oosStart: data.bars.time[w.outOfSample.start],
      oosEnd: data.bars.time[w.outOfSample.end - 1],
      params: w.params,
      isScore: w.inSampleScore,
      oos: w.outOfSampleStats,
    }));
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const label = data.dataset.label ?? data.dataset.symbol;
    const period = `${day(data.bars.time[0])}..${day(data.bars.time[data.bars.length - 1])}`;
    return {
      name: `${strategyRef().info.name} · ${label} ${data.timeframe} ${period}`,
      objective: spec.objective,
      varied: spec.ranges.map((r) => r.name),
      efficiency: efficiency(windows, spec.objective),
      windows,
      stats: res.stats,
      time: res.time,
      equity: res.equity,
      drawdown: drawdownSeries(res.equity),
      ms: performance.now() - started,
      workers: p.size,
    };
  });
}

/** Stops the analysis: ends every worker of the pool. */
export const cancelWalkForward = job.cancel;
