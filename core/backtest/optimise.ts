/**
 * Optimisation over a parameter space: grid or seeded random search, a constraint, an
 * objective (any statistic, SQN by default). Runs are delegated to a `runOne` callback so
 * the app can fan out to Web Workers and the CLI to worker_threads; up to `concurrency`
 * runs are in flight at once.
 */
import { DomainError } from "../errors.ts";
import type { Stats } from "../metrics/compute-stats.ts";
import type { Params } from "../strategy/types.ts";
import { gridOf, type ParamRange, sampleOf } from "./param-space.ts";

/** Options of optimise. */
export interface OptimiseOptions {
  ranges: readonly ParamRange[];
  /** Parameters held fixed (merged under each combination). */
  fixed?: Params;
  /** Combinations failing this are never run. */
  constraint?: (p: Params) => boolean;
  method?: "grid" | "random";
  /** Random search: how many combinations to draw (default 100). */
  samples?: number;
  /** Random search seed (default 1). */
  seed?: number;
  /** Statistic to rank by (default "sqn"). */
  objective?: keyof Stats;
  /** Rank ascending instead of descending. */
  minimize?: boolean;
  /** Runs in flight at once (default 1). */
  concurrency?: number;
  /** Runs one backtest and returns its statistics. */
  runOne(params: Params): Promise<Stats> | Stats;
  onProgress?(done: number, total: number): void;
  shouldCancel?(): boolean;
}

/** One evaluated combination. */
export interface OptimiseRun {
  params: Params;
  score: number;
  stats: Stats;
}

/** Results ranked best first (NaN scores last). */
export interface OptimiseResult {
  objective: keyof Stats;
  runs: OptimiseRun[];
  best: OptimiseRun | null;
}

/** The combinations an optimisation would run, in run order. */
export function candidates(
  opts: Pick<OptimiseOptions, "ranges" | "fixed" | "constraint" | "method" | "samples" | "seed">,
): Params[] {
  const grid = gridOf(opts.ranges, opts.fixed, opts.constraint);
  return opts.method === "random" ? sampleOf(grid, opts.samples ?? 100, opts.seed ?? 1) : grid;
}

/** Ranks runs by score (best first; NaN last; ties keep run order). */
export function rank(runs: OptimiseRun[], minimize = false): OptimiseRun[] {
  const key = (r: OptimiseRun) =>
    Number.isNaN(r.score) ? Number.NEGATIVE_INFINITY : minimize ? -r.score : r.score;
  return runs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => key(b.r) - key(a.r) || a.i - b.i)
    .map((x) => x.r);
}

/** Runs the search. */
export async function optimise(opts: OptimiseOptions): Promise<OptimiseResult> {
  const objective = opts.objective ?? "sqn";
  const list = candidates(opts);
  if (list.length === 0)
    throw new DomainError(
      "empty-search",
      "No parameter combination satisfies the ranges and the constraint.",
    );
  const runs: OptimiseRun[] = new Array(list.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < list.length) {
      if (opts.shouldCancel?.()) throw new DomainError("cancelled", "The optimisation was cancelled.");
      const k = next++;
      const stats = await opts.runOne(list[k]);
      const score = stats[objective];
      if (typeof score !== "number")
        throw new DomainError("invalid-objective", `Objective "${String(objective)}" is not a statistic.`);
      runs[k] = { params: list[k], score, stats };
      opts.onProgress?.(++done, list.length);
    }
  };
  const lanes = Math.max(1, Math.min(opts.concurrency ?? 1, list.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  const ranked = rank(runs, opts.minimize);
  return { objective, runs: ranked, best: ranked[0] ?? null };
}

/** A 2-D table of the best score for each (x, y) pair, maximised over the other parameters. */
export interface Heatmap {
  x: string;
  y: string;
  xs: number[];
  ys: number[];
  /** values[row for y][column for x]; NaN where no run exists. */
  values: number[][];
}

/** Builds a heatmap of two parameters from optimisation runs. */
export function heatmap(runs: readonly OptimiseRun[], x: string, y: string, minimize = false): Heatmap {
  const xs = [...new Set(runs.map((r) => r.params[x]))].sort((a, b) => a - b);
  const ys = [...new Set(runs.map((r) => r.params[y]))].sort((a, b) => a - b);
  const values = ys.map(() => xs.map(() => Number.NaN));
  for (const r of runs) {
    const row = values[ys.indexOf(r.params[y])];
    const col = xs.indexOf(r.params[x]);
    const cur = row[col];
    if (Number.isNaN(cur) || (minimize ? r.score < cur : r.score > cur)) row[col] = r.score;
  }
  return { x, y, xs, ys, values };
}
