/* Dashboard card: a small chart of the latest data set, or one click to load the simulated sample. */
import { A } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import type { Timeframe } from "../../../../core/market/timeframes.ts";
import { listDatasets } from "../../adapters/bar-store.ts";
import { db } from "../../adapters/db.ts";
import { dataState, importSample } from "../data/data-store.ts";
import { DEFAULT_INDICATORS } from "./indicators.ts";
import { loadWindow } from "./load-bars.ts";
import { PriceChart } from "./price-chart.tsx";
import "./chart.css";
import "../data/data.css";
import { fittingTimeframe } from "./window-plan.ts";

async function latest() {
  const [d] = await listDatasets(db);
  if (!d) return undefined;
  const tf = fittingTimeframe(d.timeframe as Timeframe, d.end - d.start);
  const window = { from: d.start, to: d.end + 1 };
  const bars = await loadWindow(db, d, window, tf);
  return { dataset: d, loaded: { bars, window, timeframe: tf, whole: true } };
}

export function MarketCard() {
  const [data, { refetch }] = createResource(latest);
  const load = async () => {
    const result = await importSample();
    if (result.ok) await refetch();
  };
  return (
    <article class="card market-card">
      <h2>Market</h2>
      <Show when={!data.loading} fallback={<p class="muted">Reading local data…</p>}>
        <Show
          when={data()}
          fallback={
            <div>
              <p class="muted">No price data yet. Try the app with a simulated EUR/USD-like hourly series.</p>
              <button type="button" disabled={dataState.loadingSample()} onClick={() => void load()}>
                {dataState.loadingSample() ? "Loading sample…" : "Load sample data"}
              </button>
            </div>
          }
        >
          {(d) => (
            <>
              <Show when={d().dataset.simulated}>
                <span class="badge warn" data-testid="simulated-label">
                  simulated data
                </span>
              </Show>
              <PriceChart
                loaded={{ ...d().loaded, show: undefined }}
                indicators={DEFAULT_INDICATORS}
                digits={5}
                title={`${d().dataset.simulated ? `${d().dataset.symbol} (simulated)` : d().dataset.symbol} · ${d().loaded.timeframe}`}
                height={220}
                compact
              />
              <p>
                <A href={`/chart?dataset=${encodeURIComponent(d().dataset.id)}`}>Open the chart →</A>
              </p>
            </>
          )}
        </Show>
      </Show>
    </article>
  );
}
