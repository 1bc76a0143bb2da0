/**
 * The paper broker behind the broker port: core/paper's PaperBroker (the backtest matching
 * engine driven by bid/ask quotes) fed by a random-walk or replay quote source. Its state and
 * the results by idempotency key are saved together, atomically, in paper-account.json in the
 * config directory after every change, so a restarted connector continues the same account
 * and findOrder() knows every order the account has seen: its lookup is authoritative.
 */
import { DomainError } from "../../../../core/errors.ts";
import { PaperBroker } from "../../../../core/paper/index.ts";
import type { PaperEvent } from "../../../../core/paper/types.ts";
import type { Fill } from "../../../../core/protocol/index.ts";
import type { Logger } from "../../log.ts";
import { JOURNAL_KEEP_MS } from "../../order-journal.ts";
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
  type WorkingOrder,
} from "../port.ts";
import { PaperStore } from "./paper-store.ts";
import type { QuoteSource } from "./quote-source.ts";

export interface PaperAdapterOptions {
  dir: string;
  source: QuoteSource;
  /** Quotes to seed the account with before the first tick (so orders can fill at once). */
  initialQuotes: Quote[];
  balance: number;
  currency: string;
  leverage: number;
  log: Logger;
  now?: () => number;
}

/** The connector's built-in paper account. */
export class PaperAdapter implements BrokerPort {
  readonly kind = "paper" as const;
  readonly live = false;
  readonly accountLabel = "paper";
  readonly authoritativeLookup = true;
  private paper!: PaperBroker;
  private results: Record<string, OrderResult> = {};
  private readonly listeners = new Set<(quote: Quote) => void>();
  private readonly fillListeners = new Set<(fill: Fill) => void>();
  private readonly store: PaperStore;
  private dirty = false;
  private readonly now: () => number;

  constructor(private readonly options: PaperAdapterOptions) {
    this.now = options.now ?? Date.now;
    this.store = new PaperStore(options.dir);
  }

  /** Loads the saved account (or opens a new one) and starts the quote source. */
  async start(): Promise<void> {
    const saved = await this.store.load();
    if (saved) {
      this.paper = PaperBroker.restore(saved.state);
      // Results older than the journal keeps are dropped: no command lives that long (expiry <= 5 min).
      const cutoff = this.now() - JOURNAL_KEEP_MS;
      this.results = Object.fromEntries(Object.entries(saved.results).filter(([, r]) => r.time >= cutoff));
    } else {
      this.paper = new PaperBroker({
        id: "connector-paper",
        name: "Connector paper account",
        currency: this.options.currency,
        balance: this.options.balance,
        leverage: this.options.leverage,
      });
    }
    for (const q of this.options.initialQuotes) this.applyQuote(q);
    this.options.source.start((q) => this.applyQuote(q));
  }

  async stop(): Promise<void> {
    this.options.source.stop();
    // Saved even without a trade since the last save: the book keeps the last quote's time,
    // which a sped-up market clock (broker.speed) continues from after a restart.
    this.dirty = true;
    await this.persist();
  }

