/**
 * A pool of worker_threads that run backtests for the optimiser. The bars are copied once
 * into SharedArrayBuffers that every worker reads; each job sends parameters and gets
 * statistics back. `size` 0 runs jobs in this thread (no workers).
 */
import { Worker } from "node:worker_threads";
import type { BacktestSettings, Bars } from "../core/backtest/types.ts";
import type { Stats } from "../core/metrics/compute-stats.ts";
import type { Params } from "../core/strategy/types.ts";

/** What every worker needs to run a job. */
export interface PoolSetup {
  bars: Bars;
  strategy: string;
  settings: Partial<BacktestSettings>;
}

/** Data handed to each worker (shared buffers, not copies). */
export interface WorkerSetup {
  columns: Record<keyof Bars, SharedArrayBuffer>;
  strategy: string;
  settings: Partial<BacktestSettings>;
}

type Reply = { id: number; stats: Stats } | { id: number; error: { code: string; message: string } };

function share(bars: Bars): Record<keyof Bars, SharedArrayBuffer> {
  const out = {} as Record<keyof Bars, SharedArrayBuffer>;
  for (const key of ["time", "open", "high", "low", "close", "volume"] as const) {
    const buf = new SharedArrayBuffer(bars[key].length * 8);
    new Float64Array(buf).set(bars[key]);
    out[key] = buf;
  }
  return out;
}

/** Runs backtests on `size` worker threads; run() resolves with the statistics of one job. */
export class BacktestPool {
  private readonly idle: Worker[] = [];
  private readonly queue: { params: Params; resolve(s: Stats): void; reject(e: Error): void }[] = [];
  private readonly pending = new Map<
    number,
    { resolve(s: Stats): void; reject(e: Error): void; worker: Worker }
  >();
  private readonly workers: Worker[] = [];
  private nextId = 0;

  constructor(
    readonly size: number,
    setup: PoolSetup,
  ) {
    const data: WorkerSetup = {
      columns: share(setup.bars),
      strategy: setup.strategy,
      settings: setup.settings,
    };
    for (let k = 0; k < size; k++) {
      const w = new Worker(new URL("./backtest-worker.mjs", import.meta.url), { workerData: data });
      w.on("message", (reply: Reply) => this.onReply(w, reply));
      w.on("error", (error) => this.failAll(error));
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** Queues one backtest. */
  run(params: Params): Promise<Stats> {
    return new Promise((resolve, reject) => {
      this.queue.push({ params, resolve, reject });
      this.pump();
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop() as Worker;
      const job = this.queue.shift() as (typeof this.queue)[number];
      const id = this.nextId++;
      this.pending.set(id, { resolve: job.resolve, reject: job.reject, worker: w });
      w.postMessage({ id, params: job.params });
    }
  }

  private onReply(w: Worker, reply: Reply): void {
    const p = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    this.idle.push(w);
    if (p) {
      if ("stats" in reply) p.resolve(reply.stats);
      else p.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    }
    this.pump();
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    for (const q of this.queue.splice(0)) q.reject(error);
  }
}
