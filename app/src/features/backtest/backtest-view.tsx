/* The Backtest tab: setup, account and costs, Run with progress and Cancel, then results. */
import { Show } from "solid-js";
import { AccountPanel } from "./account-panel.tsx";
import { cancelBacktest, describeError, runBacktest, runnerState } from "./backtest-runner.ts";
import { ResultsView } from "./results-view.tsx";
import { SetupPanel } from "./setup-panel.tsx";
import { setup } from "./setup-store.ts";

export function BacktestView() {
  return (
    <>
      <section class="card">
        <SetupPanel />
        <AccountPanel />
        <div class="row">
          <button
            type="button"
            disabled={runnerState.running() || setup.datasets().length === 0}
            onClick={() => void runBacktest()}
          >
            Run backtest
          </button>
          <Show when={runnerState.running()}>
            <progress data-testid="backtest-progress" max="1" value={runnerState.progress()} />
            <button type="button" class="ghost" onClick={cancelBacktest}>
              Cancel
            </button>
          </Show>
        </div>
        <Show when={runnerState.error()}>
          {(e) => (
            <p class="error-text" role="alert" data-testid="backtest-error">
              {describeError(e())}
            </p>
          )}
        </Show>
      </section>
      <Show when={runnerState.shown()} keyed>
        {(s) => <ResultsView shown={s} />}
      </Show>
    </>
  );
}
