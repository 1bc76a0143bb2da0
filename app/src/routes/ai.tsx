/* AI supervisor page: market analysis, the chat, and trade-habit analytics with alerts. */
import { For, onMount, Show } from "solid-js";
import type { Timeframe } from "../../../core/market/timeframes.ts";
import { aiState, refreshDatasets, refreshHistories, selectDataset } from "../features/ai/ai-page-store.ts";
import { AnalysisView } from "../features/ai/analysis-panel.tsx";
import { ChatPanel } from "../features/ai/chat-panel.tsx";
import { DigestButton } from "../features/ai/digest-button.tsx";
import { HabitsPanel } from "../features/ai/habits-panel.tsx";
import { analysisTimeframes } from "../features/ai/market-source.ts";
import "../features/ai/ai.css";
import { loadSettings } from "../features/settings/settings-store.ts";

export function AiPage() {
  const timeframes = () => {
    const d = aiState.selectedDataset();
    return d ? analysisTimeframes(d) : [];
  };
  onMount(() => {
    void loadSettings();
    void refreshDatasets();
    void refreshHistories();
  });
  return (
    <section class="page ai-page">
      <h1>AI supervisor</h1>
      <p class="muted">
        The analysis and the habit figures are computed on this device and work offline. The chat sends your
        question and the context shown below to the server's AI provider; without one (or offline) the local
        analysis answers.
      </p>
      <article class="card" data-testid="market-analysis">
        <h2>Market analysis</h2>
        <Show
          when={aiState.datasets().length > 0}
          fallback={<p class="muted">No price data stored yet: import some on the Data page.</p>}
        >
          <div class="row">
            <label>
              Data set
              <select
                value={aiState.datasetId() ?? ""}
                onChange={(e) => selectDataset(e.currentTarget.value)}
              >
                <For each={aiState.datasets()}>
                  {(d) => (
                    <option
                      value={d.id}
                    >{`${d.simulated ? `${d.symbol} (simulated)` : d.symbol} ${d.timeframe}`}</option>
                  )}
                </For>
              </select>
            </label>
            <label>
              Timeframe
              <select
                value={aiState.timeframe() ?? ""}
                onChange={(e) => aiState.setTimeframe(e.currentTarget.value as Timeframe)}
                data-testid="analysis-timeframe"
              >
                <For each={timeframes()}>{(tf) => <option value={tf}>{tf}</option>}</For>
              </select>
            </label>
          </div>
          <AnalysisView outcome={aiState.market()} loading={aiState.market.loading} />
        </Show>
      </article>
      <article class="card">
        <h2>Chat</h2>
        <ChatPanel />
      </article>
      <HabitsPanel />
      <DigestButton />
    </section>
  );
}
