/**
 * Runs an optimisation of the current setup over a pool of backtest workers (one per core)
 * through core's optimise, with progress and cancel, and keeps the ranked results.
 */
import { type OptimiseResult, optimise } from "../../../../core/backtest/optimise.ts";
import type { Stats } from "../../../../core/metrics/compute-stats.ts";
import type { Params } from "../../../../core/strategy/types.ts";
import { loadSelection, setup, strategyParams } from "../backtest/setup-store.ts";
import { createPoolJob, isInvalidParams, rejectedStats } from "./pool-job.ts";
import { searchSpec } from "./search-form.ts";

/** An optimisation's outcome with how long it took. */
export interface OptimiseOutcome extends OptimiseResult {
  ms: number;
  workers: number;
  skipped: number;
}

const job = createPoolJob<OptimiseOutcome>("The optimisation was cancelled.");

export const optimiseState = job.state;

/** Runs the search over a pool of workers sharing the prepared bars. */
export function runOptimise(): Promise<void> {
  return job.run(async ({ setDone, setTotal, shouldCancel, startPool }) => {
    setTotal(0);
    const started = performance.now();
    let skipped = 0;
    const spec = searchSpec(strategyParams(), setup.params());
    const data = await loadSelection();
    const p = await startPool(data);
    const runOne = async (params: Params): Promise<Stats> => {
      try {
        return await p.stats(params);
      } catch (e) {
        if (!isInvalidParams(e)) throw e;
        skipped++;
        return rejectedStats();
      }
    };
    const res = await optimise({
      ...spec,
      concurrency: p.size,
      runOne,
      onProgress: (d, t) => {
        setDone(d);
        setTotal(t);
      },
      shouldCancel,
    });
    return { ...res, ms: performance.now() - started, workers: p.size, skipped };
  });
}

/** Stops the optimisation: ends every worker of the pool. */
export const cancelOptimise = job.cancel;
