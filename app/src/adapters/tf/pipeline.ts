/**
 * The whole honest-evaluation run, shared by the CLI and the browser worker: features and
 * labels from the bars, walk-forward windows with a purge gap, a scaler and a fresh model
 * per window fitted on that window's training rows only, out-of-sample predictions
 * stitched over the test windows, optionally the same model trained on shuffled labels,
 * and the report (classification figures and engine backtests). The last window's model
 * and scaler are returned for use as a bot.
 */
import * as tf from "@tensorflow/tfjs";
import type { BacktestSettings, Bars } from "../../../../core/backtest/types.ts";
import { seededRandom } from "../../../../core/market/sample-data.ts";
import { shuffledLabels } from "../../../../core/ml/classification.ts";
import type { FeatureSpec } from "../../../../core/ml/feature-spec.ts";
import { computeFeatures } from "../../../../core/ml/features.ts";
import { computeLabels, type LabelSpec } from "../../../../core/ml/labels.ts";
import { buildOosReport, type OosReport } from "../../../../core/ml/report.ts";
import { applyScaler, fitScaler, type Scaler } from "../../../../core/ml/scaler.ts";
import { type SplitWindow, validationSplit, walkForwardSplits } from "../../../../core/ml/splits.ts";
import { classWeights, inputTensor, labelledRows, labelTensor, type ScaledRows } from "./dataset.ts";
import { buildModel, lookbackOf, type ModelKind } from "./models.ts";
import { type EpochLog, trainModel } from "./train.ts";

export interface TrainJob {
  bars: Bars;
  features: FeatureSpec;
  label: LabelSpec;
  model: ModelKind;
  epochs: number;
  batchSize?: number;
  seed: number;
  windows?: number;
  patience?: number;
  /** balanced class weights (default true) */
  classWeights?: boolean;
  /** also train on shuffled labels as a control (doubles the time) */
  control?: boolean;
  /** backtest costs for the report */
  settings?: Partial<BacktestSettings>;
}

/** Progress events: which window and which phase (model or control), and epoch logs. */
export interface TrainHooks {
  onWindow?(info: { window: number; windows: number; phase: "model" | "control"; split: SplitWindow }): void;
  onEpoch?(info: { window: number; phase: "model" | "control"; log: EpochLog }): void | Promise<void>;
  onWindowDone?(info: {
    window: number;
    windows: number;
    accuracy: number;
    epochs: number;
    samples: number;
    bestEpoch: number;
    stoppedEarly: boolean;
  }): void;
  shouldStop?(): boolean;
}

export interface WindowResult {
  split: SplitWindow;
  history: EpochLog[];
  bestEpoch: number;
  stoppedEarly: boolean;
  accuracy: number;
  samples: number;
}

export interface TrainOutcome {
  report: OosReport;
  windows: WindowResult[];
  /** the last window's model (trained on the most recent data) with its scaler */
  model: tf.LayersModel;
  scaler: Scaler;
  lookback: number;
  featureNames: string[];
  /** labelled out-of-sample samples */
  samples: number;
  oosProbs: Float32Array;
}

interface WindowRun {
  model: tf.LayersModel;
  scaler: Scaler;
  result: WindowResult;
}

