/**
 * Runs an optimisation of the current setup over a pool of backtest workers (one per core)
 * through core's optimise, with progress and cancel, and keeps the ranked results.
 */
import { optimise } from "../../../../core/backtest/optimise.ts";
import type { Stats } from "../../../../core/metrics/compute-stats.ts";
import type { Params } from "../../../../core/strategy/types.ts";
import { newId } from "../backtest/run-store.ts";
import { loadSelection, setup, strategyParams, strategyRef } from "../backtest/setup-store.ts";
import { createPoolJob, isInvalidParams, rejectedStats } from "./pool-job.ts";
import { type SavedOptimisation, saveOptimisation } from "./saved-optimisations.ts";
import { searchSpec } from "./search-form.ts";

/** An optimisation's outcome with how long it took and what it ran on (saved in IndexedDB). */
export type OptimiseOutcome = SavedOptimisation;

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
    const datasetLabel = data.dataset.label ?? data.dataset.symbol;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const outcome: OptimiseOutcome = {
      ...res,
      id: newId(),
      createdAt: Date.now(),
      name: `${strategyRef().info.name} · ${datasetLabel} ${data.timeframe} ${day(data.bars.time[0])}..${day(data.bars.time[data.bars.length - 1])}`,
      datasetLabel,
      ms: performance.now() - started,
      workers: p.size,
      skipped,
    };
    await saveOptimisation(outcome);
    return outcome;
  });
}

/** Shows a saved optimisation (after a reload, or picked from the list). */
export function showOptimisation(o: SavedOptimisation): void {
  job.show(o);
}

/** Stops the optimisation: ends every worker of the pool. */
export const cancelOptimise = job.cancel;
