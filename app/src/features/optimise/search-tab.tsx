/**
 * The frame of the Optimise and Walk-forward tabs: one card with the setup, the tab's own
 * fields, the parameter ranges, the account and the Run button of its pool-backed job (with
 * progress and Cancel while it runs, and its error), then the tab's results.
 */
import { createEffect, type JSX, on, Show } from "solid-js";
import { AccountPanel } from "../backtest/account-panel.tsx";
import { describeError } from "../backtest/backtest-runner.ts";
import { SetupPanel } from "../backtest/setup-panel.tsx";
import { setup, strategyParams } from "../backtest/setup-store.ts";
import type { PoolJob } from "./pool-job.ts";
import { RangeEditor } from "./range-editor.tsx";
import { resetSearch, search } from "./search-form.ts";

/** Keeps the range rows in step with the selected strategy's parameters. */
function useSearchRows(): void {
  createEffect(
    on(setup.strategyKey, () => {
      const specs = strategyParams();
      const rows = search.rows();
      if (specs.length !== Object.keys(rows).length || specs.some((p) => !(p.name in rows)))
        resetSearch(specs);
    }),
  );
}

interface RunControlsProps<R> {
  state: PoolJob<R>["state"];
  label: string;
  /** Prefix of the progress and error test ids ("optimise" -> "optimise-progress"). */
  testId: string;
  onRun: () => Promise<void>;
  onCancel: () => void;
  /** Shows "done / total" next to the progress bar. */
  showCount?: boolean;
}

/** One search tab: the setup card around `fields` and the Run controls, then the results (children). */
export function SearchTab<R>(props: RunControlsProps<R> & { fields?: JSX.Element; children: JSX.Element }) {
  useSearchRows();
  return (
    <>
      <section class="card">
        <SetupPanel showParams={false} />
        {props.fields}
        <RangeEditor />
        <AccountPanel />
        <RunControls {...props} />
      </section>
      {props.children}
    </>
  );
}

function RunControls<R>(props: RunControlsProps<R>) {
  return (
    <>
      <div class="row">
        <button
          type="button"
          disabled={props.state.running() || setup.datasets().length === 0}
          onClick={() => void props.onRun()}
        >
          {props.label}
        </button>
        <Show when={props.state.running()}>
          <progress
            data-testid={`${props.testId}-progress`}
            max={props.state.total() || 1}
            value={props.state.done()}
          />
          <Show when={props.showCount}>
            <span class="muted">
              {props.state.done()} / {props.state.total() || "…"}
            </span>
          </Show>
          <button type="button" class="ghost" onClick={() => props.onCancel()}>
            Cancel
          </button>
        </Show>
      </div>
      <Show when={props.state.error()}>
        {(e) => (
          <p class="error-text" role="alert" data-testid={`${props.testId}-error`}>
            {describeError(e())}
          </p>
        )}
      </Show>
    </>
  );
}
