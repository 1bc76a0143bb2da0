/* Data set, timeframe, date range and strategy pickers, and the strategy's parameter form. */
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import type { Timeframe } from "../../../../core/market/timeframes.ts";
import { STRATEGIES } from "../../../../core/strategy/registry.ts";
import { formatCount } from "../data/format.ts";
import { BRACKET_UNIT_LABELS, type BracketUnit, isBracketParam } from "./bracket-units.ts";
import { runState } from "./run-store.ts";
import {
  currentDataset,
  selectDataset,
  selectStrategy,
  setBracketUnit,
  setup,
  strategyParams,
  timeframesFor,
} from "./setup-store.ts";

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The data and strategy part of a run's setup. */
export function SetupPanel(props: { showParams?: boolean }) {
  const d = () => currentDataset();
  return (
    <div class="bt-setup">
      <Show
        when={setup.datasets().length > 0}
        fallback={
          <p class="muted" data-testid="no-datasets">
            No data yet. Import a price file or load the sample on the <A href="/data">Data page</A>.
          </p>
        }
      >
        <div class="bt-grid">
          <label>
            Data set
            <select value={setup.datasetId()} onChange={(e) => selectDataset(e.currentTarget.value)}>
              <For each={setup.datasets()}>
                {(ds) => (
                  <option value={ds.id}>
                    {ds.label ?? ds.symbol} {ds.timeframe} ({formatCount(ds.bars)} bars)
                  </option>
                )}
              </For>
            </select>
          </label>
          <label>
            Timeframe
            <select
              value={setup.timeframe()}
              onChange={(e) => setup.setTimeframe(e.currentTarget.value as Timeframe)}
            >
              <For each={timeframesFor(d())}>{(tf) => <option value={tf}>{tf}</option>}</For>
            </select>
          </label>
          <label>
            From
            <input
              type="date"
              value={setup.fromDate() || (d() ? isoDay(d()!.start) : "")}
              onChange={(e) => setup.setFromDate(e.currentTarget.value)}
            />
          </label>
          <label>
            To
            <input
              type="date"
              value={setup.toDate() || (d() ? isoDay(d()!.end) : "")}
              onChange={(e) => setup.setToDate(e.currentTarget.value)}
            />
          </label>
        </div>
      </Show>
      <div class="bt-grid">
        <label>
          Strategy
          <select value={setup.strategyKey()} onChange={(e) => selectStrategy(e.currentTarget.value)}>
            <optgroup label="Built-in">
              <For each={STRATEGIES}>{(s) => <option value={`builtin:${s.id}`}>{s.id}</option>}</For>
            </optgroup>
            <Show when={runState.userStrategies().length > 0}>
              <optgroup label="Your strategies">
                <For each={runState.userStrategies()}>
                  {(s) => <option value={`user:${s.id}`}>{s.name}</option>}
                </For>
              </optgroup>
            </Show>
          </select>
        </label>
        <Show when={props.showParams !== false}>
          <For each={strategyParams()}>
            {(p) => (
              <label title={p.description}>
                {p.label}
                <input
                  type="number"
                  data-param={p.name}
                  step={p.integer ? 1 : "any"}
                  min={p.min > -1e12 ? p.min : undefined}
                  max={p.max < 1e12 ? p.max : undefined}
                  value={setup.params()[p.name] ?? p.default}
                  onInput={(e) =>
                    setup.setParams({ ...setup.params(), [p.name]: e.currentTarget.valueAsNumber })
                  }
                />
              </label>
            )}
          </For>
          <Show
            when={
              setup.strategyKey().startsWith("builtin:") &&
              strategyParams().some((p) => isBracketParam(p.name))
            }
          >
            <label title="The unit of the stop-loss and take-profit distances">
              SL/TP in
              <select
                value={setup.bracketUnit()}
                onChange={(e) => setBracketUnit(e.currentTarget.value as BracketUnit)}
              >
                <For each={Object.entries(BRACKET_UNIT_LABELS)}>
                  {([unit, label]) => <option value={unit}>{label}</option>}
                </For>
              </select>
            </label>
          </Show>
        </Show>
      </div>
    </div>
  );
}
