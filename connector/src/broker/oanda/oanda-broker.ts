/**
 * OANDA v20 behind the broker port. Our idempotency key goes to OANDA as the order's
 * clientExtensions.id (and the trade's). After a timeout the executor calls findOrder(),
 * which reads GET /orders/@{clientId}: OANDA refuses a duplicate client id only while the
 * first order is pending, not after it filled, so a blind resend could double a trade.
 */
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
}

type Json = Record<string, unknown>;

/** Price with the instrument's precision (3 decimals for JPY quotes, 5 otherwise). */
export function formatPrice(symbol: string, price: number): string {
  return price.toFixed(symbol.endsWith("JPY") ? 3 : 5);
}

function sideOf(units: number): Side {
  return units >= 0 ? "buy" : "sell";
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

  constructor(options: OandaBrokerOptions) {
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
    await this.account(); // fails fast on a wrong token or account id
    this.stream.start();
    await this.stream.ready;
  }

  async stop(): Promise<void> {
    this.stream.stop();
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
      return this.fromCreateAnswer(request.clientId, request.symbol, answer);
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
        const tx = fill.transaction as Json;
        const opened = tx.tradeOpened as Json | undefined;
        return {
          ...base,
          status: "filled",
          fillPrice: Number(tx.price),
          realizedPl: Number(tx.pl ?? 0),
          tradeId: opened ? String(opened.tradeID) : (order.tradeOpenedID as string | undefined),
          time: v20Time(tx.time),
        };
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
        return this.fromCreateAnswer(request.clientId, request.symbol, { orderCreateTransaction: create });
      const filled = Number(fill.units);
      return {
        clientId: request.clientId,
        orderId: String(fill.orderID),
        status: "filled",
        symbol: request.symbol,
        side: sideOf(filled),
        units: Math.abs(filled),
        fillPrice: Number(fill.price),
        realizedPl: Number(fill.pl ?? 0),
        time: v20Time(fill.time),
      };
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

  /** Sets or removes the stop loss / take profit of one open trade (targetId = OANDA trade id). */
  async modifyPosition(request: ModifyRequest): Promise<OrderResult> {
    const path = `${this.client.accountPath}/trades/${encodeURIComponent(request.targetId)}`;
    let trade: Json;
    try {
      trade = (await this.client.request("GET", path)).trade as Json;
    } catch (error) {
      if (error instanceof V20HttpError && error.status === 404)
        throw new BrokerRejectError("NO_SUCH_TRADE", `There is no open trade ${request.targetId} to modify`);
      throw error;
    }
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
    return (answer.trades as Json[]).map((t) => {
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
    });
  }

  /** Working entry orders (LIMIT, STOP); dependent SL/TP orders show on their positions. */
  async workingOrders(): Promise<WorkingOrder[]> {
    const answer = await this.client.request("GET", `${this.client.accountPath}/pendingOrders`);
    return (answer.orders as Json[])
      .filter((o) => o.type === "LIMIT" || o.type === "STOP")
      .map((o) => {
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
          type: o.type === "LIMIT" ? ("limit" as const) : ("stop" as const),
          price: Number(o.price),
          stopLoss: sl ? Number(sl.price) : undefined,
          takeProfit: tp ? Number(tp.price) : undefined,
          time: v20Time(o.createTime),
        };
      });
  }

  /** Maps a 201 from POST /orders (or a position close) to a result. */
  private async fromCreateAnswer(clientId: string, symbol: string, answer: Json): Promise<OrderResult> {
    const create = answer.orderCreateTransaction as Json;
    const units = Number(create.units ?? 0);
    const base = {
      clientId,
      orderId: String(create.id),
      symbol,
      side: sideOf(units),
      units: Math.abs(units),
    };
    const fill = answer.orderFillTransaction as Json | undefined;
    if (fill) {
      const opened = fill.tradeOpened as Json | undefined;
      return {
        ...base,
        status: "filled",
        fillPrice: Number(fill.price),
        realizedPl: Number(fill.pl ?? 0),
        tradeId: opened ? String(opened.tradeID) : undefined,
        time: v20Time(fill.time),
      };
    }
    const cancel = answer.orderCancelTransaction as Json | undefined;
    if (cancel)
      return { ...base, status: "cancelled", reason: String(cancel.reason), time: v20Time(cancel.time) };
    return { ...base, status: "pending", time: v20Time(create.time) };
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
