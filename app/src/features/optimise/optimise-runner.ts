/**
 * Runs an optimisation of the current setup over a pool of backtest workers (one per core)
 * through core's optimise, with progress and cancel, and keeps the ranked results.
 */
import { createSignal } from "solid-js";
import { type OptimiseResult, optimise } from "../../../../core/backtest/optimise.ts";
import type { Stats } from "../../../../core/metrics/compute-stats.ts";
import type { Params } from "../../../../core/strategy/types.ts";
import { BacktestPool, PoolError } from "../../workers/backtest-client.ts";
import { formProblem } from "../backtest/account-form.ts";
import {
  engineSettings,
  loadSelection,
  setup,
  strategyParams,
  strategyRef,
} from "../backtest/setup-store.ts";
import type { CodeError } from "../backtest/user-strategy.ts";
import { searchSpec } from "./search-form.ts";

/** An optimisation's outcome with how long it took. */
export interface OptimiseOutcome extends OptimiseResult {
  ms: number;
  workers: number;
  skipped: number;
}

const [running, setRunning] = createSignal(false);
const [done, setDone] = createSignal(0);
const [total, setTotal] = createSignal(0);
const [error, setError] = createSignal<CodeError>();
const [result, setResult] = createSignal<OptimiseOutcome>();
let pool: BacktestPool | undefined;
let cancelled = false;

export const optimiseState = { running, done, total, error, result };

/** Stats of a combination the strategy rejects (e.g. lower >= upper): ranked last. */
function rejected(): Stats {
  return new Proxy({} as Stats, { get: () => Number.NaN });
}

/** Runs the search over a pool of workers sharing the prepared bars. */
export async function runOptimise(): Promise<void> {
  if (running()) return;
  setError(undefined);
  const problem = formProblem(setup.account());
  if (problem) return void setError({ code: "invalid-settings", message: problem });
  setRunning(true);
  setDone(0);
  setTotal(0);
  cancelled = false;
  const started = performance.now();
  let skipped = 0;
  try {
    const spec = searchSpec(strategyParams(), setup.params());
    const data = await loadSelection();
    pool = new BacktestPool();
    await pool.prepare(data.bars, {
      strategy: strategyRef().ref,
      settings: engineSettings(data),
      sizing: setup.account().sizing,
    });
    const p = pool;
    const runOne = async (params: Params): Promise<Stats> => {
      try {
        return await p.stats(params);
      } catch (e) {
        if (e instanceof PoolError && e.error.code === "invalid-params") {
          skipped++;
          return rejected();
        }
        throw e;
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
      shouldCancel: () => cancelled,
    });
    setResult({ ...res, ms: performance.now() - started, workers: p.size, skipped });
  } catch (e) {
    const err =
      e instanceof PoolError
        ? e.error
        : { code: (e as { code?: string }).code ?? "failed", message: (e as Error).message ?? String(e) };
    setError(
      err.code === "cancelled" ? { code: "cancelled", message: "The optimisation was cancelled." } : err,
    );
  } finally {
    pool?.terminate();
    pool = undefined;
    setRunning(false);
  }
}

/** Stops the optimisation: ends every worker of the pool. */
export function cancelOptimise(): void {
  cancelled = true;
  pool?.terminate();
}
