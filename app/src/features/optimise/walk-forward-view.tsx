/* The Walk-forward tab: window sizes, ranges, Run over the pool; stitched OOS curve, figures, windows. */
import { For, Show } from "solid-js";
import { CurveChart } from "../backtest/curve-chart.tsx";
import { LookaheadBanner } from "../backtest/lookahead-banner.tsx";
import { formatStat, statLabel } from "../backtest/stat-labels.ts";
import { StatsTable } from "../backtest/stats-table.tsx";
import { SearchTab } from "./search-tab.tsx";
import {
  cancelWalkForward,
  runWalkForward,
  type WalkForwardPlan,
  walkForwardState as wf,
} from "./walk-forward-runner.ts";

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const set = (patch: Partial<WalkForwardPlan>) => wf.setPlan({ ...wf.plan(), ...patch });

/** A window size in bars. */
function BarsField(props: { label: string; min: string; field: "inSample" | "outOfSample" }) {
  return (
    <label>
      {props.label}
      <input
        type="number"
        min={props.min}
        step="1"
        value={wf.plan()[props.field]}
        onInput={(e) => set({ [props.field]: e.currentTarget.valueAsNumber })}
      />
    </label>
  );
}

function PlanFields() {
  return (
    <div class="bt-grid">
      <BarsField label="In-sample bars" min="10" field="inSample" />
      <BarsField label="Out-of-sample bars" min="2" field="outOfSample" />
      <label class="check">
        <input
          type="checkbox"
          checked={wf.plan().anchored ?? false}
          onChange={(e) => set({ anchored: e.currentTarget.checked })}
        />{" "}
        Anchored (in-sample grows from the start)
      </label>
    </div>
  );
}

function Results() {
  return (
    <Show when={wf.result()}>
      {(r) => (
        <section class="card" data-testid="walk-forward-results">
          <h2>Out-of-sample result</h2>
          <p data-testid="walk-forward-name">
            <strong>{r().name}</strong>
          </p>
          <LookaheadBanner report={wf.lookahead()} />
          <p class="muted" data-testid="walk-forward-summary">
            {r().windows.length} windows in {(r().ms / 1000).toFixed(2)} s on {r().workers} workers. Stitched
            out-of-sample return {formatStat("returnPct", r().stats.returnPct)}, max drawdown{" "}
            {formatStat("maxDrawdownPct", r().stats.maxDrawdownPct)}, {r().stats.trades} trades. Walk-forward
            efficiency (mean out-of-sample {statLabel(r().objective)} / mean in-sample):{" "}
            <span data-testid="walk-forward-efficiency">
              {Number.isFinite(r().efficiency) ? r().efficiency.toFixed(2) : "—"}
            </span>
            .
          </p>
          <div class="bt-results-grid">
            <div>
              <h3>Figures (stitched out-of-sample)</h3>
              <StatsTable stats={r().stats} />
            </div>
            <div>
              <h3>Stitched out-of-sample equity</h3>
              <CurveChart
                curve={{ time: r().time, equity: r().equity, drawdown: r().drawdown }}
                testId="walk-forward-chart"
              />
            </div>
          </div>
          <div class="table-scroll">
            <table data-testid="walk-forward-windows">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Test period</th>
                  <th>Best parameters (in-sample)</th>
                  <th>In-sample {statLabel(r().objective)}</th>
                  <th>Out-of-sample {statLabel(r().objective)}</th>
                  <th>OOS return</th>
                  <th>OOS trades</th>
                  <th>OOS max DD</th>
                </tr>
              </thead>
              <tbody>
                <For each={r().windows}>
                  {(w, i) => (
                    <tr data-testid="wf-window-row">
                      <td>{i() + 1}</td>
                      <td>
                        {day(w.oosStart)} to {day(w.oosEnd)}
                      </td>
                      <td>
                        {r()
                          .varied.map((k) => `${k}=${w.params[k]}`)
                          .join(", ")}
                      </td>
                      <td>{formatStat(r().objective, w.isScore)}</td>
                      <td>{formatStat(r().objective, w.oos[r().objective])}</td>
                      <td>{formatStat("returnPct", w.oos.returnPct)}</td>
                      <td>{w.oos.trades}</td>
                      <td>{formatStat("maxDrawdownPct", w.oos.maxDrawdownPct)}</td>
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

export function WalkForwardView() {
  return (
    <SearchTab
      state={wf}
      label="Run walk-forward"
      testId="walk-forward"
      onRun={runWalkForward}
      onCancel={cancelWalkForward}
      fields={<PlanFields />}
    >
      <Results />
    </SearchTab>
  );
}
