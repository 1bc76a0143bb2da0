/* A run's results: statistics, equity and drawdown, trades on the price chart, trade list. */
import { Show } from "solid-js";
import type { ShownRun } from "./backtest-runner.ts";
import { CurveChart } from "./curve-chart.tsx";
import { LookaheadBanner } from "./lookahead-banner.tsx";
import { lookaheadOf } from "./lookahead-store.ts";
import { costText, paramText } from "./run-naming.ts";
import { restoreSetup } from "./setup-store.ts";
import { StatsTable } from "./stats-table.tsx";
import { TradeChart } from "./trade-chart.tsx";
import { TradeTable } from "./trade-table.tsx";

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function ResultsView(props: { shown: ShownRun }) {
  const run = () => props.shown.run;
  const curve = () => ({
    time: new Float64Array(run().time),
    equity: new Float64Array(run().equity),
    drawdown: new Float64Array(run().drawdown),
  });
  const params = () => paramText(run().params, run().bracketUnit) || "no parameters";
  return (
    <section class="bt-results" data-testid="backtest-results">
      <div class="row spread">
        <h2>{run().name}</h2>
        <button
          type="button"
          class="ghost"
          onClick={() => restoreSetup(run())}
          title="Set the data, strategy, parameters and account of this run above"
        >
          Use these settings
        </button>
      </div>
      <LookaheadBanner report={lookaheadOf(run().strategy.code)} />
      <p class="muted" data-testid="run-summary">
        Data set <strong>{run().datasetLabel}</strong> {run().timeframe}, {day(run().from)} to {day(run().to)}
        , {run().bars.toLocaleString("en-US")} bars · {params()} · cash{" "}
        {run().settings.cash.toLocaleString("en-US")}, leverage 1:{run().account.leverage},{" "}
        <span data-testid="run-costs">{costText(run().account)}</span>
      </p>
      <div class="bt-results-grid">
        <div class="card">
          <h3>Statistics</h3>
          <StatsTable stats={run().stats} />
        </div>
        <div class="card grow">
          <h3>Equity and drawdown</h3>
          <CurveChart curve={curve()} />
        </div>
      </div>
      <div class="card">
        <h3>Trades on the price chart</h3>
        <Show
          when={props.shown.bars.length > 0}
          fallback={
            <p class="muted">
              The data set of this run is no longer stored, so the price chart cannot be drawn.
            </p>
          }
        >
          <TradeChart bars={props.shown.bars} trades={run().trades} digits={props.shown.digits} />
        </Show>
      </div>
      <div class="card">
        <TradeTable
          trades={run().trades}
          digits={props.shown.digits}
          fileName={`${run().name.replace(/[^\w.-]+/g, "_")}.csv`}
        />
      </div>
    </section>
  );
}
