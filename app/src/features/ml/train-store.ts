/**
 * The training form's state and one training run at a time: loads the chosen data set's
 * bars, sends the job to the ML worker, collects per-epoch curves, and stores the trained
 * model in the registry when it finishes. Cancel stops it after the current batch.
 */
import { proxy } from "comlink";
import { createSignal } from "solid-js";
import { symbolInfo } from "../../../../core/market/symbols.ts";
import { DEFAULT_FEATURES, type FeatureSpec } from "../../../../core/ml/feature-spec.ts";
import type { LabelSpec } from "../../../../core/ml/labels.ts";
import { listDatasets, readBars } from "../../adapters/bar-store.ts";
import { type DatasetRecord, db } from "../../adapters/db.ts";
import type { BackendChoice } from "../../adapters/tf/backend-choice.ts";
import type { ModelKind } from "../../adapters/tf/model-kinds.ts";
import type { TrainEvent } from "../../workers/ml-api.ts";
import { mlWorker } from "../../workers/ml-client.ts";
import { medianPrice } from "../backtest/account-form.ts";
import { saveModel } from "./model-store.ts";
import type { ModelRecord } from "./records.ts";

export interface TrainForm {
  name: string;
  datasetId: string;
  model: ModelKind;
  labelKind: "direction" | "triple-barrier";
  horizon: number;
  deadZonePips: number;
  takeProfitPips: number;
  stopLossPips: number;
  features: FeatureSpec;
  epochs: number;
  seed: number;
  windows: number;
  patience: number;
  classWeights: boolean;
  control: boolean;
  spreadPips: number;
  backend: BackendChoice;
}

export interface CurvePoint {
  epoch: number;
  loss: number;
  valLoss: number;
  accuracy: number;
  valAccuracy: number;
}

const [datasets, setDatasets] = createSignal<DatasetRecord[]>([]);
const [form, setForm] = createSignal<TrainForm>({
  name: "mlp-direction",
  datasetId: "",
  model: "mlp",
  labelKind: "direction",
  horizon: 1,
  deadZonePips: 0,
  takeProfitPips: 20,
  stopLossPips: 20,
  features: { ...DEFAULT_FEATURES },
  epochs: 20,
  seed: 1,
  windows: 4,
  patience: 4,
  classWeights: true,
  control: true,
  spreadPips: 1,
  backend: "auto",
});
const [running, setRunning] = createSignal(false);
const [backendName, setBackendName] = createSignal("");
const [phase, setPhase] = createSignal("");
const [curve, setCurve] = createSignal<CurvePoint[]>([]);
const [windowsDone, setWindowsDone] = createSignal<string[]>([]);
const [error, setError] = createSignal("");
const [lastModel, setLastModel] = createSignal<ModelRecord | undefined>();

export const training = {
  datasets,
  form,
  setForm,
  running,
  backendName,
  phase,
  curve,
  windowsDone,
  error,
  lastModel,
};

export async function refreshTrainDatasets(): Promise<void> {
  const list = await listDatasets(db);
  setDatasets(list);
  if (!list.some((d) => d.id === form().datasetId) && list[0]) setForm({ ...form(), datasetId: list[0].id });
}

function labelSpec(f: TrainForm, pipSize: number): LabelSpec {
  return f.labelKind === "direction"
    ? { kind: "direction", horizon: f.horizon, deadZonePips: f.deadZonePips, pipSize }
    : {
        kind: "triple-barrier",
        horizon: f.horizon,
        takeProfitPips: f.takeProfitPips,
        stopLossPips: f.stopLossPips,
        pipSize,
      };
}

function onEvent(e: TrainEvent): void {
  if (e.type === "backend") setBackendName(e.name);
  else if (e.type === "window") {
    setPhase(
      `${e.phase === "control" ? "Shuffled-label control" : "Model"}: window ${e.window + 1} of ${e.windows}`,
    );
    setCurve([]);
  } else if (e.type === "epoch") setCurve([...curve(), e]);
  else
    setWindowsDone([
      ...windowsDone(),
      `Window ${e.window + 1}/${e.windows}: out-of-sample accuracy ${(e.accuracy * 100).toFixed(1)}% after ${e.epochs} epochs${e.stoppedEarly ? ` (stopped early; kept epoch ${e.bestEpoch})` : ` (kept epoch ${e.bestEpoch})`}`,
    ]);
}

/** Trains with the form's settings; the model lands in the registry. */
export async function startTraining(): Promise<void> {
  const f = form();
  const ds = datasets().find((d) => d.id === f.datasetId);
  if (!ds) {
    setError("Choose a data set first (load the sample data on the Data page if you have none).");
    return;
  }
  setError("");
  setRunning(true);
  setCurve([]);
  setWindowsDone([]);
  setPhase("Loading bars…");
  try {
    const bars = await readBars(db, ds.id);
    const pipSize = symbolInfo(ds.symbol).pipSize;
    const label = labelSpec(f, pipSize);
    const spread = f.spreadPips > 0 ? (f.spreadPips * pipSize) / medianPrice(bars.close) : 0;
    const out = await mlWorker().train(
      {
        bars,
        features: f.features,
        label,
        model: f.model,
        epochs: f.epochs,
        seed: f.seed,
        windows: f.windows,
        patience: f.patience,
        classWeights: f.classWeights,
        control: f.control,
        settings: { spread, cash: 10_000 },
        backend: f.backend,
      },
      proxy(onEvent),
    );
    if (!out.ok) {
      setError(out.error.code === "cancelled" ? "Training cancelled; nothing was saved." : out.error.message);
      return;
    }
    const t = out.value;
    const saved = await saveModel({
      name: f.name.trim() || `${f.model}-${label.kind}`,
      createdAt: Date.now(),
      datasetId: ds.id,
      symbol: ds.symbol,
      timeframe: ds.timeframe,
      range: { start: bars.time[0], end: bars.time[bars.length - 1], bars: bars.length },
      meta: t.meta,
      report: t.report,
      windows: t.windows,
      backend: t.backend,
      seed: f.seed,
      epochs: f.epochs,
      artifacts: t.artifacts,
    });
    setLastModel(saved);
    setPhase("Done");
  } catch (e) {
    setError(e instanceof Error ? e.message : String(e));
  } finally {
    setRunning(false);
  }
}

export function cancelTraining(): void {
  void mlWorker().cancel();
}
