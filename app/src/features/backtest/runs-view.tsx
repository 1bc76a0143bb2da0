/* Saved runs: open one, tick two or more to compare their key figures side by side, delete. */
import { useNavigate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import type { Stats } from "../../../../core/metrics/compute-stats.ts";
import { showRun } from "./backtest-runner.ts";
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

const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

function CompareTable(props: { runs: RunRecord[] }) {
  const best = (key: keyof Stats) => {
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
            <For each={props.runs}>
              {(r) => (
                <td>
                  {Object.entries(r.params)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(", ")}
                </td>
              )}
            </For>
          </tr>
          <tr>
            <th scope="row">Data</th>
            <For each={props.runs}>
              {(r) => <td>{`${r.datasetLabel} ${r.timeframe}, ${r.bars} bars`}</td>}
            </For>
          </tr>
          <For each={KEY_STATS}>
            {(k) => (
              <tr>
                <th scope="row">{statLabel(k)}</th>
                <For each={props.runs}>
                  {(r) => (
                    <td class={r.stats[k] === best(k) && k !== "trades" ? "best" : ""}>
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
                      <button
                        type="button"
                        class="danger"
                        onClick={() => void deleteRun(r.id).then(() => toggle(r.id, false))}
                      >
                        Delete
                      </button>
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
