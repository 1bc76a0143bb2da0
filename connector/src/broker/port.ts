/**
 * The one interface every broker adapter implements (paper, OANDA, MT5). Orders carry our
 * idempotency key as clientId; the adapter passes it to the broker (OANDA clientExtensions.id,
 * the MT5 order comment) so findOrder(clientId) can tell after a timeout or a reconnect
 * whether the broker has the order, instead of sending it again.
 */
import type { Fill, Position, Quote, WorkingOrder } from "../../../core/protocol/index.ts";

export type Side = "buy" | "sell";
export type OrderType = "market" | "limit" | "stop";

export interface OrderRequest {
  /** Our idempotency key; the broker stores it with the order. */
  clientId: string;
  symbol: string;
  side: Side;
  units: number;
  type: OrderType;
  /** Required for limit and stop orders. */
  price?: number;
  stopLoss?: number;
  takeProfit?: number;
}

/**
 * filled: executed; pending: working at the broker; rejected/cancelled: not executed;
 * accepted: a change (modify) the broker applied.
 */
export type OrderStatus = "filled" | "pending" | "rejected" | "cancelled" | "accepted";

export interface OrderResult {
  clientId: string;
  /** The broker's order id. */
  orderId: string;
  status: OrderStatus;
  symbol: string;
  side: Side;
  units: number;
  fillPrice?: number;
  /** The broker's trade/position id opened by the fill. */
  tradeId?: string;
  /** The broker's id of the fill, when it has one (fill events with the same id are one fill). */
  fillId?: string;
  /** Profit or loss realised by the fill (closing fills), account currency. */
  realizedPl?: number;
  /** Why the broker refused or cancelled it. */
  reason?: string;
  /** Broker time of the last state change, Unix ms. */
  time: number;
}

/** Quotes, positions and working orders use the relay protocol's shapes (core/protocol/state.ts). */
export type { Position, Quote, WorkingOrder } from "../../../core/protocol/index.ts";

export interface AccountState {
  currency: string;
  balance: number;
  equity: number;
  unrealizedPl: number;
  marginUsed: number;
}

/** A request to close (part of) a position; idempotent by clientId. */
export interface CloseRequest {
  clientId: string;
  symbol: string;
  /** One position (hedging accounts, OANDA trades); every position in the symbol when omitted. */
  positionId?: string;
  /** Units to close; all when omitted. */
  units?: number;
}

/**
 * Changes the protective levels of an open position (or trade), or a working order's price
 * and levels, by its broker id.
 */
export interface ModifyRequest {
  clientId: string;
  targetId: string;
  /** New price of a working limit/stop order (not for positions). */
  price?: number;
  stopLoss?: number | null;
  takeProfit?: number | null;
}

/** What the connector needs from a broker. */
export interface BrokerPort {
  readonly kind: "paper" | "oanda" | "mt5";
  /** True for real-money accounts. */
  readonly live: boolean;
  /** Account label shown in the app (never a secret). */
  readonly accountLabel: string;
  /**
   * True when findOrder() is the whole truth (the connector's own paper broker): an order it
   * has never seen was never placed. False for remote brokers, where a request may be in flight.
   */
  readonly authoritativeLookup: boolean;
  /** Connects (opens streams, waits for the EA...); resolves when quotes can flow. */
  start(): Promise<void>;
  stop(): Promise<void>;
  placeOrder(request: OrderRequest): Promise<OrderResult>;
  /** Looks an order up by our client id; undefined when the broker never received it. */
  findOrder(clientId: string): Promise<OrderResult | undefined>;
  cancelOrder(clientId: string, orderId: string): Promise<OrderResult>;
  closePosition(request: CloseRequest): Promise<OrderResult>;
  modifyPosition(request: ModifyRequest): Promise<OrderResult>;
  account(): Promise<AccountState>;
  positions(): Promise<Position[]>;
  workingOrders(): Promise<WorkingOrder[]>;
  /** Fills no command answered (stop loss, take profit, stop-out, a resting order reached), if the broker reports them. */
  onFill?(listener: (fill: Fill) => void): () => void;
  /** Calls onQuote for every quote; returns the unsubscribe function. */
  onQuote(listener: (quote: Quote) => void): () => void;
}

/** A broker did not answer in time: the outcome is unknown and must be reconciled. */
export class BrokerTimeoutError extends Error {
  override name = "BrokerTimeoutError";
}

/** The broker refused a request outright (bad symbol, market closed, ...). */
export class BrokerRejectError extends Error {
  override name = "BrokerRejectError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
