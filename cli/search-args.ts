/**
 * What `optimize` and `walk-forward` share on their command line: the --range flag and the
 * checks of a parameter search (range names, objective, constraint) made before any run.
 */
import { type ParamRange, parseRange } from "../core/backtest/param-space.ts";
import { computeStats, type Stats } from "../core/metrics/compute-stats.ts";
import type { StrategyDefinition } from "../core/strategy/types.ts";
import { UsageError } from "./io.ts";

/** One --range value ("name=start:stop:step"), or a UsageError saying what is wrong. */
export function rangeFlag(value: string | undefined): ParamRange {
  try {
    return parseRange(value ?? "");
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The search a command was asked for, as far as the checks need it. */
export interface SearchRequest {
  strategy: string;
  ranges: ParamRange[];
  objective: keyof Stats;
  constraint: string | undefined;
}

/** Checks names, objective and constraint before any run; returns the constraint text used. */
export function checkSearch(a: SearchRequest, def: StrategyDefinition): string {
  const names = def.params.map((p) => p.name);
  for (const r of a.ranges) {
    if (!names.includes(r.name))
      throw new UsageError(`strategy ${a.strategy} has no parameter "${r.name}" (${names.join(", ")}).`);
  }
  const sample = computeStats({ equity: Float64Array.of(1), time: Float64Array.of(0), trades: [] });
  if (typeof sample[a.objective] !== "number") {
    throw new UsageError(
      `unknown objective "${String(a.objective)}"; choose one of: ${Object.keys(sample).join(", ")}.`,
    );
  }
  if (a.constraint !== undefined) return a.constraint;
  return names.includes("fast") && names.includes("slow") ? "fast<slow" : "";
}
