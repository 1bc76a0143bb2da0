/* Data page: import price files, load the simulated sample, manage the stored data sets. */
import { onMount } from "solid-js";
import { dataState, importSample, refreshDatasets } from "../features/data/data-store.ts";
import { DatasetTable } from "../features/data/dataset-table.tsx";
import "../features/data/data.css";
import { ImportPanel } from "../features/data/import-panel.tsx";

export function DataPage() {
  onMount(() => void refreshDatasets());
  return (
    <section class="page">
      <h1>Data</h1>
      <ImportPanel />
      <section class="card">
        <div class="row spread">
          <h2>Stored data sets</h2>
          <button
            type="button"
            class="ghost"
            disabled={dataState.loadingSample()}
            onClick={() => void importSample()}
            title="Imports a simulated EUR/USD-like hourly series (not real market data)"
          >
            {dataState.loadingSample() ? "Loading sample…" : "Load sample data"}
          </button>
        </div>
        <p class="muted">
          The sample is a <strong>simulated</strong> EUR/USD-like H1 series for trying the app; it is not a
          real market record.
        </p>
        <DatasetTable datasets={dataState.datasets()} />
      </section>
    </section>
  );
}
