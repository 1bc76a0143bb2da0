/* The parameter ranges (start:stop:step), constraint, objective and search method. */
import { For, Show } from "solid-js";
import type { Stats } from "../../../../core/metrics/compute-stats.ts";
import { setup, strategyParams } from "../backtest/setup-store.ts";
import { STAT_INFO } from "../backtest/stat-labels.ts";
import { type RangeRow, search } from "./search-form.ts";

export function RangeEditor() {
  const row = (name: string): RangeRow => search.rows()[name] ?? { on: false, start: 0, stop: 0, step: 1 };
  const set = (name: string, patch: Partial<RangeRow>) =>
    search.setRows({ ...search.rows(), [name]: { ...row(name), ...patch } });
  return (
    <div class="bt-ranges">
      <table data-testid="range-table">
        <thead>
          <tr>
            <th>Vary</th>
            <th>Parameter</th>
            <th>Start</th>
            <th>Stop</th>
            <th>Step</th>
            <th>Fixed value</th>
          </tr>
        </thead>
        <tbody>
          <For each={strategyParams()}>
            {(p) => (
              <tr data-param={p.name}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Vary ${p.name}`}
                    checked={row(p.name).on}
                    onChange={(e) => set(p.name, { on: e.currentTarget.checked })}
                  />
                </td>
                <td title={p.description}>{p.name}</td>
                <td>
                  <input
                    type="number"
                    step="any"
                    aria-label={`${p.name} start`}
                    value={row(p.name).start}
                    onInput={(e) => set(p.name, { start: e.currentTarget.valueAsNumber })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    step="any"
                    aria-label={`${p.name} stop`}
                    value={row(p.name).stop}
                    onInput={(e) => set(p.name, { stop: e.currentTarget.valueAsNumber })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    step="any"
                    aria-label={`${p.name} step`}
                    value={row(p.name).step}
                    onInput={(e) => set(p.name, { step: e.currentTarget.valueAsNumber })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    step="any"
                    aria-label={`${p.name} fixed value`}
                    disabled={row(p.name).on}
                    value={setup.params()[p.name] ?? p.default}
                    onInput={(e) =>
                      setup.setParams({ ...setup.params(), [p.name]: e.currentTarget.valueAsNumber })
                    }
                  />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <div class="bt-grid">
        <label>
          Constraint
          <input
            placeholder="e.g. fast < slow"
            value={search.constraint()}
            onInput={(e) => search.setConstraint(e.currentTarget.value)}
          />
        </label>
        <label>
          Objective
          <select
            value={search.objective()}
            onChange={(e) => search.setObjective(e.currentTarget.value as keyof Stats)}
          >
            <For each={STAT_INFO}>{(s) => <option value={s.key}>{s.label}</option>}</For>
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={search.minimize()}
            onChange={(e) => search.setMinimize(e.currentTarget.checked)}
          />{" "}
          Lower is better
        </label>
        <label>
          Search
          <select
            value={search.method()}
            onChange={(e) => search.setMethod(e.currentTarget.value as "grid" | "random")}
          >
            <option value="grid">Grid (every combination)</option>
            <option value="random">Random sample</option>
          </select>
        </label>
        <Show when={search.method() === "random"}>
          <label>
            Samples
            <input
              type="number"
              min="1"
              step="1"
              value={search.samples()}
              onInput={(e) => search.setSamples(e.currentTarget.valueAsNumber)}
            />
          </label>
          <label>
            Seed
            <input
              type="number"
              step="1"
              value={search.seed()}
              onInput={(e) => search.setSeed(e.currentTarget.valueAsNumber)}
            />
          </label>
        </Show>
      </div>
    </div>
  );
}
