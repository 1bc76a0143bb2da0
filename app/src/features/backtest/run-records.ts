/**
 * Shapes of the backtest records kept in IndexedDB: saved runs (settings, statistics,
 * trades and curves) and user strategies (source code).
 */
import type { BacktestSettings, TradeRecord } from "../../../../core/backtest/types.ts";
import type { Stats } from "../../../../core/metrics/compute-stats.ts";
import type { ParamSpec, Params } from "../../../../core/strategy/types.ts";
import type { AccountForm } from "./account-form.ts";
import type { BracketUnit } from "./bracket-units.ts";

/** Which strategy a run used (user code is kept so the run can be repeated). */
export interface RunStrategy {
  kind: "builtin" | "user";
  id: string;
  name: string;
  code?: string;
}

/** A saved backtest run. */
export interface RunRecord {
  id: string;
  name: string;
  createdAt: number;
  datasetId: string;
  datasetLabel: string;
  timeframe: string;
  /** Date range of the bars used (UTC ms, bar times). */
  from: number;
  to: number;
  bars: number;
  strategy: RunStrategy;
  params: Params;
  /** the unit of the stopLoss/takeProfit parameters (absent: fractions of price, older runs) */
  bracketUnit?: BracketUnit;
  account: AccountForm;
  settings: BacktestSettings;
  stats: Stats;
  trades: TradeRecord[];
  /** Float64Array buffers, one value per bar (thinned to 20,000 evenly spread bars for longer runs). */
  time: ArrayBuffer;
  equity: ArrayBuffer;
  drawdown: ArrayBuffer;
}

/** A user strategy's source. */
export interface UserStrategyRecord {
  id: string;
  name: string;
  code: string;
  /** The parameters the code declares, found when it was saved ([] if it did not compile). */
  params?: ParamSpec[];
  createdAt: number;
  updatedAt: number;
}
