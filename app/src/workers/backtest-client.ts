/**
 * The UI side of the backtest worker. A single run gets its own worker, so Cancel ends it
 * at once (a synchronous run cannot read messages); the pool keeps one worker per core for
 * optimisation and walk-forward, each holding the bars, and hands runs to idle workers.
 */
import { proxy, type Remote, wrap } from "comlink";
import type { Bars } from "../../../core/backtest/types.ts";
import type { Stats } from "../../../core/metrics/compute-stats.ts";
import type { LookaheadReport } from "../../../core/strategy/lookahead-check.ts";
import type { ParamSpec, Params } from "../../../core/strategy/types.ts";
import type { CodeError } from "../features/backtest/user-strategy.ts";
import type {
  BacktestApi,
  BarRange,
  Outcome,
  RangeRun,
  RunJob,
  RunResult,
  RunSetup,
} from "./backtest-api.ts";

const CANCELLED: CodeError = { code: "cancelled", message: "Cancelled." };

function spawn(name: string): { worker: Worker; api: Remote<BacktestApi> } {
  const worker = new Worker(new URL("./backtest.worker.ts", import.meta.url), { type: "module", name });
  return { worker, api: wrap<BacktestApi>(worker) };
}

export interface RunningBacktest {
  /** Never rejects: failures and cancels are outcomes. */
  done: Promise<Outcome<RunResult>>;
  cancel(): void;
}

/** Starts one backtest in a fresh worker. */
export function startBacktest(job: RunJob, onProgress: (fraction: number) => void): RunningBacktest {
  const { worker, api } = spawn("backtest");
  let settle: (o: Outcome<RunResult>) => void = () => {};
  const cancelled = new Promise<Outcome<RunResult>>((resolve) => {
    settle = resolve;
  });
  const run = api.run(job, proxy(onProgress)).catch(
    (e: unknown): Outcome<RunResult> => ({
      ok: false,
      error: {
        code: "worker-failed",
        message: `The backtest worker failed: ${(e as Error)?.message ?? e}`,
      },
    }),
  );
  const done = Promise.race([run, cancelled]).finally(() => worker.terminate());
  return { done, cancel: () => settle({ ok: false, error: CANCELLED }) };
}

const INSPECT_TIMEOUT_MS = 5000;
const NO_BARS: Bars = {
  time: new Float64Array(0),
  open: new Float64Array(0),
  high: new Float64Array(0),
  low: new Float64Array(0),
  close: new Float64Array(0),
  volume: new Float64Array(0),
};

/**
 * Compiles user code in a throwaway worker and returns the parameters it declares (or its
 * error). Off the UI thread, so a module that never finishes loading cannot freeze the page.
 */
export function inspectUserStrategy(code: string): Promise<Outcome<ParamSpec[]>> {
  const { worker, api } = spawn("strategy-check");
  const timeout = new Promise<Outcome<ParamSpec[]>>((resolve) =>
    setTimeout(
      () =>
        resolve({
          ok: false,
          error: {
            code: "strategy-timeout",
            message: `The module did not finish loading within ${INSPECT_TIMEOUT_MS / 1000} s; is there an endless loop outside init and next?`,
          },
        }),
      INSPECT_TIMEOUT_MS,
    ),
  );
  const check = (
    api.prepare(NO_BARS, {
      strategy: { kind: "user", code, name: "check" },
      settings: {},
      sizing: { mode: "equity", value: 1 },
    }) as Promise<Outcome<ParamSpec[]>>
  ).catch(
    (e: unknown): Outcome<ParamSpec[]> => ({
      ok: false,
      error: { code: "worker-failed", message: String((e as Error)?.message ?? e) },
    }),
  );
  return Promise.race([check, timeout]).finally(() => worker.terminate());
}

/** Runs the look-ahead check of a user strategy on `bars` in a throwaway worker. */
export async function checkLookaheadOnce(
  bars: Bars,
  setup: RunSetup,
  params: Params,
): Promise<Outcome<LookaheadReport | null>> {
  const { worker, api } = spawn("lookahead-check");
  try {
    const prepared = (await api.prepare(bars, setup)) as Outcome<ParamSpec[]>;
    if (!prepared.ok) return prepared;
    return (await api.lookahead(params)) as Outcome<LookaheadReport | null>;
  } catch (e) {
    return { ok: false, error: { code: "worker-failed", message: String((e as Error)?.message ?? e) } };
  } finally {
    worker.terminate();
  }
}

