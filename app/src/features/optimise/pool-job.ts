/**
 * The plumbing shared by the searches that run over a pool of backtest workers
 * (optimisation, walk-forward): running/progress/error/result signals, the account-form
 * check, one pool at a time (ended by cancel or when the run ends), and the error shown
 * when the run fails or is cancelled. A user strategy gets the look-ahead check first (on
 * the pool, so Cancel stops it too); its report goes with the result.
 */
import { type Accessor, createSignal } from "solid-js";
import type { Stats } from "../../../../core/metrics/compute-stats.ts";
import type { LookaheadReport } from "../../../../core/strategy/lookahead-check.ts";
import { BacktestPool, PoolError } from "../../workers/backtest-client.ts";
import { formProblem } from "../backtest/account-form.ts";
import { rememberLookahead } from "../backtest/lookahead-store.ts";
import {
  bracketUnits,
  engineSettings,
  type LoadedData,
  setup,
  strategyRef,
} from "../backtest/setup-store.ts";
import type { CodeError } from "../backtest/user-strategy.ts";

/** What a job's body gets: progress setters, and the pool for the loaded data. */
export interface JobContext {
  setDone: (done: number) => void;
  setTotal: (total: number) => void;
  shouldCancel: () => boolean;
  /** Starts the pool (ended when the job ends) with the bars and the current strategy. */
  startPool: (data: LoadedData) => Promise<BacktestPool>;
}

export interface PoolJob<R> {
  state: {
    running: Accessor<boolean>;
    done: Accessor<number>;
    total: Accessor<number>;
    error: Accessor<CodeError | undefined>;
    result: Accessor<R | undefined>;
    /** The look-ahead check of the user strategy behind the result (null: built-in). */
    lookahead: Accessor<LookaheadReport | null | undefined>;
  };
  /** Shows a result kept from before (a saved optimisation after a reload). */
  show: (value: R) => void;
  /** Runs body (unless one is running); its value becomes the result, a throw the error. */
  run: (body: (ctx: JobContext) => Promise<R>) => Promise<void>;
  /** Stops the job: ends every worker of the pool. */
  cancel: () => void;
}

/** Stats of a combination the strategy rejects (e.g. lower >= upper): every figure NaN, ranked last. */
export function rejectedStats(): Stats {
  return new Proxy({} as Stats, { get: () => Number.NaN });
}

/** Whether a pool call failed because the strategy rejected the parameters. */
export function isInvalidParams(e: unknown): boolean {
  return e instanceof PoolError && e.error.code === "invalid-params";
}

function toJobError(e: unknown, cancelledMessage: string): CodeError {
  const err =
    e instanceof PoolError
      ? e.error
      : { code: (e as { code?: string }).code ?? "failed", message: (e as Error).message ?? String(e) };
  return err.code === "cancelled" ? { code: "cancelled", message: cancelledMessage } : err;
}

/** A pool-backed job; cancelledMessage is the error shown after cancel(). */
export function createPoolJob<R>(cancelledMessage: string): PoolJob<R> {
  const [running, setRunning] = createSignal(false);
  const [done, setDone] = createSignal(0);
  const [total, setTotal] = createSignal(0);
  const [error, setError] = createSignal<CodeError>();
  const [result, setResult] = createSignal<R>();
  const [lookahead, setLookahead] = createSignal<LookaheadReport | null>();
  let checked: LookaheadReport | null = null;
  let pool: BacktestPool | undefined;
  let cancelled = false;

  const startPool = async (data: LoadedData): Promise<BacktestPool> => {
    const p = new BacktestPool();
    pool = p;
    const ref = strategyRef().ref;
    await p.prepare(data.bars, {
      strategy: ref,
      settings: engineSettings(data),
      sizing: setup.account().sizing,
      brackets: bracketUnits(data),
    });
    checked = null;
    if (ref.kind === "user") {
      checked = await p.lookahead(setup.params());
      if (checked) rememberLookahead(ref.code, checked);
    }
    return p;
  };

  const run = async (body: (ctx: JobContext) => Promise<R>): Promise<void> => {
    if (running()) return;
    setError(undefined);
    const problem = formProblem(setup.account());
    if (problem) return void setError({ code: "invalid-settings", message: problem });
    setRunning(true);
    setDone(0);
    cancelled = false;
    try {
      const value = await body({ setDone, setTotal, shouldCancel: () => cancelled, startPool });
      setLookahead(checked);
      setResult(() => value);
    } catch (e) {
      setError(toJobError(e, cancelledMessage));
    } finally {
      pool?.terminate();
      pool = undefined;
      setRunning(false);
    }
  };

  const cancel = () => {
    cancelled = true;
    pool?.terminate();
  };

  const show = (value: R) => {
    setError(undefined);
    setResult(() => value);
  };

  return { state: { running, done, total, error, result, lookahead }, run, cancel, show };
}
