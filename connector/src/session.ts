/**
 * One running connector: the broker, the relay client, the executor and the order journal
 * wired together. Commands from the relay are mapped to the broker port and answered with an
 * ack carrying the broker's result (replayed from the journal for a key seen before). State
 * (quotes, account, positions, working orders, fills) goes to the relay as it changes; after
 * every (re)connection the relay's welcome lists unacknowledged keys, which are answered from
 * the journal or reconciled at the broker, never executed again.
 */
import {
  type CommandBody,
  type CommandResult,
  type MessageOf,
  PROTOCOL_VERSION,
  type Quote,
} from "../../core/protocol/index.ts";
import type { BrokerPort, OrderResult } from "./broker/port.ts";
import { type Execution, Executor, shortKey, type TradeCommand } from "./executor.ts";
import type { Logger } from "./log.ts";
import type { OrderJournal } from "./order-journal.ts";
import { RelayClient } from "./relay-client.ts";
import { CONNECTOR_VERSION } from "./version.ts";

/** Quotes are sent in batches at most this often. */
export const QUOTE_FLUSH_MS = 25;
/** Account, positions and orders are refreshed at least this often. */
export const STATE_REFRESH_MS = 2000;
/** An unknown outcome is looked up again after this long. */
export const RECONCILE_RETRY_MS = 5000;

export interface SessionOptions {
  server: string;
  token: string;
  broker: BrokerPort;
  journal: OrderJournal;
  log: Logger;
  /** Called once after the first welcome (the ready line). */
  onReady?(): void;
  onRevoked?(reason: string): void;
  heartbeatMs?: number;
}

/** Maps a protocol command to the executor's. */
export function toTradeCommand(message: MessageOf<"command">): TradeCommand {
  const { key, expiresAt } = message;
  const c: CommandBody = message.command;
  switch (c.action) {
    case "place":
      return { kind: "place", key, expiresAt, order: c.order };
    case "cancel":
      return { kind: "cancel", key, expiresAt, orderId: c.targetId };
    case "close":
      return { kind: "close", key, expiresAt, symbol: c.symbol, positionId: c.positionId, units: c.units };
    case "modify":
      return {
        kind: "modify",
        key,
        expiresAt,
        targetId: c.targetId,
        price: c.price,
        stopLoss: c.stopLoss,
        takeProfit: c.takeProfit,
      };
  }
}

/** Maps the broker's result to the protocol's. */
export function toCommandResult(kind: TradeCommand["kind"] | undefined, r: OrderResult): CommandResult {
  const time = Math.max(0, Math.round(r.time));
  const brokerOrderId = r.orderId ? r.orderId.slice(0, 100) : undefined;
  if (r.status === "rejected" || (r.status === "cancelled" && kind !== "cancel")) {
    return {
      status: "rejected",
      brokerOrderId,
      message: (r.reason ?? "refused by the broker").slice(0, 500),
      time,
    };
  }
  if (r.status === "cancelled") return { status: "cancelled", brokerOrderId, time };
  if (r.status === "pending") return { status: "accepted", brokerOrderId, time };
  if (r.status === "accepted") return { status: "modified", brokerOrderId, time };
  return {
    status: kind === "close" ? "closed" : "filled",
    brokerOrderId,
    fillPrice: r.fillPrice && r.fillPrice > 0 ? r.fillPrice : undefined,
    filledUnits: Math.round(r.units),
    realizedPl: r.realizedPl,
    time,
  };
}

/** The running connector. */
export class Session {
  readonly relay: RelayClient;
  readonly executor: Executor;
  private quoteBuffer: Quote[] = [];
  private quoteTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly unknown = new Set<string>();
  private readonly kinds = new Map<string, TradeCommand["kind"]>();
  private ready = false;
  private lastState = "";
  /** Commands answered (acks sent) since start. */
  acks = 0;

  constructor(private readonly options: SessionOptions) {
    const { broker, journal, log } = options;
    this.executor = new Executor({ broker, journal, log });
    this.relay = new RelayClient({
      server: options.server,
      token: options.token,
      log,
      heartbeatMs: options.heartbeatMs,
      hello: () => ({
        software: "forex-ai-connector",
        version: CONNECTOR_VERSION,
        broker: { kind: broker.kind, live: broker.live, account: broker.accountLabel.slice(0, 100) },
      }),
      onWelcome: (m) => void this.guard("welcome", () => this.welcome(m)),
      onCommand: (m) => void this.guard(`command ${shortKey(m.key)}`, () => this.command(m)),
      onMessage: (m) => {
        if (m.type === "error") log.warn(`Relay: ${m.code}: ${m.message}`);
      },
      onRevoked: options.onRevoked,
    });
  }

  /** Starts publishing and connects to the relay (the broker must be started). */
  start(): void {
    const { broker } = this.options;
    broker.onQuote((q) => this.queueQuote(q));
    broker.onFill?.((fill) => {
      this.relay.send({ type: "fill", fill });
      this.scheduleRefresh(0);
    });
    this.relay.start();
    this.scheduleRefresh(STATE_REFRESH_MS);
  }

  stop(): void {
    clearTimeout(this.quoteTimer);
    clearTimeout(this.refreshTimer);
    clearTimeout(this.retryTimer);
    this.relay.stop();
  }

  /** Runs a command of the connector's own (the hosted bot): journaled like any other; fills are published, no ack. */
  async run(command: TradeCommand): Promise<Execution> {
    this.kinds.set(command.key, command.kind);
    const outcome = await this.executor.execute(command);
    this.answer(command.key, undefined, outcome, false);
    return outcome;
  }

