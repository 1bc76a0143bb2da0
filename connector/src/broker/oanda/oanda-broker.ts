/**
 * OANDA v20 behind the broker port. Our idempotency key goes to OANDA as the order's
 * clientExtensions.id (and the trade's). After a timeout the executor calls findOrder(),
 * which reads GET /orders/@{clientId}: OANDA refuses a duplicate client id only while the
 * first order is pending, not after it filled, so a blind resend could double a trade.
 */

import type { Fill } from "../../../../core/protocol/index.ts";
import type { Logger } from "../../log.ts";
import {
  type AccountState,
  type BrokerPort,
  BrokerRejectError,
  type CloseRequest,
  type ModifyRequest,
  type OrderRequest,
  type OrderResult,
  type Position,
  type Quote,
  type Side,
  type WorkingOrder,
} from "../port.ts";
import { PricingStream } from "./pricing-stream.ts";
import { OANDA_HOSTS, toInstrument, toSymbol, V20Client, V20HttpError, v20Time } from "./v20-client.ts";
import {
  createAnswerToResult,
  filledResult,
  fillTransactionToFill,
  formatPrice,
  type Json,
  orderToWorking,
  sideOf,
  tradeToPosition,
} from "./v20-mapping.ts";

export interface OandaBrokerOptions {
  environment: "practice" | "live";
  accountId: string;
  apiToken: string;
  symbols: string[];
  restUrl?: string;
  streamUrl?: string;
  timeoutMs: number;
  log: Logger;
  /** Reopen the pricing stream after this long without a line (default 12 s). */
  staleMs?: number;
  /** How often the transaction history is polled for fills no command answered (default 2 s). */
  pollMs?: number;
}

/** OANDA v20 REST + pricing stream. */
export class OandaBroker implements BrokerPort {
  readonly kind = "oanda" as const;
  readonly live: boolean;
  readonly accountLabel: string;
  readonly authoritativeLookup = false;
  private readonly client: V20Client;
  private readonly stream: PricingStream;
  private readonly listeners = new Set<(quote: Quote) => void>();
  private readonly fillListeners = new Set<(fill: Fill) => void>();
  private lastTransactionId = "";
  private poller: NodeJS.Timeout | undefined;
  private readonly pollMs: number;
  private readonly log: Logger;

  constructor(options: OandaBrokerOptions) {
    this.pollMs = options.pollMs ?? 2000;
    this.log = options.log;
    const hosts = OANDA_HOSTS[options.environment];
    this.live = options.environment === "live";
    this.accountLabel = options.accountId;
    options.log.addSecret(options.apiToken);
    this.client = new V20Client({
      restUrl: options.restUrl ?? hosts.rest,
      accountId: options.accountId,
      apiToken: options.apiToken,
      timeoutMs: options.timeoutMs,
    });
    this.stream = new PricingStream({
      streamUrl: options.streamUrl ?? hosts.stream,
      accountId: options.accountId,
      apiToken: options.apiToken,
      symbols: options.symbols,
      log: options.log,
      staleMs: options.staleMs,
      onQuote: (quote) => {
        for (const listener of this.listeners) listener(quote);
      },
    });
  }

  async start(): Promise<void> {
    // Fails fast on a wrong token or account id; the answer says where the history stands.
    const summary = await this.client.request("GET", `${this.client.accountPath}/summary`);
    this.lastTransactionId = String(summary.lastTransactionID ?? "0");
    this.stream.start();
    this.poller = setInterval(() => void this.pollFills(), this.pollMs);
    await this.stream.ready;
  }

  async stop(): Promise<void> {
    clearInterval(this.poller);
    this.stream.stop();
  }

  onFill(listener: (fill: Fill) => void): () => void {
    this.fillListeners.add(listener);
    return () => this.fillListeners.delete(listener);
  }

