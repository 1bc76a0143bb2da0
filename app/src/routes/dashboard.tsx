/* Dashboard: the state of this device (local data, background worker) and of the service. */
import { A } from "@solidjs/router";
import { createResource, createSignal, onMount, Show } from "solid-js";
import { api } from "../adapters/api-client.ts";
import { AlertsCard } from "../features/ai/alerts-card.tsx";
import { MarketCard } from "../features/chart/market-card.tsx";
import { dataState, refreshDatasets } from "../features/data/data-store.ts";
import { compute } from "../workers/compute-client.ts";

export function DashboardPage() {
  const [health] = createResource(() => api.health().catch(() => undefined));
  const [worker] = createResource(() => compute().ping());
  // the shared data-set list: "Load sample data" on the market card refreshes it, so the count follows
  const [read, setRead] = createSignal(false);
  onMount(() => void refreshDatasets().then(() => setRead(true)));
  const datasets = () => (read() ? dataState.datasets().length : undefined);
  return (
    <section class="page">
      <h1>Dashboard</h1>
      <div class="cards">
        <MarketCard />
        <AlertsCard />
        <article class="card">
          <h2>Your data</h2>
          <Show when={datasets() !== undefined} fallback={<p class="muted">Reading local storage…</p>}>
            <p data-testid="dataset-count">
              {datasets()} data set{datasets() === 1 ? "" : "s"} stored on this device.
            </p>
          </Show>
          <p>
            <A href="/data">Import price files or load sample data →</A>
          </p>
        </article>
        <article class="card">
          <h2>Background worker</h2>
          <p data-testid="worker-status">{worker() ? `Ready (${worker()})` : "Starting…"}</p>
          <p class="muted">Parsing, backtests and model training run here, off the UI thread.</p>
        </article>
        <article class="card">
          <h2>Service</h2>
          <Show when={!health.loading} fallback={<p class="muted">Checking…</p>}>
            <p data-testid="service-status">
              {health()
                ? `Connected — version ${health()?.version}`
                : "Not reachable — local features keep working."}
            </p>
          </Show>
        </article>
      </div>
    </section>
  );
}
