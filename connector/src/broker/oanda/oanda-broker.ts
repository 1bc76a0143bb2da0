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
  private readonly client: V20Client;
  private readonly stream: PricingStream;
  private readonly listeners = new Set<(quote: Quote) => void>();

  constructor(options: OandaBrokerOptions) {
    const hosts = OANDA_HOSTS[options.environment];
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

  async modifyPosition(request: ModifyRequest): Promise<OrderResult> {
    const answer = await this.client.request("GET", `${this.client.accountPath}/openTrades`);
    const trades = (answer.trades as Json[]).filter((t) => toSymbol(String(t.instrument)) === request.symbol);
    if (trades.length === 0)
      throw new BrokerRejectError("NO_POSITION", `There is no open ${request.symbol} position to modify`);
    const body: Json = {};
    if (request.stopLoss !== undefined)
      body.stopLoss =
        request.stopLoss === null ? null : { price: formatPrice(request.symbol, request.stopLoss) };
    if (request.takeProfit !== undefined)
      body.takeProfit =
        request.takeProfit === null ? null : { price: formatPrice(request.symbol, request.takeProfit) };
    let units = 0;
    for (const trade of trades) {
      await this.client.request("PUT", `${this.client.accountPath}/trades/${String(trade.id)}/orders`, body);
      units += Number(trade.currentUnits);
    }
    return {
      clientId: request.clientId,
      orderId: trades.map((t) => String(t.id)).join(","),
      status: "accepted",
      symbol: request.symbol,
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
      unrealizedPL: Number(a.unrealizedPL),
      marginUsed: Number(a.marginUsed),
      marginAvailable: Number(a.marginAvailable),
    };
  }

  async positions(): Promise<Position[]> {
    const answer = await this.client.request("GET", `${this.client.accountPath}/openPositions`);
    const out: Position[] = [];
    for (const p of answer.positions as Json[]) {
      const long = p.long as Json;
      const short = p.short as Json;
      const units = Number(long.units ?? 0) + Number(short.units ?? 0);
      if (units === 0) continue;
      const side = units > 0 ? long : short;
      out.push({
        symbol: toSymbol(String(p.instrument)),
        units,
        averagePrice: Number(side.averagePrice),
        unrealizedPL: Number(p.unrealizedPL ?? 0),
      });
    }
    return out;
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