  /** Reads transactions since the last one seen and reports every ORDER_FILL (ids shared with command results). */
  async pollFills(): Promise<void> {
    let answer: Json;
    try {
      answer = await this.client.request(
        "GET",
        `${this.client.accountPath}/transactions/sinceid?id=${encodeURIComponent(this.lastTransactionId)}`,
      );
    } catch (error) {
      this.log.warn(`OANDA transactions could not be read: ${(error as Error).message}`);
      return;
    }
    for (const tx of (answer.transactions as Json[] | undefined) ?? []) {
      this.lastTransactionId = String(tx.id);
      if (tx.type !== "ORDER_FILL") continue;
      const fill = fillTransactionToFill(tx);
      for (const listener of this.fillListeners) listener(fill);
    }
    if (answer.lastTransactionID !== undefined) this.lastTransactionId = String(answer.lastTransactionID);
  }

  onQuote(listener: (quote: Quote) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async placeOrder(request: OrderRequest): Promise<OrderResult> {
    const signed = request.side === "buy" ? request.units : -request.units;
    const order: Json = {
      type: request.type === "market" ? "MARKET" : request.type === "limit" ? "LIMIT" : "STOP",
      instrument: toInstrument(request.symbol),
      units: String(signed),
      timeInForce: request.type === "market" ? "FOK" : "GTC",
      positionFill: "DEFAULT",
      clientExtensions: { id: request.clientId, tag: "forex-ai" },
      tradeClientExtensions: { id: request.clientId, tag: "forex-ai" },
    };
    if (request.type !== "market") {
      if (request.price === undefined)
        throw new BrokerRejectError("PRICE_MISSING", "limit and stop orders need a price");
      order.price = formatPrice(request.symbol, request.price);
    }
    if (request.stopLoss !== undefined)
      order.stopLossOnFill = { price: formatPrice(request.symbol, request.stopLoss) };
    if (request.takeProfit !== undefined)
      order.takeProfitOnFill = { price: formatPrice(request.symbol, request.takeProfit) };
    try {
      const answer = await this.client.request("POST", `${this.client.accountPath}/orders`, { order });
      return createAnswerToResult(request.clientId, request.symbol, answer);
    } catch (error) {
      return this.rejected(error, request.clientId, request.symbol, request.side, request.units);
    }
  }

  async findOrder(clientId: string): Promise<OrderResult | undefined> {
    let answer: Json;
    try {
      answer = await this.client.request(
        "GET",
        `${this.client.accountPath}/orders/@${encodeURIComponent(clientId)}`,
      );
    } catch (error) {
      if (error instanceof V20HttpError && error.status === 404) return undefined;
      throw error;
    }
    const order = answer.order as Json;
    const units = Number(order.units ?? 0);
    const symbol = toSymbol(String(order.instrument ?? ""));
    const base = {
      clientId,
      orderId: String(order.id),
      symbol,
      side: sideOf(units),
      units: Math.abs(units),
    };
    switch (order.state) {
      case "FILLED": {
        const fill = await this.client.request(
          "GET",
          `${this.client.accountPath}/transactions/${encodeURIComponent(String(order.fillingTransactionID))}`,
        );
        return filledResult(base, fill.transaction as Json, order.tradeOpenedID as string | undefined);
      }
      case "CANCELLED":
        return {
          ...base,
          status: "cancelled",
          reason: "cancelled at the broker",
          time: v20Time(order.cancelledTime),
        };
      default:
        return { ...base, status: "pending", time: v20Time(order.createTime) };
    }
  }

  async cancelOrder(clientId: string, orderId: string): Promise<OrderResult> {
    const spec = orderId ? encodeURIComponent(orderId) : `@${encodeURIComponent(clientId)}`;
    try {
      const answer = await this.client.request("PUT", `${this.client.accountPath}/orders/${spec}/cancel`);
      const tx = answer.orderCancelTransaction as Json;
      const found = await this.findOrder(String(tx.clientOrderID ?? clientId)).catch(() => undefined);
      return {
        clientId,
        orderId: String(tx.orderID),
        status: "cancelled",
        symbol: found?.symbol ?? "",
        side: found?.side ?? "buy",
        units: found?.units ?? 0,
        time: v20Time(tx.time),
      };
    } catch (error) {
      return this.rejected(error, clientId, "", "buy", 0);
    }
  }

  async closePosition(request: CloseRequest): Promise<OrderResult> {
    const positions = await this.positions();
    const position = positions.find((p) => p.symbol === request.symbol);
    if (!position)
      throw new BrokerRejectError("NO_POSITION", `There is no open ${request.symbol} position to close`);
    const long = position.units > 0;
    const units =
      request.units === undefined ? "ALL" : String(Math.min(request.units, Math.abs(position.units)));
    const body = long
      ? { longUnits: units, longClientExtensions: { id: request.clientId, tag: "forex-ai" } }
      : { shortUnits: units, shortClientExtensions: { id: request.clientId, tag: "forex-ai" } };
    const path = `${this.client.accountPath}/positions/${toInstrument(request.symbol)}/close`;
    try {
      const answer = await this.client.request("PUT", path, body);
      const prefix = long ? "long" : "short";
      const fill = answer[`${prefix}OrderFillTransaction`] as Json | undefined;
      const create = answer[`${prefix}OrderCreateTransaction`] as Json;
      if (!fill)
        return createAnswerToResult(request.clientId, request.symbol, { orderCreateTransaction: create });
      const filled = Number(fill.units);
      const base = {
        clientId: request.clientId,
        orderId: String(fill.orderID),
        symbol: request.symbol,
        side: sideOf(filled),
        units: Math.abs(filled),
      };
      return filledResult(base, fill);
    } catch (error) {
      return this.rejected(
        error,
        request.clientId,
        request.symbol,
        long ? "sell" : "buy",
        Math.abs(position.units),
      );
    }
  }

  /**
   * Changes an open trade's stop loss / take profit (targetId = OANDA trade id), or a working
   * order's price, stop loss or take profit (targetId = OANDA order id). v20 cannot edit an
   * order in place: it is replaced (PUT /orders/{id}), which cancels it and creates a new
   * order with a new id in one step.
   */
  async modifyPosition(request: ModifyRequest): Promise<OrderResult> {
    const path = `${this.client.accountPath}/trades/${encodeURIComponent(request.targetId)}`;
    let trade: Json | undefined;
    if (request.price === undefined) {
      try {
        trade = (await this.client.request("GET", path)).trade as Json;
      } catch (error) {
        if (!(error instanceof V20HttpError && error.status === 404)) throw error;
      }
    }
    if (!trade) return this.replaceOrder(request);
    const symbol = toSymbol(String(trade.instrument));
    const body: Json = {};
    if (request.stopLoss !== undefined)
      body.stopLoss = request.stopLoss === null ? null : { price: formatPrice(symbol, request.stopLoss) };
    if (request.takeProfit !== undefined)
      body.takeProfit =
        request.takeProfit === null ? null : { price: formatPrice(symbol, request.takeProfit) };
    try {
      await this.client.request("PUT", `${path}/orders`, body);
    } catch (error) {
      return this.rejected(error, request.clientId, symbol, "buy", 0);
    }
    const units = Number(trade.currentUnits);
    return {
      clientId: request.clientId,
      orderId: request.targetId,
      status: "accepted",
      symbol,
      side: sideOf(units),
      units: Math.abs(units),
      time: Date.now(),
    };
  }

  /**
   * Replaces a working LIMIT/STOP order with the same one at the new price and SL/TP. The
   * replacement carries the modify command's key as its client id, so a lookup after a
   * timeout finds it (and never replaces twice).
   */
  private async replaceOrder(request: ModifyRequest): Promise<OrderResult> {
    const path = `${this.client.accountPath}/orders/${encodeURIComponent(request.targetId)}`;
    let order: Json;
    try {
      order = (await this.client.request("GET", path)).order as Json;
    } catch (error) {
      if (error instanceof V20HttpError && error.status === 404)
        throw new BrokerRejectError(
          "NO_SUCH_TARGET",
          `There is no open trade or working order ${request.targetId} to modify`,
        );
      throw error;
    }
    if (order.state !== "PENDING" || (order.type !== "LIMIT" && order.type !== "STOP"))
      throw new BrokerRejectError(
        "NOT_WORKING",
        `Order ${request.targetId} is no longer a working limit or stop order (${String(order.state)}); nothing was changed`,
      );
    const symbol = toSymbol(String(order.instrument));
    const units = Number(order.units);
    const replacement: Json = {
      type: order.type,
      instrument: order.instrument,
      units: String(order.units),
      price: request.price === undefined ? String(order.price) : formatPrice(symbol, request.price),
      timeInForce: order.timeInForce ?? "GTC",
      positionFill: order.positionFill ?? "DEFAULT",
      clientExtensions: { id: request.clientId, tag: "forex-ai" },
      // the trade it opens keeps the original order's key (the place command's)
      tradeClientExtensions: order.tradeClientExtensions ?? { id: request.clientId, tag: "forex-ai" },
    };
    // whatever this modify does not change is carried over as it was
    for (const field of ["gtdTime", "triggerCondition", "trailingStopLossOnFill", "guaranteedStopLossOnFill"])
      if (order[field] !== undefined) replacement[field] = order[field];
    const onFill = (change: number | null | undefined, current: unknown) =>
      change === undefined ? current : change === null ? undefined : { price: formatPrice(symbol, change) };
    const sl = onFill(request.stopLoss, order.stopLossOnFill);
    const tp = onFill(request.takeProfit, order.takeProfitOnFill);
    if (sl !== undefined) replacement.stopLossOnFill = sl;
    if (tp !== undefined) replacement.takeProfitOnFill = tp;
    let answer: Json;
    try {
      answer = await this.client.request("PUT", path, { order: replacement });
    } catch (error) {
      return this.rejected(error, request.clientId, symbol, sideOf(units), Math.abs(units));
    }
    const result = createAnswerToResult(request.clientId, symbol, {
      orderCreateTransaction: answer.orderCreateTransaction,
      orderFillTransaction: answer.orderFillTransaction,
      // orderCancelTransaction is the replaced order's; the new one's would be this
      orderCancelTransaction: answer.replacingOrderCancelTransaction,
    });
    return result.status === "pending" ? { ...result, status: "accepted" } : result;
  }

  async account(): Promise<AccountState> {
    const answer = await this.client.request("GET", `${this.client.accountPath}/summary`);
    const a = answer.account as Json;
    return {
      currency: String(a.currency),
      balance: Number(a.balance),
      equity: Number(a.NAV),
      unrealizedPl: Number(a.unrealizedPL),
      marginUsed: Number(a.marginUsed),
    };
  }

  /** Open trades as positions (OANDA keeps one trade per fill that opened units). */
  async positions(): Promise<Position[]> {
    const answer = await this.client.request("GET", `${this.client.accountPath}/openTrades`);
    return (answer.trades as Json[]).map(tradeToPosition);
  }

  /** Working entry orders (LIMIT, STOP); dependent SL/TP orders show on their positions. */
  async workingOrders(): Promise<WorkingOrder[]> {
    const answer = await this.client.request("GET", `${this.client.accountPath}/pendingOrders`);
    return (answer.orders as Json[])
      .filter((o) => o.type === "LIMIT" || o.type === "STOP")
      .map(orderToWorking);
  }

  /** A refused request becomes a rejected result; a duplicate client id is looked up instead. */
  private async rejected(error: unknown, clientId: string, symbol: string, side: Side, units: number) {
    if (!(error instanceof V20HttpError)) throw error;
    if (error.errorCode === "CLIENT_ORDER_ID_ALREADY_EXISTS") {
      const existing = await this.findOrder(clientId);
      if (existing) return existing;
    }
    const result: OrderResult = {
      clientId,
      orderId: "",
      status: "rejected",
      symbol,
      side,
      units,
      reason: `${error.errorCode}: ${error.message}`,
      time: Date.now(),
    };
    return result;
  }
}
