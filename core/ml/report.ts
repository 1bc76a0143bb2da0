/**
 * The out-of-sample report: classification figures of the walk-forward predictions, and
 * backtests through the engine (with the given costs) of the model's signals, of
 * buy-and-hold over the same bars, and of the same model trained on shuffled labels, so a
 * result no better than the shuffled control reads as luck.
 */
import { runBacktest } from "../backtest/engine.ts";
import type { BacktestSettings, Bars } from "../backtest/types.ts";
import type { Stats } from "../metrics/compute-stats.ts";
import { buyAndHold, modelSignal } from "../strategy/model-signal.ts";
import type { Params } from "../strategy/types.ts";
import { type ClassificationReport, classificationReport } from "./classification.ts";

/** A backtest summary small enough to store with a model. */
export interface BacktestSummary {
  stats: Stats;
  /** equity sampled to at most EQUITY_POINTS points, for the report chart */
  equity: number[];
}

export interface OosReport {
  classification: ClassificationReport;
  /** null when no shuffled-label control was trained */
  shuffled: ClassificationReport | null;
  backtest: BacktestSummary;
  buyAndHold: BacktestSummary;
  shuffledBacktest: BacktestSummary | null;
  /** first feature row with an out-of-sample prediction */
  firstOosRow: number;
}

export interface ReportInput {
  bars: Bars;
  /** out-of-sample P(up) per feature row (bars.length + 1 values, NaN where none) */
  probs: Float32Array;
  labels: Float32Array;
  /** the control's out-of-sample predictions (same layout), if trained */
  shuffledProbs?: Float32Array;
  settings?: Partial<BacktestSettings>;
  signal?: Partial<Params>;
}

const EQUITY_POINTS = 400;

function summary(equity: Float64Array, start: number, stats: Stats): BacktestSummary {
  const span = equity.length - start;
  const step = Math.max(1, Math.ceil(span / EQUITY_POINTS));
  const points: number[] = [];
  for (let i = start; i < equity.length; i += step) points.push(equity[i]);
  if (span > 0) points.push(equity[equity.length - 1]);
  return { stats, equity: points };
}

function firstDefinedRow(probs: Float32Array): number {
  for (let t = 0; t < probs.length; t++) if (Number.isFinite(probs[t])) return t;
  return probs.length;
}

/** Builds the report; the backtests start on the bar before the first out-of-sample row. */
export function buildOosReport(input: ReportInput): OosReport {
  const { bars, probs, labels, shuffledProbs, settings } = input;
  const firstOosRow = firstDefinedRow(probs);
  const startBar = Math.max(1, firstOosRow - 1);
  const params: Params = { threshold: 0.5, allowShort: 1, ...input.signal } as Params;
  const run = (strategy: Parameters<typeof runBacktest>[0]["strategy"], p: Params = params) => {
    const r = runBacktest({ bars, strategy, params: p, settings, startBar });
    return summary(r.equity, r.startBar, r.stats);
  };
  return {
    classification: classificationReport(probs, labels),
    shuffled: shuffledProbs ? classificationReport(shuffledProbs, labels) : null,
    backtest: run(modelSignal(probs)),
    buyAndHold: run(buyAndHold, {}),
    shuffledBacktest: shuffledProbs ? run(modelSignal(shuffledProbs)) : null,
    firstOosRow,
  };
}