  onQuote(listener: (quote: Quote) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fills that no command asked for (SL, TP, stop-out, a resting order reached). */
  onFill(listener: (fill: Fill) => void): () => void {
    this.fillListeners.add(listener);
    return () => this.fillListeners.delete(listener);
  }

  async placeOrder(request: OrderRequest): Promise<OrderResult> {
    let placed: { orderId: string; events: readonly PaperEvent[] };
    try {
      placed = this.paper.place({
        symbol: request.symbol,
        side: request.side,
        units: request.units,
        type: request.type,
        price: request.type === "market" ? undefined : request.price,
        stopLoss: request.stopLoss,
        takeProfit: request.takeProfit,
      });
    } catch (error) {
      throw asReject(error);
    }
    const fill = placed.events.find((e) => e.type === "fill" && e.orderId === placed.orderId);
    const cancel = placed.events.find((e) => e.type === "cancel" && e.orderId === placed.orderId);
    const base = {
      clientId: request.clientId,
      orderId: placed.orderId,
      symbol: request.symbol,
      side: request.side,
      units: request.units,
      time: this.now(),
    };
    let result: OrderResult;
    if (fill?.type === "fill") {
      result = {
        ...base,
        status: "filled",
        fillPrice: fill.price,
        tradeId: fill.positionId,
        realizedPl: closedPl(placed.events),
      };
    } else if (cancel?.type === "cancel") {
      result = { ...base, status: "cancelled", reason: cancel.reason };
    } else {
      result = { ...base, status: "pending" };
    }
    this.emitUnrelated(placed.events, placed.orderId);
    return this.record(result);
  }

  async findOrder(clientId: string): Promise<OrderResult | undefined> {
    return this.results[clientId];
  }

  async cancelOrder(clientId: string, orderId: string): Promise<OrderResult> {
    const order = this.paper.orders().find((o) => o.id === orderId);
    if (!order)
      throw new BrokerRejectError(
        "unknown-order",
        `There is no working order ${orderId}; it may have filled or been cancelled.`,
      );
    try {
      this.paper.cancelOrder(orderId);
    } catch (error) {
      throw asReject(error);
    }
    return this.record({
      clientId,
      orderId,
      status: "cancelled",
      symbol: order.symbol,
      side: order.side,
      units: order.units,
      reason: "cancelled by the trader",
      time: this.now(),
    });
  }

  async closePosition(request: CloseRequest): Promise<OrderResult> {
    const targets = this.paper
      .positions()
      .filter((p) => p.symbol === request.symbol && (!request.positionId || p.id === request.positionId));
    if (targets.length === 0) {
      throw new BrokerRejectError("no-position", `There is no open ${request.symbol} position to close.`);
    }
    let left = request.units ?? Number.POSITIVE_INFINITY;
    const events: PaperEvent[] = [];
    for (const p of targets) {
      if (left <= 0) break;
      const units = Math.min(left, p.units);
      try {
        events.push(...this.paper.closePosition(p.id, units === p.units ? undefined : units));
      } catch (error) {
        throw asReject(error);
      }
      left -= units;
    }
    const closes = events.filter((e): e is Extract<PaperEvent, { type: "close" }> => e.type === "close");
    const units = closes.reduce((s, e) => s + e.trade.units, 0);
    const price = closes.length ? closes[closes.length - 1].trade.exitPrice : undefined;
    return this.record({
      clientId: request.clientId,
      orderId: closes.map((e) => e.trade.id).join(",") || request.clientId,
      status: "filled",
      symbol: request.symbol,
      side: targets[0].side === "buy" ? "sell" : "buy",
      units,
      fillPrice: price,
      realizedPl: closedPl(events),
      time: this.now(),
    });
  }

  async modifyPosition(request: ModifyRequest): Promise<OrderResult> {
    const position = this.paper.positions().find((p) => p.id === request.targetId);
    const order = this.paper.orders().find((o) => o.id === request.targetId);
    const target = position ?? order;
    if (!target)
      throw new BrokerRejectError(
        "unknown-target",
        `There is no open position or working order ${request.targetId}.`,
      );
    if (position && request.price !== undefined) {
      throw new BrokerRejectError(
        "price-on-position",
        "An open position has no price to change; move its stop loss or take profit.",
      );
    }
    try {
      const change = { stopLoss: request.stopLoss, takeProfit: request.takeProfit };
      if (position) this.paper.modifyPosition(request.targetId, change);
      else this.paper.modifyOrder(request.targetId, { ...change, price: request.price });
    } catch (error) {
      throw asReject(error);
    }
    return this.record({
      clientId: request.clientId,
      orderId: request.targetId,
      status: "accepted",
      symbol: target.symbol,
      side: target.side,
      units: target.units,
      time: this.now(),
    });
  }

  async account(): Promise<AccountState> {
    const a = this.paper.account();
    return {
      currency: a.currency,
      balance: a.balance,
      equity: a.equity,
      unrealizedPl: a.unrealizedPl,
      marginUsed: a.marginUsed,
    };
  }

  async positions(): Promise<Position[]> {
    return this.paper.positions().map((p) => ({
      id: p.id,
      symbol: p.symbol,
      side: p.side,
      units: p.units,
      openPrice: p.openPrice,
      openTime: p.openTime,
      stopLoss: p.stopLoss,
      takeProfit: p.takeProfit,
      unrealizedPl: p.unrealizedPl,
    }));
  }

  async workingOrders(): Promise<WorkingOrder[]> {
    return this.paper.orders().map((o) => ({ ...o, key: this.placedPending(o.id)?.clientId }));
  }

  /** Number of fills the account has made (for the relay benchmark's exactly-once check). */
  fillCount(): number {
    return Object.values(this.results).filter((r) => r.status === "filled" && r.tradeId !== undefined).length;
  }

  /** The result of the place command whose order is still working (not a modify or cancel of it). */
  private placedPending(orderId: string): OrderResult | undefined {
    return Object.values(this.results).find((r) => r.orderId === orderId && r.status === "pending");
  }

  private applyQuote(q: Quote): void {
    let events: readonly PaperEvent[];
    try {
      events = this.paper.onQuote(q);
    } catch (error) {
      this.options.log.warn(`Paper quote skipped: ${(error as Error).message}`);
      return;
    }
    if (events.length) {
      this.emitUnrelated(events, undefined);
      this.dirty = true;
      void this.persist();
    }
    for (const listener of this.listeners) listener(q);
  }

  /** Publishes fills not answered by the command itself; updates results of resting orders that filled. */
  private emitUnrelated(events: readonly PaperEvent[], commandOrderId: string | undefined): void {
    for (const e of events) {
      if (e.type === "fill" && e.orderId !== commandOrderId) {
        const entry = this.placedPending(e.orderId);
        if (entry) {
          this.results[entry.clientId] = {
            ...entry,
            status: "filled",
            fillPrice: e.price,
            tradeId: e.positionId,
            time: e.time,
          };
        }
        this.emitFill({
          id: `paper-${e.orderId}`,
          key: entry?.clientId,
          brokerOrderId: e.orderId,
          symbol: e.symbol,
          side: e.side,
          units: e.units,
          price: e.price,
          reason: "order",
          realizedPl: 0,
          time: e.time,
        });
      }
      if (
        e.type === "close" &&
        (e.trade.reason === "sl" || e.trade.reason === "tp" || e.trade.reason === "stop-out")
      ) {
        const t = e.trade;
        this.emitFill({
          id: `paper-close-${t.id}`,
          symbol: t.symbol,
          side: t.side === "buy" ? "sell" : "buy",
          units: t.units,
          price: t.exitPrice,
          reason: t.reason === "sl" ? "stop_loss" : t.reason === "tp" ? "take_profit" : "stop_out",
          realizedPl: t.pnl,
          time: t.exitTime,
        });
      }
    }
  }

  private emitFill(fill: Fill): void {
    for (const listener of this.fillListeners) listener(fill);
  }

  private async record(result: OrderResult): Promise<OrderResult> {
    this.results[result.clientId] = result;
    this.dirty = true;
    await this.persist();
    return result;
  }

  /** Saves account + results (the store writes atomically and in order). */
  private persist(): Promise<void> {
    return this.store.save(() => {
      if (!this.dirty) return undefined;
      this.dirty = false;
      return { state: this.paper.save(), results: this.results };
    });
  }
}

function closedPl(events: readonly PaperEvent[]): number {
  return events.reduce((s, e) => (e.type === "close" ? s + e.trade.pnl : s), 0);
}

function asReject(error: unknown): Error {
  if (error instanceof DomainError) return new BrokerRejectError(error.code, error.message);
  return error as Error;
}
