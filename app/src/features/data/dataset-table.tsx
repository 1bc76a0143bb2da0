/* The stored data sets: symbol, timeframe, range, bars, size, and Chart / Export / Delete. */
import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { formatBytes } from "../../adapters/bar-store.ts";
import type { DatasetRecord } from "../../adapters/db.ts";
import { toast } from "../../ui/toasts.tsx";
import { removeDataset } from "./data-store.ts";
import { downloadCsv } from "./export-csv.ts";
import { formatCount, formatUtc } from "./format.ts";

function Row(props: { dataset: DatasetRecord }) {
  const [confirming, setConfirming] = createSignal(false);
  const [exporting, setExporting] = createSignal(false);
  const d = () => props.dataset;
  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadCsv(d());
    } catch (e) {
      toast(`Export failed: ${(e as Error).message}`, "error");
    } finally {
      setExporting(false);
    }
  };
  return (
    <tr data-testid="dataset-row" data-dataset-id={d().id}>
      <td>
        {d().symbol}
        <Show when={d().simulated}>
          {" "}
          <span class="badge warn" title="Generated data, not a real market record">
            simulated
          </span>
        </Show>
        <Show when={d().hasSpread}>
          {" "}
          <span
            class="badge"
            data-testid="dataset-spread"
            title="The file had its own spread column (points per bar): replay uses it instead of the Settings spread"
          >
            own spread
          </span>
        </Show>
      </td>
      <td>{d().timeframe}</td>
      <td>{formatUtc(d().start)}</td>
      <td>{formatUtc(d().end)}</td>
      <td data-testid="dataset-bars">{formatCount(d().bars)}</td>
      <td>{formatBytes(d().bytes)}</td>
      <td class="actions">
        <A class="button-link" href={`/chart?dataset=${encodeURIComponent(d().id)}`}>
          Chart
        </A>
        <button type="button" class="ghost" disabled={exporting()} onClick={exportCsv}>
          {exporting() ? "Exporting…" : "Export CSV"}
        </button>
        <Show
          when={confirming()}
          fallback={
            <button type="button" class="ghost" onClick={() => setConfirming(true)}>
              Delete
            </button>
          }
        >
          <button type="button" class="danger" onClick={() => void removeDataset(d().id)}>
            Confirm delete
          </button>
          <button type="button" class="ghost" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </Show>
      </td>
    </tr>
  );
}

export function DatasetTable(props: { datasets: DatasetRecord[] }) {
  return (
    <Show
      when={props.datasets.length > 0}
      fallback={
        <p class="muted" data-testid="no-datasets">
          No data stored yet. Import a price file or load the simulated sample.
        </p>
      }
    >
      <div class="table-scroll">
        <table data-testid="dataset-table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Timeframe</th>
              <th>From (UTC)</th>
              <th>To (UTC)</th>
              <th>Bars</th>
              <th>Size</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.datasets}>{(d) => <Row dataset={d} />}</For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
