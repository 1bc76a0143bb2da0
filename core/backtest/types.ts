/**
 * Shared shapes of the backtest engine: columnar bars, account settings, order options and
 * the closed-trade record that the metrics, the CLI and the app all read.
 */

import type { Bars as MarketBars } from "../market/candles.ts";

/**
 * The engine's input: core/market's columnar bars (UTC ms times, equal-length arrays);
 * the engine reads the arrays' own length, so `length` is not required.
 */
export type Bars = Omit<MarketBars, "length">;

/** Account and execution settings. Every field has a default (see DEFAULT_SETTINGS). */
export interface BacktestSettings {
  /** Starting cash in account currency. */
  cash: number;
  /** Relative commission per fill, fraction of traded value (0.0002 = 2 bp). */
  commission: number;
  /** Fixed commission per fill, in account currency. */
  commissionFixed: number;
  /** Commission per lot per fill, in account currency. */
  commissionPerLot: number;
  /** Relative spread: buys enter at price x (1 + spread), sells at price x (1 - spread). */
  spread: number;
  /** Relative slippage applied against the trader on market and stop fills (not limit fills). */
  slippage: number;
  /** Margin requirement, 0 < margin <= 1; leverage = 1 / margin. */
  margin: number;
  /** Fill market orders at the close of the bar they were placed on. */
  tradeOnClose: boolean;
  /** Keep opposite trades open side by side instead of netting them. */
  hedging: boolean;
  /** Units per lot (100,000 for a standard forex lot). */
  lotSize: number;
  /** Size of one point in price (0.00001 for 5-digit EUR/USD). */
  pointSize: number;
  /** Swap credited per lot per night on long trades, in points (negative = charged). */
  swapLong: number;
  /** Swap credited per lot per night on short trades, in points (negative = charged). */
  swapShort: number;
  /** Weekday (0 = Sunday .. 6 = Saturday) whose rollover counts three nights. */
  tripleSwapDay: number;
  /** Hour (UTC) of the daily rollover at which swap is booked. */
  rolloverHourUtc: number;
  /** Margin level (equity / used margin) under which trades are stopped out; 0 = off. */
  stopOutLevel: number;
  /** Close open trades at the end of the data so they count in the statistics. */
  finalize: boolean;
}

/** How an order is sized and which contingent orders it carries. Prices are absolute. */
export interface OrderOptions {
  /** 0 < |size| < 1: fraction of available margin; >= 1: whole units. Default: full equity. */
  size?: number;
  /** Size in lots (units = lots x lotSize); overrides size. */
  lots?: number;
  /** Limit price: fill only at this price or better. */
  limit?: number;
  /** Stop price: becomes a market (or limit) order once touched. */
  stop?: number;
  /** Stop-loss price of the trade the order opens. */
  sl?: number;
  /** Take-profit price of the trade the order opens. */
  tp?: number;
  /** Trailing-stop distance in price units for the trade the order opens. */
  trailingStop?: number;
  /** Free label copied onto the trade. */
  tag?: string;
}

/** Why a trade was closed. */
export type ExitReason = "close" | "reverse" | "sl" | "tp" | "end" | "ruin" | "stop-out";

/** A closed trade as reported to users (times as epoch ms; the CLI formats them). */
export interface TradeRecord {
  size: number;
  entryBar: number;
  exitBar: number;
  entryPrice: number;
  exitPrice: number;
  pnl: number;
  returnPct: number;
  entryTime: number;
  exitTime: number;
  commission: number;
  swap: number;
  exitReason: ExitReason;
  tag: string;
}
