/**
 * The search settings shared by the Optimise and Walk-forward tabs: which parameters vary
 * (start:stop:step), the constraint, the objective and grid or random search.
 */
import { createSignal } from "solid-js";
import type { ParamRange } from "../../../../core/backtest/param-space.ts";
import { parseConstraint } from "../../../../core/backtest/param-space.ts";
import type { Stats } from "../../../../core/metrics/compute-stats.ts";
import type { ParamSpec, Params } from "../../../../core/strategy/types.ts";

/** One parameter's row in the range editor. */
export interface RangeRow {
  on: boolean;
  start: number;
  stop: number;
  step: number;
}

const [rows, setRows] = createSignal<Record<string, RangeRow>>({});
const [constraint, setConstraint] = createSignal("");
const [objective, setObjective] = createSignal<keyof Stats>("sqn");
const [minimize, setMinimize] = createSignal(false);
const [method, setMethod] = createSignal<"grid" | "random">("grid");
const [samples, setSamples] = createSignal(50);
const [seed, setSeed] = createSignal(1);

export const search = {
  rows,
  setRows,
  constraint,
  setConstraint,
  objective,
  setObjective,
  minimize,
  setMinimize,
  method,
  setMethod,
  samples,
  setSamples,
  seed,
  setSeed,
};

/** Rows for a strategy's parameters: the first two whole-number ones on, with their suggested ranges. */
export function defaultRows(specs: readonly ParamSpec[]): Record<string, RangeRow> {
  const out: Record<string, RangeRow> = {};
  let on = 0;
  for (const p of specs) {
    const pick = p.integer && on < 2;
    if (pick) on++;
    out[p.name] = { on: pick, start: p.range[0], stop: p.range[1], step: p.range[2] };
  }
  return out;
}

/** A default constraint: "fast < slow" when the strategy has both. */
export function defaultConstraint(specs: readonly ParamSpec[]): string {
  const names = specs.map((p) => p.name);
  if (names.includes("fast") && names.includes("slow")) return "fast < slow";
  if (names.includes("lower") && names.includes("upper")) return "lower < upper";
  return "";
}

/** Resets the form for a strategy's parameters. */
export function resetSearch(specs: readonly ParamSpec[]): void {
  setRows(defaultRows(specs));
  setConstraint(defaultConstraint(specs));
}

/** The search as core's optimise wants it; throws DomainError on a bad range or constraint. */
export function searchSpec(specs: readonly ParamSpec[], values: Params) {
  const names = specs.map((p) => p.name);
  const ranges: ParamRange[] = [];
  const fixed: Params = {};
  for (const p of specs) {
    const r = rows()[p.name];
    if (r?.on) {
      for (const [part, v] of [
        ["start", r.start],
        ["stop", r.stop],
        ["step", r.step],
      ] as const)
        if (!Number.isFinite(v))
          throw new Error(`${p.label}: the ${part} of the range is empty; type a number.`);
      ranges.push({ name: p.name, start: r.start, stop: r.stop, step: r.step });
    } else {
      const v = values[p.name] ?? p.default;
      if (!Number.isFinite(v))
        throw new Error(`${p.label} is empty: type a number on the Backtest tab, or tick "Vary ${p.name}".`);
      fixed[p.name] = v;
    }
  }
  if (ranges.length === 0) throw new Error("Tick at least one parameter to vary.");
  const text = constraint().trim();
  return {
    ranges,
    fixed,
    constraint: text ? parseConstraint(text, names) : undefined,
    method: method(),
    samples: samples(),
    seed: seed(),
    objective: objective(),
    minimize: minimize(),
  };
}