/** Number of workers for a pool: one per core (at least 1). */
export function poolSize(): number {
  return Math.max(1, navigator.hardwareConcurrency || 2);
}

/** Thrown by pool calls after terminate() or on a worker error. */
export class PoolError extends Error {
  constructor(readonly error: CodeError) {
    super(error.message);
  }
}

/** A pool of prepared backtest workers. */
export class BacktestPool {
  private readonly members: Array<{ worker: Worker; api: Remote<BacktestApi> }>;
  private readonly idle: number[] = [];
  private readonly waiting: Array<(k: number) => void> = [];
  private readonly rejecters = new Set<(e: PoolError) => void>();
  private closed = false;

  constructor(readonly size = poolSize()) {
    this.members = Array.from({ length: size }, (_, k) => spawn(`backtest-pool-${k}`));
  }

  /** Sends bars and strategy to every worker; resolves with the strategy's parameters. */
  async prepare(bars: Bars, setup: RunSetup): Promise<ParamSpec[]> {
    const results = await Promise.all(
      this.members.map((m) => this.guard(m.api.prepare(bars, setup) as Promise<Outcome<ParamSpec[]>>)),
    );
    this.idle.splice(0, this.idle.length, ...this.members.map((_, k) => k));
    return unwrap(results[0]);
  }

  /** Statistics of one parameter set (queued until a worker is free). */
  stats(params: Params, range?: BarRange): Promise<Stats> {
    return this.withWorker(async (api) =>
      unwrap(await this.guard(api.stats(params, range) as Promise<Outcome<Stats>>)),
    );
  }

  /** Statistics and equity of one parameter set on a range, trading from bar startBar of it. */
  rangeRun(params: Params, range: BarRange, startBar = 0): Promise<RangeRun> {
    return this.withWorker(async (api) =>
      unwrap(await this.guard(api.rangeRun(params, range, startBar) as Promise<Outcome<RangeRun>>)),
    );
  }

  /** The look-ahead check of the prepared user strategy (null for a built-in one). */
  lookahead(params: Params): Promise<LookaheadReport | null> {
    return this.withWorker(async (api) =>
      unwrap(await this.guard(api.lookahead(params) as Promise<Outcome<LookaheadReport | null>>)),
    );
  }

  /** Ends every worker; pending calls reject with a "cancelled" PoolError. */
  terminate(): void {
    if (this.closed) return;
    this.closed = true;
    for (const m of this.members) m.worker.terminate();
    for (const reject of this.rejecters) reject(new PoolError(CANCELLED));
    this.rejecters.clear();
  }

  private async withWorker<T>(fn: (api: Remote<BacktestApi>) => Promise<T>): Promise<T> {
    const k = await this.acquire();
    try {
      return await fn(this.members[k].api);
    } finally {
      this.release(k);
    }
  }

  private acquire(): Promise<number> {
    if (this.closed) return Promise.reject(new PoolError(CANCELLED));
    const k = this.idle.pop();
    if (k !== undefined) return Promise.resolve(k);
    return this.guard(new Promise<number>((resolve) => this.waiting.push(resolve)));
  }

  private release(k: number): void {
    const next = this.waiting.shift();
    if (next) next(k);
    else this.idle.push(k);
  }

  /** Rejects the promise when the pool is terminated. */
  private guard<T>(p: Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new PoolError(CANCELLED));
    return new Promise<T>((resolve, reject) => {
      const onClose = (e: PoolError) => reject(e);
      this.rejecters.add(onClose);
      p.then(resolve, (e) =>
        reject(new PoolError({ code: "worker-failed", message: String((e as Error)?.message ?? e) })),
      ).finally(() => this.rejecters.delete(onClose));
    });
  }
}

function unwrap<T>(o: Outcome<T>): T {
  if (!o.ok) throw new PoolError(o.error);
  return o.value;
}
