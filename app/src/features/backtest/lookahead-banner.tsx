/*
 * The warning a flagged user strategy carries on every result page (backtest, optimisation,
 * walk-forward) and in the editor: the check's summary and its first findings.
 */
import { For, Show } from "solid-js";
import type { LookaheadReport } from "../../../../core/strategy/lookahead-check.ts";

const SHOWN_FINDINGS = 5;

export function LookaheadBanner(props: { report: LookaheadReport | undefined | null }) {
  return (
    <Show when={props.report?.flagged ? props.report : undefined}>
      {(r) => (
        <div class="lookahead-warning" role="alert" data-testid="lookahead-warning">
          <strong>Look-ahead: these results are not trustworthy.</strong>
          <p>{r().summary}</p>
          <ul>
            <For each={r().findings.slice(0, SHOWN_FINDINGS)}>
              {(f) => (
                <li data-testid="lookahead-finding">
                  {f.kind === "read-ahead"
                    ? f.detail
                    : `Bar ${f.bar} (${new Date(f.time).toISOString().slice(0, 16).replace("T", " ")} UTC), ${f.what}: ${f.detail}`}
                </li>
              )}
            </For>
          </ul>
        </div>
      )}
    </Show>
  );
}
