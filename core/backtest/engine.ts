/**
 * The backtest loop on top of the Broker: for each bar, process the queue, record equity,
 * let the strategy act; then finalise (docs/backtest-semantics.md, "The loop"). Callable
 * from a Web Worker: plain data in, plain data (and typed arrays) out, progress and cancel.
 */
import { DomainError } from "../errors.ts";
import { computeStats, type Stats } from "../metrics/compute-stats.ts";
import { drawdownSeries } from "../metrics/curve.ts";
import { resolveParams } from "../strategy/params.ts";
import { getStrategy } from "../strategy/registry.ts";
import type { Params, StrategyDefinition, StrategyInstance } from "../strategy/types.ts";
import { Broker } from "./broker.ts";
import { BrokerApi } from "./broker-api.ts";
import { Order, OrderKind } from "./order.ts";
import { resolveSettings } from "./settings.ts";
import type { TradeLog } from "./trade-log.ts";
import type { BacktestSettings, Bars, TradeRecord } from "./types.ts";

/** Input of runBacktest. */
export interface RunBacktestOptions {
  bars: Bars;
  /** A built-in strategy id or a definition (e.g. a compiled user strategy). */
  strategy: string | StrategyDefinition;
  params?: Params;
  settings?: Partial<BacktestSettings>;
  /** Called with the fraction done (0..1) every PROGRESS_EVERY bars and at the end. */
  onProgress?(fraction: number): void;
  /** Polled every PROGRESS_EVERY bars; returning true aborts with DomainError "cancelled". */
  shouldCancel?(): boolean;
  /** Annual risk-free rate for Sharpe/Sortino (default 0). */
  riskFreeRate?: number;
  /**
   * First bar the broker and strategy may act on (default 0). Indicators still use the bars
   * before it, so an out-of-sample test can warm up on earlier data and start flat here.
   */
  startBar?: number;
}

/** Output of runBacktest. */
export interface BacktestResult {
  stats: Stats;
  /** Closed trades in the order they closed (built from tradeLog on first access). */
  readonly trades: TradeRecord[];
  /** The same trades column-wise (typed arrays; cheap to transfer). */
  tradeLog: TradeLog;
  /** Trades still open at the end (finalize off, or opened in the final pass), valued at the last close. */
  openTrades: TradeRecord[];
  equity: Float64Array;
  /** 1 - equity / running peak, per bar (computed on first access). */
  readonly drawdown: Float64Array;
  /** First bar on which the broker and strategy ran (w + 1). */
  startBar: number;
  /** True when equity reached zero and the run stopped early. */
  ruined: boolean;
  /** Orders the broker cancelled for insufficient margin. */
  cancelledOrders: number;
  params: Params;
  settings: BacktestSettings;
}

export const PROGRESS_EVERY = 65_536;
/** Trade-log room reserved up front: one trade per 16 bars (it grows beyond if needed). */
const TRADES_PER_BARS_SHIFT = 4;

function checkBars(bars: Bars): number {
  const n = bars.close.length;
  for (const key of ["time", "open", "high", "low", "close"] as const) {
    if (!(bars[key] instanceof Float64Array) || bars[key].length !== n) {
      throw new DomainError("invalid-bars", `Bars.${key} must be a Float64Array of length ${n}.`);
    }
  }
  return n;
}

/** Runs one backtest. Throws DomainError on bad settings, parameters or strategy errors. */
export function runBacktest(opts: RunBacktestOptions): BacktestResult {
  const { bars } = opts;
  const n = checkBars(bars);
  const settings = resolveSettings(opts.settings);
  const def = typeof opts.strategy === "string" ? getStrategy(opts.strategy) : opts.strategy;
  const params = resolveParams(def, opts.params);
  const broker = new Broker(settings);
  broker.closed.reserve(n >> TRADES_PER_BARS_SHIFT);
  const strategy = def.create({ bars, broker: new BrokerApi(broker), params });
  const start = Math.max(1, strategy.warmup + 1, opts.startBar ?? 0);
  const equity = new Float64Array(n);
  equity.fill(settings.cash, 0, Math.min(start, n));
  const ruined = barLoop(broker, strategy, bars, equity, start, opts);
  const endedInRuin = ruined || (settings.finalize && start < n && finalise(broker, bars, equity));
  opts.onProgress?.(1);
  const log = broker.closed;
  const stats = computeStats({
    equity,
    time: bars.time,
    trades: log,
    initialCash: settings.cash,
    riskFreeRate: opts.riskFreeRate,
  });
  let records: TradeRecord[] | null = null;
  let drawdown: Float64Array | null = null;
  return {
    stats,
    get trades(): TradeRecord[] {
      records ??= log.records();
      return records;
    },
    tradeLog: log,
    openTrades: broker.trades.map((t) =>
      t.toRecord({ price: bars.close[n - 1], bar: n - 1, time: bars.time[n - 1] }),
    ),
    equity,
    get drawdown(): Float64Array {
      drawdown ??= drawdownSeries(equity);
      return drawdown;
    },
    startBar: start,
    ruined: endedInRuin,
    cancelledOrders: broker.cancelledOrders,
    params,
    settings,
  };
}

/**
 * The hot loop, kept apart from set-up and reporting so the JIT optimises it once and keeps
 * it: steps 1-3 of the loop for bars start..n-1. Returns true when equity reached zero.
 */
function barLoop(
  broker: Broker,
  strategy: StrategyInstance,
  bars: Bars,
  equity: Float64Array,
  start: number,
  hooks: Pick<RunBacktestOptions, "onProgress" | "shouldCancel">,
): boolean {
  const { time, open, high, low, close } = bars;
  const n = close.length;
  const orders = broker.orders;
  for (let i = start; i < n; i++) {
    // With nothing to fill, only the close matters (equity, order placing): skip the rest.
    if (orders.length !== 0 || broker.busy) {
      broker.setBar(i, time[i], open[i], high[i], low[i], close[i], time[i - 1], close[i - 1]);
      broker.step();
    } else broker.close = close[i];
    const eq = broker.equity();
    equity[i] = eq;
    if (eq <= 0) {
      broker.setBar(i, time[i], open[i], high[i], low[i], close[i], time[i - 1], close[i - 1]);
      broker.ruin();
      equity.fill(0, i);
      return true;
    }
    strategy.next(i);
    if ((i & (PROGRESS_EVERY - 1)) === 0) {
      if (hooks.shouldCancel?.()) throw new DomainError("cancelled", "The backtest was cancelled.");
      hooks.onProgress?.(i / n);
    }
  }
  return false;
}

/** Close orders for every open trade (oldest first, at the queue front), one more pass on the last bar. */
function finalise(broker: Broker, bars: Bars, equity: Float64Array): boolean {
  const i = equity.length - 1;
  const { time, open, high, low, close } = bars;
  broker.setBar(i, time[i], open[i], high[i], low[i], close[i], time[i - 1], close[i - 1]);
  const openTrades = broker.trades.slice();
  for (let k = openTrades.length - 1; k >= 0; k--) {
    const t = openTrades[k];
    const order = new Order(
      -t.size,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      OrderKind.Close,
      t,
      t.tag,
    );
    order.exitReason = "end";
    broker.enqueue(order);
  }
  broker.step();
  const eq = broker.equity();
  equity[i] = eq;
  if (eq > 0) return false;
  broker.ruin();
  equity[i] = 0;
  return true;
}
