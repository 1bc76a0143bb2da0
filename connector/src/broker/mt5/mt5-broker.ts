/**
 * MetaTrader 5 behind the broker port, through the Expert Advisor's local socket
 * (ea-server.ts). Units are sent as units; the EA converts them to lots with the symbol's
 * contract size. The idempotency key travels as the order comment, so findOrder() asks the
 * EA to search open orders and the order history by that comment.
 */
import type { Fill } from "../../../../core/protocol/index.ts";
import type { Logger } from "../../log.ts";
import {
  type AccountState,
  type BrokerPort,
  BrokerTimeoutError,
  type CloseRequest,
  type ModifyRequest,
  type OrderRequest,
  type OrderResult,
  type Position,
  type Quote,
  type WorkingOrder,
} from "../port.ts";
import {
  commentFor,
  eaAccountSchema,
  eaOrderSchema,
  eaOrdersSchema,
  eaPositionsSchema,
} from "./ea-protocol.ts";
import { EaServer } from "./ea-server.ts";

export interface Mt5BrokerOptions {
  port: number;
  timeoutMs: number;
  log: Logger;
  key?: string;
  /** EA liveness ping interval (tests shorten it). */
  pingMs?: number;
}

/** The MT5 adapter. */
export class Mt5Broker implements BrokerPort {
  readonly kind = "mt5" as const;
  readonly authoritativeLookup = false;
  /** MT5 cannot tell a demo from a real account over this socket reliably: treated as live. */
  readonly live = true;
  readonly server: EaServer;
  private readonly listeners = new Set<(quote: Quote) => void>();
  private readonly fillListeners = new Set<(fill: Fill) => void>();
  /** The port actually bound (useful when configured as 0 in tests). */
  boundPort = 0;

  constructor(private readonly options: Mt5BrokerOptions) {
    this.server = new EaServer({
      port: options.port,
      timeoutMs: options.timeoutMs,
      log: options.log,
      key: options.key,
      pingMs: options.pingMs,
      onQuote: (quote) => {
        for (const listener of this.listeners) listener(quote);
      },
      onDeal: (deal) => {
        const fill: Fill = {
          id: `mt5-deal-${deal.deal}`,
          brokerOrderId: String(deal.order),
          symbol: deal.symbol,
          side: deal.side,
          units: Math.max(1, Math.round(deal.units)),
          price: deal.price,
          reason: deal.reason === "sl" ? "stop_loss" : deal.reason === "tp" ? "take_profit" : "stop_out",
          realizedPl: deal.profit,
          time: deal.time,
        };
        for (const listener of this.fillListeners) listener(fill);
      },
    });
  }

  /** Listens on 127.0.0.1 and waits for the EA to connect. */
  async start(): Promise<void> {
    this.boundPort = await this.server.listen();
    this.options.log.info(
      `Waiting for the MetaTrader 5 Expert Advisor on 127.0.0.1:${this.boundPort} (allow 127.0.0.1 in Tools > Options > Expert Advisors)`,
    );
    await this.server.waitForEa();
  }

  get accountLabel(): string {
    const hello = this.server.hello;
    return hello ? `${hello.login} on ${hello.server}` : "MetaTrader 5";
  }

  async stop(): Promise<void> {
    await this.server.close();
  }

  /** Stop loss, take profit and stop-out deals the EA reports. */
  onFill(listener: (fill: Fill) => void): () => void {
    this.fillListeners.add(listener);
    return () => this.fillListeners.delete(listener);
  }

