/** The backtest engine: matching broker, bar loop, optimisation. */
export { Broker } from "./broker.ts";
export { BrokerApi, FULL_EQUITY } from "./broker-api.ts";
export { commissionOf, pyFloorDiv, swapNights } from "./costs.ts";
export { type BacktestResult, PROGRESS_EVERY, type RunBacktestOptions, runBacktest } from "./engine.ts";
export {
  candidates,
  type Heatmap,
  heatmap,
  type OptimiseOptions,
  type OptimiseResult,
  type OptimiseRun,
  optimise,
  rank,
} from "./optimise.ts";
export { Order, OrderKind, Trade } from "./order.ts";
export {
  gridOf,
  type ParamRange,
  parseConstraint,
  parseRange,
  rangeValues,
  sampleOf,
  seededRandom,
} from "./param-space.ts";
export { DEFAULT_SETTINGS, resolveSettings } from "./settings.ts";
export { TradeLog } from "./trade-log.ts";
export type { BacktestSettings, Bars, ExitReason, OrderOptions, TradeRecord } from "./types.ts";
export {
  type BarRange,
  localWalkRunners,
  type WalkForwardOptions,
  type WalkForwardResult,
  type WalkForwardWindow,
  type WindowRun,
  walkForward,
  walkWindows,
} from "./walk-forward.ts";
