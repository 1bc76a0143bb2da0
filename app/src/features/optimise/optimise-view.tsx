/* The Optimise tab: setup, ranges, Run over the worker pool, ranked results and the heatmap. */
import { useNavigate } from "@solidjs/router";
import { createMemo, createSignal, For, onMount, Show } from "solid-js";
import { heatmap } from "../../../../core/backtest/optimise.ts";
import type { Params } from "../../../../core/strategy/types.ts";
import { LookaheadBanner } from "../backtest/lookahead-banner.tsx";
import { setup } from "../backtest/setup-store.ts";
import { formatStat, statLabel } from "../backtest/stat-labels.ts";
import { HeatmapView } from "./heatmap.tsx";
import { cancelOptimise, optimiseState, runOptimise, showOptimisation } from "./optimise-runner.ts";
import { refreshOptimisations, savedOptimisations } from "./saved-optimisations.ts";
import { search } from "./search-form.ts";
import { SearchTab } from "./search-tab.tsx";

const SHOWN_ROWS = 100;

function Results() {
  const navigate = useNavigate();
  const res = () => optimiseState.result();
  const varied = createMemo(() => {
    const r = res();
    if (!r || r.runs.length === 0) return [];
    return Object.keys(r.runs[0].params).filter((k) => new Set(r.runs.map((x) => x.params[k])).size > 1);
  });
  const [axes, setAxes] = createSignal<[string, string]>(["", ""]);
  const xy = (): [string, string] => {
    const v = varied();
    const [x, y] = axes();
    return v.includes(x) && v.includes(y) && x !== y ? [x, y] : [v[0] ?? "", v[1] ?? ""];
  };
  const map = createMemo(() => {
    const r = res();
    const [x, y] = xy();
    return r && x && y ? heatmap(r.runs, x, y, search.minimize()) : undefined;
  });
  const backtest = (p: Params) => {
    setup.setParams({ ...p });
    navigate("/backtest");
  };
  return (
    <Show when={res()}>
      {(r) => (
        <section class="card" data-testid="optimise-results">
          <h2>Results</h2>
          <Show when={savedOptimisations().length > 1}>
            <label>
              Saved optimisations
              <select
                value={r().id}
                onChange={(e) => {
                  const o = savedOptimisations().find((x) => x.id === e.currentTarget.value);
                  if (o) showOptimisation(o);
                }}
              >
                <For each={savedOptimisations()}>
                  {(o) => (
                    <option value={o.id}>
                      {new Date(o.createdAt).toISOString().slice(0, 16).replace("T", " ")} · {o.name}
                    </option>
                  )}
                </For>
              </select>
            </label>
          </Show>
          <p data-testid="optimise-name">
            <strong>{r().name}</strong>
          </p>
          <LookaheadBanner report={optimiseState.lookahead()} />
          <p class="muted" data-testid="optimise-summary">
            {r().runs.length} combinations in {(r().ms / 1000).toFixed(2)} s on {r().workers} workers (
            {Math.round(r().runs.length / (r().ms / 1000))} runs/s)
            {r().skipped ? `, ${r().skipped} rejected by the strategy` : ""}. Best {statLabel(r().objective)}:{" "}
            {r().best ? formatStat(r().objective, r().best!.score) : "—"}.
          </p>
          <Show when={varied().length >= 2}>
            <div class="row">
              <label>
                Heatmap X
                <select value={xy()[0]} onChange={(e) => setAxes([e.currentTarget.value, xy()[1]])}>
                  <For each={varied()}>{(k) => <option value={k}>{k}</option>}</For>
                </select>
              </label>
              <label>
                Heatmap Y
                <select value={xy()[1]} onChange={(e) => setAxes([xy()[0], e.currentTarget.value])}>
                  <For each={varied()}>{(k) => <option value={k}>{k}</option>}</For>
                </select>
              </label>
            </div>
            <Show when={map()}>
              {(m) => <HeatmapView map={m()} objective={r().objective} minimize={search.minimize()} />}
            </Show>
          </Show>
          <div class="table-scroll optimise-scroll">
            <table data-testid="optimise-table">
              <thead>
                <tr>
                  <th>#</th>
                  <For each={varied()}>{(k) => <th>{k}</th>}</For>
                  <th>{statLabel(r().objective)}</th>
                  <th>Trades</th>
                  <th>Return</th>
                  <th>Max DD</th>
                  <th>Sharpe</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                <For each={r().runs.slice(0, SHOWN_ROWS)}>
                  {(run, i) => (
                    <tr data-testid="optimise-row">
                      <td>{i() + 1}</td>
                      <For each={varied()}>{(k) => <td>{run.params[k]}</td>}</For>
                      <td>{formatStat(r().objective, run.score)}</td>
                      <td>{formatStat("trades", run.stats.trades)}</td>
                      <td>{formatStat("returnPct", run.stats.returnPct)}</td>
                      <td>{formatStat("maxDrawdownPct", run.stats.maxDrawdownPct)}</td>
                      <td>{formatStat("sharpe", run.stats.sharpe)}</td>
                      <td>
                        <button type="button" class="ghost" onClick={() => backtest(run.params)}>
                          Backtest
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </section>
      )}
    </Show>
  );
}

export function OptimiseView() {
  // results are saved: after a reload show the latest one again
  onMount(async () => {
    const list = await refreshOptimisations();
    if (!optimiseState.result() && !optimiseState.running() && list[0]) showOptimisation(list[0]);
  });
  return (
    <SearchTab
      state={optimiseState}
      label="Run optimisation"
      testId="optimise"
      onRun={runOptimise}
      onCancel={cancelOptimise}
      showCount
    >
      <Results />
    </SearchTab>
  );
}