async function runWindow(
  job: TrainJob,
  ctx: { m: ReturnType<typeof computeFeatures>; labels: Float32Array; lookback: number; seed: number },
  split: SplitWindow,
  probs: Float32Array,
  hook: (log: EpochLog) => void | Promise<void>,
  shouldStop?: () => boolean,
): Promise<WindowRun> {
  const { m, labels, lookback } = ctx;
  const horizon = job.label.horizon;
  const fitPart = validationSplit(split.train, horizon);
  const scaler = fitScaler(m, fitPart.train[0], fitPart.train[1]);
  const from = split.train[0] - lookback + 1;
  const scaled: ScaledRows = { data: applyScaler(m, scaler, from, split.test[1]), from, cols: m.cols };
  const trainRows = labelledRows(labels, fitPart.train[0], fitPart.train[1]);
  const valRows = labelledRows(labels, fitPart.test[0], fitPart.test[1]);
  const model = buildModel(job.model, m.cols, lookback, ctx.seed);
  const x = inputTensor(scaled, trainRows, lookback);
  const y = labelTensor(labels, trainRows);
  const xVal = inputTensor(scaled, valRows, lookback);
  const yVal = labelTensor(labels, valRows);
  try {
    const trained = await trainModel(
      model,
      { x, y, xVal, yVal },
      {
        epochs: job.epochs,
        batchSize: job.batchSize ?? 256,
        seed: ctx.seed,
        patience: job.patience ?? 4,
        classWeight: job.classWeights === false ? undefined : classWeights(labels, trainRows),
        onEpoch: hook,
        shouldStop,
      },
    );
    const testRows = Int32Array.from({ length: split.test[1] - split.test[0] }, (_, k) => split.test[0] + k);
    const xTest = inputTensor(scaled, testRows, lookback);
    const p = tf.tidy(() => (model.predict(xTest, { batchSize: 4096 }) as tf.Tensor).dataSync());
    xTest.dispose();
    let right = 0;
    let samples = 0;
    for (let k = 0; k < testRows.length; k++) {
      const t = testRows[k];
      probs[t] = p[k];
      if (Number.isFinite(labels[t])) {
        samples++;
        if (p[k] > 0.5 === (labels[t] === 1)) right++;
      }
    }
    const result = { split, ...trained, accuracy: samples ? right / samples : Number.NaN, samples };
    return { model, scaler, result };
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    tf.dispose([x, y, xVal, yVal]);
  }
}

/** Runs the walk-forward training and evaluation (see the module comment). */
export async function walkForwardTrain(job: TrainJob, hooks: TrainHooks = {}): Promise<TrainOutcome> {
  const m = computeFeatures(job.bars, job.features);
  const labels = computeLabels(job.bars, job.label);
  const lookback = lookbackOf(job.model);
  const splits = walkForwardSplits({
    firstRow: m.firstRow + lookback - 1,
    endRow: m.rows,
    horizon: job.label.horizon,
    windows: job.windows ?? 4,
  });
  const oosProbs = new Float32Array(m.rows).fill(Number.NaN);
  const controlProbs = job.control ? new Float32Array(m.rows).fill(Number.NaN) : undefined;
  const windows: WindowResult[] = [];
  let last: WindowRun | undefined;
  for (let k = 0; k < splits.length; k++) {
    const split = splits[k];
    hooks.onWindow?.({ window: k, windows: splits.length, phase: "model", split });
    const run = await runWindow(
      job,
      { m, labels, lookback, seed: job.seed + k },
      split,
      oosProbs,
      (log) => hooks.onEpoch?.({ window: k, phase: "model", log }),
      hooks.shouldStop,
    );
    last?.model.dispose();
    last = run;
    windows.push(run.result);
    hooks.onWindowDone?.({
      window: k,
      windows: splits.length,
      accuracy: run.result.accuracy,
      epochs: run.result.history.length,
      samples: run.result.samples,
      bestEpoch: run.result.bestEpoch,
      stoppedEarly: run.result.stoppedEarly,
    });
    if (controlProbs) {
      hooks.onWindow?.({ window: k, windows: splits.length, phase: "control", split });
      const shuffled = shuffledLabels(
        labels,
        split.train[0],
        split.train[1],
        seededRandom(job.seed + 1000 + k),
      );
      const control = await runWindow(
        job,
        { m, labels: shuffled, lookback, seed: job.seed + k },
        split,
        controlProbs,
        (log) => hooks.onEpoch?.({ window: k, phase: "control", log }),
        hooks.shouldStop,
      );
      control.model.dispose();
    }
  }
  if (!last) throw new Error("No walk-forward window was trained.");
  const report = buildOosReport({
    bars: job.bars,
    probs: oosProbs,
    labels,
    shuffledProbs: controlProbs,
    settings: job.settings,
  });
  return {
    report,
    windows,
    model: last.model,
    scaler: last.scaler,
    lookback,
    featureNames: m.names,
    samples: report.classification.samples,
    oosProbs,
  };
}
