/* Train a model: data set, features, label, model and training settings; live curves per epoch; cancel; the report. */
import { For, Show } from "solid-js";
import { MODEL_KINDS, MODEL_LABELS, type ModelKind } from "../../adapters/tf/model-kinds.ts";
import { LineChart } from "./line-chart.tsx";
import { ReportView } from "./report-view.tsx";
import { cancelTraining, startTraining, type TrainForm, training } from "./train-store.ts";

const FEATURE_TOGGLES = [
  ["rsi", "RSI(14)"],
  ["macd", "MACD / ATR"],
  ["maDistance", "Distance to SMA 20/50 (ATR)"],
  ["bollinger", "Bollinger %B"],
  ["volatility", "Rolling volatility"],
  ["time", "Time of day / week"],
] as const;

function NumberField(props: { label: string; key: keyof TrainForm; min: number; step?: number }) {
  return (
    <label>
      {props.label}
      <input
        type="number"
        min={props.min}
        step={props.step ?? 1}
        value={training.form()[props.key] as number}
        onInput={(e) => training.setForm({ ...training.form(), [props.key]: Number(e.currentTarget.value) })}
      />
    </label>
  );
}

export function TrainPanel() {
  const f = training.form;
  const set = (patch: Partial<TrainForm>) => training.setForm({ ...f(), ...patch });
  const setFeature = (patch: Partial<TrainForm["features"]>) =>
    set({ features: { ...f().features, ...patch } });
  return (
    <section class="ml-train" aria-label="Train a model">
      <form
        class="ml-form"
        onSubmit={(e) => {
          e.preventDefault();
          void startTraining();
        }}
      >
        <label>
          Model name
          <input value={f().name} onInput={(e) => set({ name: e.currentTarget.value })} />
        </label>
        <label>
          Data set
          <select
            aria-label="Data set"
            value={f().datasetId}
            onChange={(e) => set({ datasetId: e.currentTarget.value })}
          >
            <For each={training.datasets()}>
              {(d) => (
                <option value={d.id}>
                  {d.label ?? d.symbol} {d.timeframe} · {d.bars.toLocaleString("en")} bars
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          Model
          <select
            aria-label="Model"
            value={f().model}
            onChange={(e) => set({ model: e.currentTarget.value as ModelKind })}
          >
            <For each={MODEL_KINDS}>{(k) => <option value={k}>{MODEL_LABELS[k]}</option>}</For>
          </select>
        </label>
        <label>
          Label
          <select
            aria-label="Label"
            value={f().labelKind}
            onChange={(e) => set({ labelKind: e.currentTarget.value as TrainForm["labelKind"] })}
          >
            <option value="direction">Direction after N bars</option>
            <option value="triple-barrier">Triple barrier (TP / SL / timeout)</option>
          </select>
        </label>
        <NumberField label="Horizon (bars)" key="horizon" min={1} />
        <Show
          when={f().labelKind === "direction"}
          fallback={
            <>
              <NumberField label="Take-profit (pips)" key="takeProfitPips" min={0.1} step={0.1} />
              <NumberField label="Stop-loss (pips)" key="stopLossPips" min={0.1} step={0.1} />
            </>
          }
        >
          <NumberField label="Dead zone (pips)" key="deadZonePips" min={0} step={0.1} />
        </Show>
        <fieldset class="ml-features">
          <legend>Features</legend>
          <label>
            Lagged returns
            <input
              type="number"
              min={0}
              max={50}
              value={f().features.lags}
              onInput={(e) => setFeature({ lags: Number(e.currentTarget.value) })}
            />
          </label>
          <For each={FEATURE_TOGGLES}>
            {([key, label]) => (
              <label class="ml-check">
                <input
                  type="checkbox"
                  checked={f().features[key]}
                  onChange={(e) => setFeature({ [key]: e.currentTarget.checked })}
                />
                {label}
              </label>
            )}
          </For>
          <label class="ml-check">
            <input
              type="checkbox"
              checked={f().features.higherTimeframeMs !== undefined}
              onChange={(e) =>
                setFeature({ higherTimeframeMs: e.currentTarget.checked ? 4 * 3_600_000 : undefined })
              }
            />
            Higher-timeframe context (H4)
          </label>
        </fieldset>
        <NumberField label="Epochs (max)" key="epochs" min={1} />
        <NumberField label="Early-stopping patience" key="patience" min={0} />
        <NumberField label="Walk-forward windows" key="windows" min={1} />
        <NumberField label="Seed" key="seed" min={0} />
        <NumberField label="Spread for the backtest (pips)" key="spreadPips" min={0} step={0.1} />
        <label class="ml-check">
          <input
            type="checkbox"
            checked={f().classWeights}
            onChange={(e) => set({ classWeights: e.currentTarget.checked })}
          />
          Class weights (balance up and down)
        </label>
        <label class="ml-check">
          <input
            type="checkbox"
            checked={f().control}
            onChange={(e) => set({ control: e.currentTarget.checked })}
          />
          Shuffled-label control
        </label>
        <label>
          Backend
          <select
            aria-label="Backend"
            value={f().backend}
            onChange={(e) => set({ backend: e.currentTarget.value as TrainForm["backend"] })}
          >
            <option value="auto">Automatic (WebGPU, else a hardware GPU's WebGL, else wasm)</option>
            <option value="webgpu">webgpu</option>
            <option value="wasm">wasm</option>
            <option value="webgl">webgl</option>
            <option value="cpu">cpu (slow)</option>
          </select>
        </label>
        <div class="ml-actions">
          <button type="submit" disabled={training.running()}>
            Train
          </button>
          <Show when={training.running()}>
            <button type="button" onClick={cancelTraining}>
              Cancel
            </button>
          </Show>
        </div>
      </form>
      <Show when={training.error()}>
        <p class="ml-error" role="alert">
          {training.error()}
        </p>
      </Show>
      <Show when={training.running() || training.curve().length > 0 || training.windowsDone().length > 0}>
        <div class="ml-progress" data-testid="training-progress">
          <p>
            <Show when={training.backendName()}>
              Backend: <strong data-testid="ml-backend">{training.backendName()}</strong> ·{" "}
            </Show>
            <span data-testid="training-phase">{training.phase()}</span>
          </p>
          <div class="ml-curves">
            <LineChart
              testId="loss-chart"
              lines={[
                { label: "Loss", color: "#38bdf8", values: training.curve().map((p) => p.loss) },
                {
                  label: "Validation loss",
                  color: "#f97316",
                  values: training.curve().map((p) => p.valLoss),
                },
              ]}
            />
            <LineChart
              testId="accuracy-chart"
              lines={[
                { label: "Accuracy", color: "#22c55e", values: training.curve().map((p) => p.accuracy) },
                {
                  label: "Validation accuracy",
                  color: "#eab308",
                  values: training.curve().map((p) => p.valAccuracy),
                },
              ]}
            />
          </div>
          <ul class="ml-windows">
            <For each={training.windowsDone()}>{(w) => <li data-testid="window-done">{w}</li>}</For>
          </ul>
        </div>
      </Show>
      <Show when={!training.running() && training.lastModel()}>{(m) => <ReportView model={m()} />}</Show>
    </section>
  );
}
