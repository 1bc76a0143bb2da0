/* The list of bad rows found in a file: line number, what is wrong, and the line as written. */
import { For, Show } from "solid-js";
import type { DataProblem } from "../../../../core/market/validation.ts";
import { formatCount } from "./format.ts";

export function ProblemList(props: { problems: DataProblem[]; count: number; title?: string }) {
  return (
    <Show when={props.count > 0}>
      <section class="card problem-list" data-testid="problem-list">
        <h2>
          {props.title ?? "Problems"} ({formatCount(props.count)}
          {props.count > props.problems.length ? `, first ${formatCount(props.problems.length)} shown` : ""})
        </h2>
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Line</th>
                <th>Problem</th>
                <th>Text in the file</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.problems}>
                {(p) => (
                  <tr data-testid="problem-row">
                    <td>{p.line}</td>
                    <td>{p.message}</td>
                    <td>
                      <code>{p.text}</code>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </section>
    </Show>
  );
}
