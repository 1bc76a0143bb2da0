/**
 * v20 JSON -> the broker port's shapes: trades as positions, pending orders as working
 * orders, ORDER_FILL transactions as fills (ids "oanda-fill-<transaction id>", the same for a
 * command's own fill and for the transaction poller, so one fill is never reported twice),
 * and the answer to an order request as a result.
 */
import type { Fill } from "../../../../core/protocol/index.ts";
import type { OrderResult, Position, Side, WorkingOrder } from "../port.ts";
import { toSymbol, v20Time } from "./v20-client.ts";

export type Json = Record<string, unknown>;

/** v20 ORDER_FILL reasons -> the protocol's fill reasons. */
const FILL_REASONS: Record<string, Fill["reason"]> = {
  STOP_LOSS_ORDER: "stop_loss",
  TRAILING_STOP_LOSS_ORDER: "stop_loss",
  GUARANTEED_STOP_LOSS_ORDER: "stop_loss",
  TAKE_PROFIT_ORDER: "take_profit",
  MARKET_ORDER_MARGIN_CLOSEOUT: "stop_out",
  MARKET_ORDER_POSITION_CLOSEOUT: "close",
  MARKET_ORDER_TRADE_CLOSE: "close",
};

/** Price with the instrument's precision (3 decimals for JPY quotes, 5 otherwise). */
export function formatPrice(symbol: string, price: number): string {
  return price.toFixed(symbol.endsWith("JPY") ? 3 : 5);
}

/** v20 signs units: positive buys, negative sells. */
export function sideOf(units: number): Side {
  return units >= 0 ? "buy" : "sell";
}

/** The fill id shared by command results and the transaction poller. */
export function fillIdOf(transactionId: unknown): string {
  return `oanda-fill-${String(transactionId)}`;
}

/** An open trade (GET openTrades) as a position. */
export function tradeToPosition(t: Json): Position {
  const units = Number(t.currentUnits);
  const sl = t.stopLossOrder as Json | undefined;
  const tp = t.takeProfitOrder as Json | undefined;
  return {
    id: String(t.id),
    symbol: toSymbol(String(t.instrument)),
    side: sideOf(units),
    units: Math.abs(units),
    openPrice: Number(t.price),
    openTime: v20Time(t.openTime),
    stopLoss: sl ? Number(sl.price) : undefined,
    takeProfit: tp ? Number(tp.price) : undefined,
    unrealizedPl: Number(t.unrealizedPL ?? 0),
  };
}

/** A pending LIMIT or STOP order as a working order (its client id is our key). */
export function orderToWorking(o: Json): WorkingOrder {
  const units = Number(o.units);
  const ext = o.clientExtensions as Json | undefined;
  const sl = o.stopLossOnFill as Json | undefined;
  const tp = o.takeProfitOnFill as Json | undefined;
  return {
    id: String(o.id),
    key: ext?.id === undefined ? undefined : String(ext.id),
    symbol: toSymbol(String(o.instrument)),
    side: sideOf(units),
    units: Math.abs(units),
    type: o.type === "LIMIT" ? "limit" : "stop",
    price: Number(o.price),
    stopLoss: sl ? Number(sl.price) : undefined,
    takeProfit: tp ? Number(tp.price) : undefined,
    time: v20Time(o.createTime),
  };
}

/** An ORDER_FILL transaction as a fill. */
export function fillTransactionToFill(tx: Json): Fill {
  const units = Number(tx.units);
  return {
    id: fillIdOf(tx.id),
    key: typeof tx.clientOrderID === "string" ? tx.clientOrderID.slice(0, 64) : undefined,
    brokerOrderId: String(tx.orderID),
    symbol: toSymbol(String(tx.instrument)),
    side: sideOf(units),
    units: Math.abs(Math.round(units)),
    price: Number(tx.price),
    reason: FILL_REASONS[String(tx.reason)] ?? "order",
    realizedPl: Number(tx.pl ?? 0),
    time: v20Time(tx.time),
  };
}

/** The 201 answer to POST /orders (or a position close) as a result. */
export function createAnswerToResult(clientId: string, symbol: string, answer: Json): OrderResult {
  const create = answer.orderCreateTransaction as Json;
  const units = Number(create.units ?? 0);
  const base = { clientId, orderId: String(create.id), symbol, side: sideOf(units), units: Math.abs(units) };
  const fill = answer.orderFillTransaction as Json | undefined;
  if (fill) return filledResult(base, fill);
  const cancel = answer.orderCancelTransaction as Json | undefined;
  if (cancel)
    return { ...base, status: "cancelled", reason: String(cancel.reason), time: v20Time(cancel.time) };
  return { ...base, status: "pending", time: v20Time(create.time) };
}

/** A filled result from an ORDER_FILL transaction (the trade it opened, else `tradeId`). */
export function filledResult(
  base: Pick<OrderResult, "clientId" | "orderId" | "symbol" | "side" | "units">,
  fill: Json,
  tradeId?: string,
): OrderResult {
  const opened = fill.tradeOpened as Json | undefined;
  return {
    ...base,
    status: "filled",
    fillPrice: Number(fill.price),
    fillId: fillIdOf(fill.id),
    realizedPl: Number(fill.pl ?? 0),
    tradeId: opened ? String(opened.tradeID) : tradeId,
    time: v20Time(fill.time),
  };
}
