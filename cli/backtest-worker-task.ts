/** Runs inside a BacktestPool worker: bars from shared buffers, one backtest per message. */
import { parentPort, workerData } from "node:worker_threads";
import { runBacktest } from "../core/backtest/engine.ts";
import type { Bars } from "../core/backtest/types.ts";
import { toPlainError } from "../core/errors.ts";
import type { Params } from "../core/strategy/types.ts";
import type { WorkerSetup } from "./backtest-pool.ts";
import { loadStrategy } from "./strategy-arg.ts";

const setup = workerData as WorkerSetup;
const c = setup.columns;
const bars: Bars = {
  time: new Float64Array(c.time),
  open: new Float64Array(c.open),
  high: new Float64Array(c.high),
  low: new Float64Array(c.low),
  close: new Float64Array(c.close),
  volume: new Float64Array(c.volume),
};

const strategy = loadStrategy(setup.strategy, process.cwd());

parentPort?.on("message", (msg: { id: number; params: Params }) => {
  try {
    const { stats } = runBacktest({
      bars,
      strategy,
      params: msg.params,
      settings: setup.settings,
    });
    parentPort?.postMessage({ id: msg.id, stats });
  } catch (error) {
    parentPort?.postMessage({ id: msg.id, error: toPlainError(error) });
  }
});
