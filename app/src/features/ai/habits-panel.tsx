/**
 * The trade-habits panel: choose a history, see its style and figures, results by pair and
 * session, the alerts (each linking to its trades) and the recommendations.
 */
import { createSignal, For, Show } from "solid-js";
import { SESSION_LABELS, type SessionName } from "../../../../core/analysis/sessions.ts";
import type { GroupFigures } from "../../../../core/analysis/trades/index.ts";
import { formatIsoUtc } from "../../../../core/trading/history-csv.ts";
import { aiState, refreshHistories } from "./ai-page-store.ts";
import { deleteHistory, PAPER_PREFIX } from "./ai-store.ts";
import { AlertsList, figuresText } from "./alerts-list.tsx";
import { fmt, metricsText } from "./context.ts";
import { HistoryImport } from "./history-import.tsx";
import { LIVE_ID } from "./trade-source.ts";

function GroupTable(props: { title: string; groups: GroupFigures[]; label?: (k: string) => string }) {
  return (
    <table class="compact">
      <caption>{props.title}</caption>
      <thead>
        <tr>
          <th />
          <th>Trades</th>
          <th>Win %</th>
          <th>P/L</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.groups}>
          {(g) => (
            <tr>
              <td>{props.label ? props.label(g.key) : g.key}</td>
              <td>{g.trades}</td>
              <td>{fmt(g.winRatePct, 1)}</td>
              <td>{fmt(g.pnl)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

export function HabitsPanel() {
  const [marked, setMarked] = createSignal<ReadonlySet<number>>(new Set());
  const a = () => aiState.analysedHistory();
  let details: HTMLDetailsElement | undefined;
  const showTrades = (ids: number[]) => {
    setMarked(new Set(ids));
    if (details) details.open = true;
  };
  return (
    <section class="card ai-habits" data-testid="habits-panel">
      <h2>Your trading habits</h2>
      <HistoryImport />
      <Show when={aiState.histories().length > 0} fallback={<p class="muted">No trade history yet.</p>}>
        <div class="row">
          <label>
            History
            <select
              value={aiState.historyId() ?? ""}
              onChange={(e) => aiState.setHistoryId(e.currentTarget.value)}
            >
              <For each={aiState.histories()}>
                {(h) => <option value={h.id}>{`${h.name} (${h.trades.length} trades)`}</option>}
              </For>
            </select>
          </label>
          <button
            type="button"
            class="ghost"
            hidden={aiState.historyId()?.startsWith(PAPER_PREFIX) || aiState.historyId() === LIVE_ID}
            onClick={async () => {
              const id = aiState.historyId();
              if (id && confirm("Delete this trade history from this device?")) {
                await deleteHistory(id);
                await refreshHistories();
              }
            }}
          >
            Delete history
          </button>
        </div>
      </Show>
      <Show when={a()}>
        {(x) => {
          const s = () => x().analysis.stats;
          return (
            <>
              <p data-testid="habits-summary">
                {s().trades} trades · style <strong>{x().analysis.style}</strong> (median hold{" "}
                {fmt(s().medianHoldMinutes, 0)} min) · win rate {fmt(s().winRatePct, 1)}% · net P/L{" "}
                {fmt(s().netPnl)} · profit factor {fmt(s().profitFactor)} · max drawdown{" "}
                {fmt(s().maxDrawdown)}
                {s().maxDrawdownPct === undefined ? "" : ` (${fmt(s().maxDrawdownPct)}%)`} · longest losing
                streak {s().longestLossStreak} · sizing{" "}
                {s().sizing.consistent ? "consistent" : "inconsistent"} (variation {fmt(s().sizing.cvPct, 0)}
                %)
              </p>
              <Show when={s().metrics}>{(m) => <p data-testid="habits-metrics">{metricsText(m())}</p>}</Show>
              <h3>Alerts</h3>
              <AlertsList alerts={x().analysis.alerts} onTrades={showTrades} />
              <Show when={x().analysis.recommendations.length > 0}>
                <h3>Recommendations</h3>
                <ul data-testid="recommendations">
                  <For each={x().analysis.recommendations}>
                    {(r) => (
                      <li>
                        {r.message} <span class="muted small">({figuresText(r.figures)})</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <div class="ai-groups">
                <GroupTable title="By pair" groups={s().byPair} />
                <GroupTable
                  title="By session (UTC)"
                  groups={s().bySession}
                  label={(k) => SESSION_LABELS[k as SessionName]}
                />
                <GroupTable title="By weekday (UTC)" groups={s().byWeekday} />
                <GroupTable title="By hour of entry (UTC)" groups={s().byHour} label={(k) => `${k}:00`} />
              </div>
              <details ref={details}>
                <summary>Trades ({s().trades})</summary>
                <table class="compact ai-trades" data-testid="history-trades">
                  <thead>
                    <tr>
                      <th>#</th>
                      <th>Symbol</th>
                      <th>Side</th>
                      <th>Units</th>
                      <th>Entry (UTC)</th>
                      <th>Exit (UTC)</th>
                      <th>P/L</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={x().history.trades}>
                      {(t, i) => (
                        <tr id={`trade-${i()}`} classList={{ marked: marked().has(i()) }}>
                          <td>{i() + 1}</td>
                          <td>{t.symbol}</td>
                          <td>{t.side}</td>
                          <td>{t.units}</td>
                          <td>{formatIsoUtc(t.entryTime)}</td>
                          <td>{formatIsoUtc(t.exitTime)}</td>
                          <td>{fmt(t.pnl)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </details>
            </>
          );
        }}
      </Show>
    </section>
  );
}
