/* Chart page: candles and volume of a stored data set with timeframes and indicators. */
import { A, useSearchParams } from "@solidjs/router";
import { createMemo, onMount, Show } from "solid-js";
import { priceDigits } from "../../../core/market/symbols.ts";
import { ChartAnalysis } from "../features/ai/chart-analysis.tsx";
import { initChart, chartState as s, visibleRangeChanged } from "../features/chart/chart-store.ts";
import { ChartToolbar } from "../features/chart/chart-toolbar.tsx";
import { PriceChart } from "../features/chart/price-chart.tsx";
import "../features/chart/chart.css";
import { formatCount } from "../features/data/format.ts";

export function ChartPage() {
  const [params] = useSearchParams<{ dataset?: string }>();
  onMount(() => void initChart(params.dataset));
  const title = createMemo(() => {
    const d = s.dataset();
    if (!d) return "";
    return `${d.simulated ? `${d.symbol} (simulated)` : d.symbol} · ${s.loaded()?.timeframe ?? s.timeframe()}`;
  });
  return (
    <section class="page">
      <h1>Chart</h1>
      <Show when={s.ready()} fallback={<p class="muted">Reading local data…</p>}>
        <Show
          when={s.dataset()}
          fallback={
            <div class="empty-state" data-testid="chart-empty">
              <p>
                No data stored yet. <A href="/data">Import a price file or load the simulated sample</A>{" "}
                first.
              </p>
            </div>
          }
        >
          <ChartToolbar />
          <Show when={s.dataset()?.simulated}>
            <p class="badge warn" data-testid="simulated-label">
              Simulated data — not a real market record
            </p>
          </Show>
          <div class="chart-with-analysis">
            <div class="chart-main">
              <PriceChart
                loaded={s.loaded()}
                indicators={s.indicators()}
                digits={priceDigits(s.dataset()?.symbol)}
                title={title()}
                onRange={(range, bars, width) => void visibleRangeChanged(range, bars, width)}
                fitWindow
              />
              <p class="chart-status muted" data-testid="chart-status">
                <span data-testid="chart-bars">{formatCount(s.loaded()?.bars.length ?? 0)}</span> bars at{" "}
                {s.loaded()?.timeframe} {s.auto() ? "(auto)" : ""} · stored as {s.dataset()?.timeframe},{" "}
                {formatCount(s.dataset()?.bars ?? 0)} bars{s.loading() ? " · loading…" : ""}
              </p>
            </div>
            <ChartAnalysis />
          </div>
        </Show>
      </Show>
    </section>
  );
}
