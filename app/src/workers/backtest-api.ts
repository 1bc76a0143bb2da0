/**
 * The backtest worker's handler map: one run with progress (results as transferable typed
 * arrays), and a prepared mode for optimisation and walk-forward in which the bars and the
 * strategy are sent once and each call runs one parameter set on a bar range. Errors cross
 * the boundary as plain {code, message, line?, column?} objects.
 */
import { transfer } from "comlink";
import { type BacktestResult, runBacktest } from "../../../core/backtest/engine.ts";
import type { BacktestSettings, Bars, TradeRecord } from "../../../core/backtest/types.ts";
import { viewColumns } from "../../../core/market/candles.ts";
import type { Stats } from "../../../core/metrics/compute-stats.ts";
import { checkLookahead, type LookaheadReport } from "../../../core/strategy/lookahead-check.ts";
import { getStrategy } from "../../../core/strategy/registry.ts";
import type { ParamSpec, Params, StrategyDefinition } from "../../../core/strategy/types.ts";
import { userStrategy } from "../../../core/strategy/user-strategy.ts";
import type { Sizing } from "../features/backtest/account-form.ts";
import { type BracketUnits, withBracketUnits } from "../features/backtest/bracket-units.ts";
import { withSizing } from "../features/backtest/sized-strategy.ts";
import { type CodeError, toCodeError } from "../features/backtest/user-strategy.ts";

/** A built-in strategy by id, or user code. */
export type StrategyRef = { kind: "builtin"; id: string } | { kind: "user"; code: string; name: string };

/** Everything about a run except the bars and parameters. */
export interface RunSetup {
  strategy: StrategyRef;
  settings: Partial<BacktestSettings>;
  sizing: Sizing;
  /** the unit of stopLoss/takeProfit of built-in strategies (default: fractions of price) */
  brackets?: BracketUnits;
}

export interface RunJob extends RunSetup {
  bars: Bars;
  params: Params;
}

/** The run result as it crosses the worker boundary (plain data and typed arrays). */
export interface RunResult {
  stats: Stats;
  trades: TradeRecord[];
  openTrades: TradeRecord[];
  equity: Float64Array;
  drawdown: Float64Array;
  startBar: number;
  ruined: boolean;
  cancelledOrders: number;
  params: Params;
  settings: BacktestSettings;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: CodeError };

/** A bar index range [from, to). */
export interface BarRange {
  from: number;
  to: number;
}

/** Result of a run on a range: statistics and the equity curve (for stitching). */
export interface RangeRun {
  stats: Stats;
  equity: Float64Array;
  trades: TradeRecord[];
}

function definitionOf(setup: RunSetup): StrategyDefinition {
  const ref = setup.strategy;
  if (ref.kind === "user")
    // user code places its own stops: its parameters keep the meaning the code gives them
    return withSizing(userStrategy({ source: ref.code, name: ref.name }), setup.sizing);
  return withSizing(withBracketUnits(getStrategy(ref.id), setup.brackets), setup.sizing);
}

function fail(e: unknown): { ok: false; error: CodeError } {
  return { ok: false, error: toCodeError(e) };
}

function slice(bars: Bars, r?: BarRange): Bars {
  return r ? viewColumns(bars, r.from, r.to) : bars;
}

let prepared:
  | { bars: Bars; def: StrategyDefinition; settings: Partial<BacktestSettings>; source?: string }
  | undefined;

function runPrepared(params: Params, range?: BarRange, startBar = 0): BacktestResult {
  if (!prepared) {
    throw Object.assign(new Error("The worker has no prepared data; call prepare first."), {
      code: "not-prepared",
    });
  }
  const bars = slice(prepared.bars, range);
  return runBacktest({ bars, strategy: prepared.def, params, settings: prepared.settings, startBar });
}

/** The result without the engine's internal trade log (plain data crosses the boundary). */
function plain(r: BacktestResult): RunResult {
  const { stats, trades, openTrades, equity, drawdown, startBar, ruined, cancelledOrders, params, settings } =
    r;
  return { stats, trades, openTrades, equity, drawdown, startBar, ruined, cancelledOrders, params, settings };
}

export const backtestApi = {
  /** Runs one backtest; onProgress (a comlink proxy) gets the fraction done. */
  run(job: RunJob, onProgress?: (fraction: number) => void): Outcome<RunResult> {
    try {
      const result = runBacktest({
        bars: job.bars,
        strategy: definitionOf(job),
        params: job.params,
        settings: job.settings,
        onProgress,
      });
      const value = plain(result);
      return transfer({ ok: true, value }, [
        value.equity.buffer,
        value.drawdown.buffer,
      ]) as Outcome<RunResult>;
    } catch (e) {
      return fail(e);
    }
  },

  /** Keeps bars and strategy for later stats/rangeRun calls; returns the strategy's parameters. */
  prepare(bars: Bars, setup: RunSetup): Outcome<ParamSpec[]> {
    try {
      const def = definitionOf(setup);
      const source = setup.strategy.kind === "user" ? setup.strategy.code : undefined;
      prepared = { bars, def, settings: setup.settings, source };
      return { ok: true, value: def.params.slice() };
    } catch (e) {
      prepared = undefined;
      return fail(e);
    }
  },

  /** Statistics of one parameter set on the prepared bars (optionally a range of them). */
  stats(params: Params, range?: BarRange): Outcome<Stats> {
    try {
      return { ok: true, value: runPrepared(params, range).stats };
    } catch (e) {
      return fail(e);
    }
  },

  /**
   * Statistics, equity and trades of one parameter set on a range, acting only from bar
   * `startBar` of the range on (earlier bars warm the indicators up): walk-forward tests.
   */
  rangeRun(params: Params, range: BarRange, startBar = 0): Outcome<RangeRun> {
    try {
      const r = runPrepared(params, range, startBar);
      return transfer({ ok: true, value: { stats: r.stats, equity: r.equity, trades: r.trades } }, [
        r.equity.buffer,
      ]) as Outcome<RangeRun>;
    } catch (e) {
      return fail(e);
    }
  },

  /**
   * The look-ahead check (core/strategy/lookahead-check.ts) of the prepared user strategy on
   * the prepared bars; null for a built-in strategy (they are causal by construction).
   */
  lookahead(params: Params): Outcome<LookaheadReport | null> {
    try {
      if (!prepared)
        return fail(Object.assign(new Error("Prepare the worker first."), { code: "not-prepared" }));
      if (prepared.source === undefined) return { ok: true, value: null };
      const { bars, source, settings } = prepared;
      return { ok: true, value: checkLookahead({ bars, source, params, settings }) };
    } catch (e) {
      return fail(e);
    }
  },
};

export type BacktestApi = typeof backtestApi;