  onQuote(listener: (quote: Quote) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async placeOrder(request: OrderRequest): Promise<OrderResult> {
    return this.orderCall(request.clientId, "place", {
      comment: commentFor(request.clientId),
      symbol: request.symbol,
      side: request.side,
      units: request.units,
      orderType: request.type,
      price: request.price ?? 0,
      sl: request.stopLoss ?? 0,
      tp: request.takeProfit ?? 0,
    });
  }

  async findOrder(clientId: string): Promise<OrderResult | undefined> {
    const reply = await this.server.request("find", { comment: commentFor(clientId) });
    if (reply.found === false) return undefined;
    return toResult(clientId, reply);
  }

  async cancelOrder(clientId: string, orderId: string): Promise<OrderResult> {
    return this.orderCall(clientId, "cancel", { ticket: Number(orderId), comment: commentFor(clientId) });
  }

  async closePosition(request: CloseRequest): Promise<OrderResult> {
    return this.orderCall(request.clientId, "close", {
      symbol: request.symbol,
      ticket: request.positionId ? Number(request.positionId) : 0,
      units: request.units ?? 0,
      comment: commentFor(request.clientId),
    });
  }

  /** A position's SL/TP, or a working order's price, SL and TP (the EA's OrderModify). */
  async modifyPosition(request: ModifyRequest): Promise<OrderResult> {
    // -1 keeps the current value, 0 removes a stop loss or take profit (see DoModify in the EA).
    const level = (value: number | null | undefined) => (value === undefined ? -1 : (value ?? 0));
    return this.orderCall(request.clientId, "modify", {
      ticket: Number(request.targetId),
      price: request.price ?? -1,
      sl: level(request.stopLoss),
      tp: level(request.takeProfit),
    });
  }

  async account(): Promise<AccountState> {
    const a = eaAccountSchema.parse(await this.server.request("account"));
    return {
      currency: a.currency,
      balance: a.balance,
      equity: a.equity,
      unrealizedPl: a.profit,
      marginUsed: a.margin,
    };
  }

  async positions(): Promise<Position[]> {
    const reply = eaPositionsSchema.parse(await this.server.request("positions"));
    return reply.positions.map((p) => ({
      id: String(p.ticket),
      symbol: p.symbol,
      side: p.side,
      units: Math.round(p.units),
      openPrice: p.price,
      openTime: p.time,
      stopLoss: p.sl > 0 ? p.sl : undefined,
      takeProfit: p.tp > 0 ? p.tp : undefined,
      unrealizedPl: p.profit,
    }));
  }

  async workingOrders(): Promise<WorkingOrder[]> {
    const reply = eaOrdersSchema.parse(await this.server.request("orders"));
    return reply.orders.map((o) => ({
      id: String(o.ticket),
      symbol: o.symbol,
      side: o.side,
      units: Math.round(o.units),
      type: o.type,
      price: o.price,
      stopLoss: o.sl > 0 ? o.sl : undefined,
      takeProfit: o.tp > 0 ? o.tp : undefined,
      time: o.time,
    }));
  }

  /** A request answered by an order; ok:false becomes a rejected result, timeouts propagate. */
  private async orderCall(
    clientId: string,
    type: string,
    fields: Record<string, unknown>,
  ): Promise<OrderResult> {
    try {
      return toResult(clientId, await this.server.request(type, fields));
    } catch (error) {
      if (error instanceof BrokerTimeoutError) throw error;
      return {
        clientId,
        orderId: "",
        status: "rejected",
        symbol: String(fields.symbol ?? ""),
        side: (fields.side as "buy" | "sell") ?? "buy",
        units: Number(fields.units ?? 0),
        reason: (error as Error).message,
        time: Date.now(),
      };
    }
  }
}

function toResult(clientId: string, reply: Record<string, unknown>): OrderResult {
  const order = eaOrderSchema.parse(reply);
  return {
    clientId,
    orderId: String(order.ticket),
    status: order.state,
    symbol: order.symbol,
    side: order.side,
    units: order.units,
    fillPrice: order.price,
    tradeId: order.position === undefined ? undefined : String(order.position),
    reason:
      order.retcode !== undefined && order.state === "rejected" ? `MT5 retcode ${order.retcode}` : undefined,
    time: order.time,
  };
}
