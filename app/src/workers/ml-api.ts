/**
 * The ML worker's handler map: walk-forward training with progress events and cancel,
 * live predictions for bots (models loaded once per id), and a training-throughput probe
 * for the benchmark. Errors cross the boundary as plain {code, message} objects.
 */
import type * as tf from "@tensorflow/tfjs";
import { transfer } from "comlink";
import type { BacktestSettings, Bars } from "../../../core/backtest/types.ts";
import { type PlainError, toPlainError } from "../../../core/errors.ts";
import type { FeatureSpec } from "../../../core/ml/feature-spec.ts";
import type { LabelSpec } from "../../../core/ml/labels.ts";
import type { OosReport } from "../../../core/ml/report.ts";
import {
  loadArtifacts,
  type ModelArtifacts,
  type ModelMeta,
  saveArtifacts,
} from "../adapters/tf/artifacts.ts";
import { type BackendChoice, useBrowserBackend } from "../adapters/tf/backend-browser.ts";
import type { ModelKind } from "../adapters/tf/models.ts";
import { type TrainHooks, type WindowResult, walkForwardTrain } from "../adapters/tf/pipeline.ts";
import { type LivePrediction, predictNext } from "../adapters/tf/predict.ts";
import { mlpThroughput } from "../adapters/tf/throughput.ts";

export interface TrainRequest {
  bars: Bars;
  features: FeatureSpec;
  label: LabelSpec;
  model: ModelKind;
  epochs: number;
  seed: number;
  windows: number;
  patience: number;
  classWeights: boolean;
  control: boolean;
  settings: Partial<BacktestSettings>;
  backend: BackendChoice;
}

export type TrainEvent =
  | { type: "backend"; name: string }
  | { type: "window"; window: number; windows: number; phase: "model" | "control" }
  | {
      type: "epoch";
      window: number;
      phase: "model" | "control";
      epoch: number;
      loss: number;
      accuracy: number;
      valLoss: number;
      valAccuracy: number;
    }
  | {
      type: "window-done";
      window: number;
      windows: number;
      accuracy: number;
      epochs: number;
      bestEpoch: number;
      stoppedEarly: boolean;
    };

export interface TrainedModel {
  report: OosReport;
  windows: WindowResult[];
  artifacts: ModelArtifacts;
  meta: ModelMeta;
  backend: string;
  samples: number;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: PlainError };

let cancelRequested = false;
const loaded = new Map<string, Promise<tf.LayersModel>>();

export const mlApi = {
  /** Chooses the backend (auto: webgpu, else webgl on a hardware GPU, else wasm) and returns its name. */
  backend(choice: BackendChoice = "auto"): Promise<string> {
    return useBrowserBackend(choice);
  },

  /** Walk-forward training and evaluation; onEvent (a comlink proxy) gets progress. */
  async train(req: TrainRequest, onEvent: (e: TrainEvent) => void): Promise<Outcome<TrainedModel>> {
    cancelRequested = false;
    try {
      const backend = await useBrowserBackend(req.backend);
      onEvent({ type: "backend", name: backend });
      const hooks: TrainHooks = {
        onWindow: ({ window, windows, phase }) => onEvent({ type: "window", window, windows, phase }),
        onEpoch: ({ window, phase, log }) => onEvent({ type: "epoch", window, phase, ...log }),
        onWindowDone: ({ window, windows, accuracy, epochs, bestEpoch, stoppedEarly }) =>
          onEvent({ type: "window-done", window, windows, accuracy, epochs, bestEpoch, stoppedEarly }),
        shouldStop: () => cancelRequested,
      };
      const out = await walkForwardTrain({ ...req, batchSize: 256 }, hooks);
      const artifacts = await saveArtifacts(out.model);
      out.model.dispose();
      const meta: ModelMeta = {
        kind: req.model,
        features: req.features,
        featureNames: out.featureNames,
        label: req.label,
        scaler: out.scaler,
        lookback: out.lookback,
      };
      const value: TrainedModel = {
        report: out.report,
        windows: out.windows,
        artifacts,
        meta,
        backend,
        samples: out.samples,
      };
      return transfer({ ok: true, value }, [artifacts.weightData]) as Outcome<TrainedModel>;
    } catch (e) {
      return { ok: false, error: toPlainError(e) };
    }
  },

  /** Asks a running training to stop after the current batch. */
  cancel(): void {
    cancelRequested = true;
  },

  /** P(up) for the bar after the last of `bars`, with the features that produced it. */
  async predict(
    id: string,
    artifacts: ModelArtifacts,
    meta: ModelMeta,
    bars: Bars,
  ): Promise<Outcome<LivePrediction>> {
    try {
      await useBrowserBackend("auto");
      let model = loaded.get(id);
      if (!model) {
        model = loadArtifacts(artifacts);
        loaded.set(id, model);
      }
      return { ok: true, value: predictNext(await model, meta, bars) };
    } catch (e) {
      return { ok: false, error: toPlainError(e) };
    }
  },

  /** Training throughput of the default MLP (samples/s), for the benchmark. */
  async throughput(
    samples: number,
    epochs: number,
    choice: BackendChoice,
  ): Promise<{ backend: string; samplesPerSecond: number }> {
    const backend = await useBrowserBackend(choice);
    return { backend, samplesPerSecond: await mlpThroughput(samples, epochs) };
  },
};

export type MlApi = typeof mlApi;
