/* The model registry: versions, metrics, report, export/import as files, delete. */
import { createSignal, For, Show } from "solid-js";
import { deleteModel, exportModel, importModel, models } from "./model-store.ts";
import type { ModelRecord } from "./records.ts";
import { ReportView } from "./report-view.tsx";

const day = (t: number) => (t > 0 ? new Date(t).toISOString().slice(0, 10) : "?");

export function ModelsView() {
  const [open, setOpen] = createSignal<ModelRecord | undefined>();
  const [message, setMessage] = createSignal("");
  const onImport = async (files: FileList | null) => {
    if (!files) return;
    try {
      const m = await importModel([...files]);
      setMessage(`Imported ${m.name} as version ${m.version}.`);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section class="ml-models" aria-label="Models">
      <div class="ml-actions">
        <label class="ml-file">
          Import model (model.json + weights.bin)
          <input
            type="file"
            multiple
            accept=".json,.bin"
            onChange={(e) => void onImport(e.currentTarget.files)}
          />
        </label>
      </div>
      <Show when={message()}>
        <p role="status" data-testid="models-message">
          {message()}
        </p>
      </Show>
      <Show when={models().length > 0} fallback={<p>No models yet: train one above.</p>}>
        <table class="ml-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Version</th>
              <th>Model</th>
              <th>Data</th>
              <th>OOS accuracy</th>
              <th>Backtest return</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={models()}>
              {(m) => (
                <tr data-testid="model-row">
                  <td>{m.name}</td>
                  <td>v{m.version}</td>
                  <td>{m.meta.kind}</td>
                  <td>
                    {m.symbol} {m.timeframe} {day(m.range.start)} – {day(m.range.end)}
                  </td>
                  <td>{(m.report.classification.accuracy * 100).toFixed(1)}%</td>
                  <td>{m.report.backtest.stats.returnPct.toFixed(2)}%</td>
                  <td class="ml-row-actions">
                    <button type="button" onClick={() => setOpen(open()?.id === m.id ? undefined : m)}>
                      Report
                    </button>
                    <button type="button" onClick={() => exportModel(m)}>
                      Export
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        if (confirm(`Delete ${m.name} v${m.version}?`)) void deleteModel(m.id);
                      }}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={open()}>{(m) => <ReportView model={m()} />}</Show>
    </section>
  );
}