  /**
   * Runs a handler and logs what it throws. A command that fails this way gets no ack: the
   * relay keeps it unacknowledged and lists it in the next welcome, where it is reconciled.
   */
  private async guard(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.options.log.error(`Handling ${what} failed: ${(error as Error).message}`);
    }
  }

  private async welcome(message: MessageOf<"welcome">): Promise<void> {
    const { log } = this.options;
    log.info(`Relay connected (session ${message.sessionId.slice(0, 8)}, protocol ${PROTOCOL_VERSION})`);
    this.lastState = "";
    await this.publishState(true).catch((error: Error) =>
      log.warn(`Cannot read the broker's state: ${error.message}`),
    );
    for (const key of message.unacked ?? []) await this.answerUnacked(key);
    if (!this.ready) {
      this.ready = true;
      this.options.onReady?.();
    }
  }

  /** A key the relay forwarded but never saw acknowledged: answer from the journal, or reconcile. */
  private async answerUnacked(key: string): Promise<void> {
    const entry = this.options.journal.get(key);
    if (!entry) {
      // It never reached this connector (lost in flight): not placed, and never queued.
      this.relay.send({
        type: "ack",
        key,
        result: {
          status: "rejected",
          message: "The connector never received this command (connection lost); nothing was placed.",
          time: Date.now(),
        },
      });
      return;
    }
    if (entry.state === "done" && entry.result) {
      this.relay.send({
        type: "ack",
        key,
        result: toCommandResult(this.kinds.get(key), entry.result),
        replayed: true,
      });
      return;
    }
    const outcome = await this.executor.reconcileKey(key);
    this.answer(key, undefined, outcome);
  }

  private async command(message: MessageOf<"command">): Promise<void> {
    const command = toTradeCommand(message);
    this.kinds.set(command.key, command.kind);
    const outcome = await this.executor.execute(command);
    this.answer(command.key, message.orderId, outcome);
  }

  private answer(key: string, orderId: string | undefined, outcome: Execution, ack = true): void {
    const kind = this.kinds.get(key);
    if (!ack) {
      if (outcome.ok) this.publishFill(key, kind, outcome.result);
      this.scheduleRefresh(0);
      return;
    }
    if (!outcome.ok) {
      if (outcome.error.code === "outcome-unknown" || outcome.error.code === "broker-error") {
        this.unknown.add(key);
        this.scheduleReconcile();
        return; // no ack: the relay keeps it unacknowledged and the UI shows "pending"
      }
      this.relay.send({
        type: "ack",
        key,
        orderId,
        result: { status: "rejected", message: outcome.error.message, time: Date.now() },
      });
      this.acks++;
      return;
    }
    this.unknown.delete(key);
    const result = toCommandResult(kind, outcome.result);
    this.relay.send({ type: "ack", key, orderId, result, replayed: outcome.replayed || undefined });
    this.acks++;
    this.publishFill(key, kind, outcome.result);
    this.scheduleRefresh(0);
  }

  private publishFill(key: string, kind: TradeCommand["kind"] | undefined, r: OrderResult): void {
    if (r.status === "filled" && r.fillPrice && r.units >= 1) {
      this.relay.send({
        type: "fill",
        fill: {
          id: (r.fillId ?? `${this.options.broker.kind}-${r.orderId || key}`).slice(0, 100),
          key,
          brokerOrderId: r.orderId ? r.orderId.slice(0, 100) : undefined,
          symbol: r.symbol,
          side: r.side,
          units: Math.round(r.units),
          price: r.fillPrice,
          reason: kind === "close" ? "close" : "order",
          realizedPl: r.realizedPl ?? 0,
          time: Math.round(r.time),
        },
      });
    }
  }

  private scheduleReconcile(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(async () => {
      for (const key of [...this.unknown]) {
        const outcome = await this.executor.reconcileKey(key);
        this.answer(key, undefined, outcome);
      }
    }, RECONCILE_RETRY_MS);
  }

  private queueQuote(q: Quote): void {
    this.quoteBuffer.push(q);
    if (this.quoteBuffer.length >= 200) {
      this.flushQuotes();
      return;
    }
    if (!this.quoteTimer) this.quoteTimer = setTimeout(() => this.flushQuotes(), QUOTE_FLUSH_MS);
  }

  private flushQuotes(): void {
    clearTimeout(this.quoteTimer);
    this.quoteTimer = undefined;
    const quotes = this.quoteBuffer;
    this.quoteBuffer = [];
    if (quotes.length) this.relay.send({ type: "quotes", quotes }); // dropped while offline, by design
  }

  private scheduleRefresh(delay: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(async () => {
      await this.publishState(false).catch((error: Error) =>
        this.options.log.warn(`Cannot read the broker's state: ${error.message}`),
      );
      this.scheduleRefresh(STATE_REFRESH_MS);
    }, delay);
  }

  /** Sends account, positions and orders when they changed (or always when forced). */
  private async publishState(force: boolean): Promise<void> {
    const { broker } = this.options;
    const [account, positions, orders] = await Promise.all([
      broker.account(),
      broker.positions(),
      broker.workingOrders(),
    ]);
    const snapshot = JSON.stringify([account, positions, orders]);
    if (!force && snapshot === this.lastState) return;
    this.lastState = snapshot;
    this.relay.send({
      type: "account",
      account: {
        broker: { kind: broker.kind, live: broker.live, account: broker.accountLabel.slice(0, 100) },
        currency: account.currency,
        balance: account.balance,
        equity: account.equity,
        marginUsed: Math.max(0, account.marginUsed),
        unrealizedPl: account.unrealizedPl,
        time: Date.now(),
      },
    });
    this.relay.send({ type: "positions", positions: positions.slice(0, 500) });
    this.relay.send({ type: "orders", orders: orders.slice(0, 500) });
  }
}

export { shortKey };
