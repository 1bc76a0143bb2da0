/* Saved runs: open one, tick two or more to compare their key figures side by side, delete. */
import { useNavigate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import type { Stats } from "../../../../core/metrics/compute-stats.ts";
import { ConfirmDelete } from "../../ui/confirm-delete.tsx";
import { showRun } from "./backtest-runner.ts";
import { costText, paramText } from "./run-naming.ts";
import type { RunRecord } from "./run-records.ts";
import { deleteRun, runState } from "./run-store.ts";
import { formatStat, statLabel } from "./stat-labels.ts";

const KEY_STATS: ReadonlyArray<keyof Stats> = [
  "trades",
  "returnPct",
  "cagrPct",
  "maxDrawdownPct",
  "sharpe",
  "sortino",
  "calmar",
  "winRatePct",
  "profitFactor",
  "expectancyPct",
  "sqn",
  "exposurePct",
  "equityFinal",
  "commissionsPaid",
  "swapsPaid",
];

/**
 * Figures where more is better (drawdown is negative, so the highest is the smallest loss).
 * Trades, exposure and costs are neither: a run is not better for being in the market longer.
 */
const HIGHER_IS_BETTER: ReadonlySet<keyof Stats> = new Set<keyof Stats>([
  "returnPct",
  "cagrPct",
  "maxDrawdownPct",
  "sharpe",
  "sortino",
  "calmar",
  "winRatePct",
  "profitFactor",
  "expectancyPct",
  "sqn",
  "equityFinal",
]);

const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function CompareTable(props: { runs: RunRecord[] }) {
  const best = (key: keyof Stats) => {
    if (!HIGHER_IS_BETTER.has(key)) return Number.NaN;
    const vals = props.runs.map((r) => r.stats[key]).filter((v) => Number.isFinite(v));
    return vals.length ? Math.max(...vals) : Number.NaN;
  };
  return (
    <div class="table-scroll">
      <table data-testid="compare-table">
        <thead>
          <tr>
            <th>Figure</th>
            <For each={props.runs}>{(r) => <th>{r.name}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Parameters</th>
            <For each={props.runs}>{(r) => <td>{paramText(r.params, r.bracketUnit) || "(none)"}</td>}</For>
          </tr>
          <tr>
            <th scope="row">Data</th>
            <For each={props.runs}>
              {(r) => (
                <td>{`${r.datasetLabel} ${r.timeframe}, ${day(r.from)}..${day(r.to)}, ${r.bars} bars`}</td>
              )}
            </For>
          </tr>
          <tr>
            <th scope="row">Leverage</th>
            <For each={props.runs}>
              {(r) => <td data-testid="compare-leverage">1:{r.account.leverage}</td>}
            </For>
          </tr>
          <tr>
            <th scope="row">Costs</th>
            <For each={props.runs}>{(r) => <td data-testid="compare-costs">{costText(r.account)}</td>}</For>
          </tr>
          <For each={KEY_STATS}>
            {(k) => (
              <tr>
                <th scope="row">{statLabel(k)}</th>
                <For each={props.runs}>
                  {(r) => (
                    <td class={r.stats[k] === best(k) ? "best" : ""} data-testid={`compare-${k}`}>
                      {formatStat(k, r.stats[k])}
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

export function RunsView() {
  const [picked, setPicked] = createSignal<string[]>([]);
  const navigate = useNavigate();
  const toggle = (id: string, on: boolean) =>
    setPicked(on ? [...picked(), id] : picked().filter((x) => x !== id));
  const compared = () => runState.runs().filter((r) => picked().includes(r.id));
  const open = async (r: RunRecord) => {
    await showRun(r);
    navigate("/backtest");
  };
  return (
    <section class="card">
      <h2>Saved runs</h2>
      <Show
        when={runState.runs().length > 0}
        fallback={<p class="muted">No runs yet. Every backtest you run is saved here.</p>}
      >
        <div class="table-scroll">
          <table data-testid="runs-table">
            <thead>
              <tr>
                <th>Compare</th>
                <th>Run</th>
                <th>When</th>
                <th>Trades</th>
                <th>Return</th>
                <th>Max DD</th>
                <th>SQN</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For each={runState.runs()}>
                {(r) => (
                  <tr data-testid="run-row">
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Compare ${r.name}`}
                        checked={picked().includes(r.id)}
                        onChange={(e) => toggle(r.id, e.currentTarget.checked)}
                      />
                    </td>
                    <td>{r.name}</td>
                    <td>{when(r.createdAt)}</td>
                    <td>{r.stats.trades}</td>
                    <td>{formatStat("returnPct", r.stats.returnPct)}</td>
                    <td>{formatStat("maxDrawdownPct", r.stats.maxDrawdownPct)}</td>
                    <td>{formatStat("sqn", r.stats.sqn)}</td>
                    <td class="actions">
                      <button type="button" class="ghost" onClick={() => void open(r)}>
                        Open
                      </button>
                      <ConfirmDelete
                        what={r.name}
                        onDelete={async () => {
                          await deleteRun(r.id);
                          toggle(r.id, false);
                        }}
                      />
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show
          when={compared().length >= 2}
          fallback={<p class="muted">Tick two or more runs to compare them side by side.</p>}
        >
          <h3>Comparison</h3>
          <CompareTable runs={compared()} />
        </Show>
      </Show>
    </section>
  );
}
