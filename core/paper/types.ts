/**
 * Shapes of the paper broker's public API: quotes in, order requests, the account, position
 * and order views out, and the events the app turns into notifications. Field names follow
 * core/protocol (side, units, type, price, stopLoss, takeProfit) so a broker connector maps
 * onto them one to one.
 */

export type Side = "buy" | "sell";
export type PaperOrderType = "market" | "limit" | "stop";

/** One two-sided price. bid <= ask; time in UTC ms. */
export interface PaperQuote {
  symbol: string;
  bid: number;
  ask: number;
  time: number;
}

/** A paper account's fixed terms. Amounts in the account currency. */
export interface PaperAccountConfig {
  id: string;
  name: string;
  /** ISO code of the account currency, e.g. "USD". */
  currency: string;
  /** Starting balance (and the balance after a reset). */
  balance: number;
  /** N of 1:N. */
  leverage: number;
  /** Keep opposite positions side by side instead of netting them (default false). */
  hedging?: boolean;
  /** Commission per lot (100,000 units) per fill, in account currency (default 0). */
  commissionPerLot?: number;
  /** Margin level (equity / margin, %) under which a margin call is raised (default 100). */
  marginCallPct?: number;
  /** Margin level (%) under which positions are closed, worst first (default 50). */
  stopOutPct?: number;
  /** Swap per lot per night in points, long and short (default 0). */
  swapLong?: number;
  swapShort?: number;
  /**
   * Fixed quote-to-account rates by pair, e.g. { GBPUSD: 1.25 } for EURGBP in a USD account;
   * used when no quote of the converting pair has been seen.
   */
  conversionRates?: Record<string, number>;
}

export interface PaperOrderRequest {
  symbol: string;
  side: Side;
  /** Whole units, >= 1. */
  units: number;
  type: PaperOrderType;
  /** Limit or stop price; not for market orders. */
  price?: number;
  stopLoss?: number;
  takeProfit?: number;
  /** Trailing-stop distance in price units. */
  trailingStop?: number;
}

/** Changes to a working order; null removes SL or TP. */
export interface OrderChange {
  price?: number;
  stopLoss?: number | null;
  takeProfit?: number | null;
}

/** Changes to an open position's protection; null removes it. */
export interface PositionChange {
  stopLoss?: number | null;
  takeProfit?: number | null;
}

export interface AccountView {
  id: string;
  name: string;
  currency: string;
  leverage: number;
  /** Realised cash. */
  balance: number;
  equity: number;
  unrealizedPl: number;
  marginUsed: number;
  freeMargin: number;
  /** equity / margin used in %, null without open positions. */
  marginLevel: number | null;
}

export interface PositionView {
  id: string;
  symbol: string;
  side: Side;
  units: number;
  openPrice: number;
  openTime: number;
  stopLoss?: number;
  takeProfit?: number;
  /** Price the position would close at now (bid for buys, ask for sells). */
  currentPrice: number;
  /** Open P/L in account currency (commission and swap included). */
  unrealizedPl: number;
  /** Open P/L in pips. */
  pips: number;
}

export interface WorkingOrderView {
  id: string;
  symbol: string;
  side: Side;
  units: number;
  type: PaperOrderType;
  price?: number;
  stopLoss?: number;
  takeProfit?: number;
  time: number;
}

/** Why a position (or part of it) closed. */
export type CloseReason = "close" | "reverse" | "sl" | "tp" | "stop-out";

/** A closed trade in account currency; note and tags are the trader's journal. */
export interface ClosedTrade {
  /** Unique in the account: position id, with "#n" for the n-th partial close. */
  id: string;
  positionId: string;
  symbol: string;
  side: Side;
  units: number;
  entryTime: number;
  exitTime: number;
  entryPrice: number;
  exitPrice: number;
  /** Net of commission and swap, account currency. */
  pnl: number;
  commission: number;
  swap: number;
  reason: CloseReason;
  note: string;
  tags: string[];
}

export type PaperEvent =
  | {
      type: "fill";
      orderId: string;
      positionId: string;
      symbol: string;
      side: Side;
      units: number;
      price: number;
      time: number;
    }
  | { type: "close"; trade: ClosedTrade }
  | { type: "cancel"; orderId: string; symbol: string; reason: string; time: number }
  | { type: "margin-call"; marginLevel: number; time: number };

export interface EquityPoint {
  time: number;
  equity: number;
  balance: number;
}
