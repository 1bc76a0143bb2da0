/**
 * Runs trading commands against the broker exactly once per idempotency key.
 * Order of events for a new key: refuse if expired; write "submitted" to the journal
 * (flushed); call the broker; write "done" with the result. A key seen before is never sent
 * again: "done" replays the stored result, "submitted" (crash, timeout, reconnect) is
 * reconciled by looking the order up at the broker. Only a broker whose lookup is
 * authoritative (the connector's own paper broker) may place an order its lookup has never
 * seen; for OANDA and MT5 "not found" becomes a rejection the trader can retry with a new key.
 */
import {
  type BrokerPort,
  BrokerRejectError,
  BrokerTimeoutError,
  type OrderRequest,
  type OrderResult,
} from "./broker/port.ts";
import type { Logger } from "./log.ts";
import { fingerprintOf, type OrderJournal } from "./order-journal.ts";

export type TradeCommand =
  | { kind: "place"; key: string; expiresAt: number; order: Omit<OrderRequest, "clientId"> }
  | { kind: "cancel"; key: string; expiresAt: number; orderId: string }
  | { kind: "close"; key: string; expiresAt: number; symbol: string; positionId?: string; units?: number }
  | {
      kind: "modify";
      key: string;
      expiresAt: number;
      targetId: string;
      /** New price of a working limit/stop order. */
      price?: number;
      stopLoss?: number | null;
      takeProfit?: number | null;
    };

export type ExecutionError = {
  code: "expired" | "key-reused" | "outcome-unknown" | "broker-error";
  message: string;
};

export type Execution =
  | { ok: true; result: OrderResult; replayed: boolean }
  | { ok: false; error: ExecutionError };

export interface ExecutorOptions {
  broker: BrokerPort;
  journal: OrderJournal;
  log: Logger;
  now?: () => number;
  /** Lookup attempts while reconciling (each after a short pause). */
  reconcileAttempts?: number;
  reconcilePauseMs?: number;
}

/** Executes commands once per key. */
export class Executor {
  private readonly inFlight = new Map<string, Promise<Execution>>();
  private readonly now: () => number;

  constructor(private readonly options: ExecutorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Executes a command, or replays/reconciles it when its key was seen before. */
  execute(command: TradeCommand): Promise<Execution> {
    const running = this.inFlight.get(command.key);
    if (running) return running;
    const promise = this.run(command).finally(() => this.inFlight.delete(command.key));
    this.inFlight.set(command.key, promise);
    return promise;
  }

  /** Reconciles one key the relay says it forwarded (the command itself is not at hand). */
  reconcileKey(key: string): Promise<Execution> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const entry = this.options.journal.get(key);
    if (entry?.state === "done" && entry.result)
      return Promise.resolve({ ok: true, result: entry.result, replayed: true });
    const promise = this.reconcile(key, entry?.fingerprint ?? "", undefined).finally(() =>
      this.inFlight.delete(key),
    );
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Reconciles every "submitted" entry left by a crash (called at start). */
  async reconcileAll(): Promise<number> {
    let count = 0;
    for (const entry of this.options.journal.unresolved()) {
      const outcome = await this.reconcile(entry.key, entry.fingerprint, undefined);
      if (outcome.ok) count++;
    }
    return count;
  }

  private async run(command: TradeCommand): Promise<Execution> {
    const { journal, log } = this.options;
    const { key, expiresAt, ...payload } = command;
    const fingerprint = fingerprintOf(payload);
    const seen = journal.get(key);
    if (seen && seen.fingerprint !== fingerprint) {
      return fail(
        "key-reused",
        "This idempotency key was already used for a different command; use a new key.",
      );
    }
    if (seen?.state === "done" && seen.result) return { ok: true, result: seen.result, replayed: true };
    if (seen?.state === "submitted") {
      log.info(
        `Command ${shortKey(key)} was submitted before; looking it up at the broker instead of resending`,
      );
      return this.reconcile(key, fingerprint, command);
    }
    if (this.now() > expiresAt) {
      return fail(
        "expired",
        "The command expired before it reached the broker; nothing was sent. Place it again.",
      );
    }
    await journal.submitted(key, fingerprint, this.now());
    return this.callBroker(command, fingerprint);
  }

  private async callBroker(command: TradeCommand, fingerprint: string): Promise<Execution> {
    const { broker, journal, log } = this.options;
    let result: OrderResult;
    try {
      result = await this.send(command);
    } catch (error) {
      if (error instanceof BrokerTimeoutError) {
        log.warn(`Broker did not answer for ${shortKey(command.key)} (${error.message}); reconciling`);
        return this.reconcile(command.key, fingerprint, undefined);
      }
      if (error instanceof BrokerRejectError) {
        result = rejectedResult(command, `${error.code}: ${error.message}`, this.now());
      } else {
        // The request may or may not have reached the broker: leave it "submitted" and reconcile later.
        log.error(`Broker error for ${shortKey(command.key)}: ${(error as Error).message}`);
        return fail("broker-error", `The broker failed: ${(error as Error).message}`);
      }
    }
    await journal.done(command.key, fingerprint, result, this.now());
    log.info(
      `${command.kind} ${shortKey(command.key)} -> ${result.status}${result.reason ? ` (${result.reason})` : ""}`,
    );
    void broker;
    return { ok: true, result, replayed: false };
  }

  /**
   * Looks a submitted command up at the broker. Found: its state is the result. Not found:
   * with an authoritative lookup and the original command at hand (not expired), it is placed
   * now; otherwise it is recorded as rejected (the broker never received it).
   */
  private async reconcile(
    key: string,
    fingerprint: string,
    command: TradeCommand | undefined,
  ): Promise<Execution> {
    const { broker, journal, log } = this.options;
    const attempts = this.options.reconcileAttempts ?? 3;
    const pause = this.options.reconcilePauseMs ?? 500;
    for (let attempt = 0; attempt < attempts; attempt++) {
      let found: OrderResult | undefined;
      try {
        found = await broker.findOrder(key);
      } catch (error) {
        log.warn(
          `Lookup of ${shortKey(key)} failed (${(error as Error).message}); attempt ${attempt + 1} of ${attempts}`,
        );
        await new Promise((resolve) => setTimeout(resolve, pause * (attempt + 1)));
        continue;
      }
      if (found) {
        await journal.done(key, fingerprint, found, this.now());
        log.info(`Reconciled ${shortKey(key)}: the broker has it as ${found.status}`);
        return { ok: true, result: found, replayed: true };
      }
      if (broker.authoritativeLookup && command && this.now() <= command.expiresAt) {
        log.info(`Reconciled ${shortKey(key)}: the broker never received it; placing it now`);
        return this.callBroker(command, fingerprint);
      }
      const result = rejectedResult(
        command,
        "not-received: the broker has no order with this key, so it was not placed; place it again",
        this.now(),
        key,
      );
      await journal.done(key, fingerprint, result, this.now());
      return { ok: true, result, replayed: false };
    }
    return fail(
      "outcome-unknown",
      "The broker could not be asked whether the order exists; it will be looked up again, never resent.",
    );
  }

  private send(command: TradeCommand): Promise<OrderResult> {
    const { broker } = this.options;
    switch (command.kind) {
      case "place":
        return broker.placeOrder({ ...command.order, clientId: command.key });
      case "cancel":
        return broker.cancelOrder(command.key, command.orderId);
      case "close":
        return broker.closePosition({
          clientId: command.key,
          symbol: command.symbol,
          positionId: command.positionId,
          units: command.units,
        });
      case "modify":
        return broker.modifyPosition({
          clientId: command.key,
          targetId: command.targetId,
          price: command.price,
          stopLoss: command.stopLoss,
          takeProfit: command.takeProfit,
        });
    }
  }
}

function fail(code: ExecutionError["code"], message: string): Execution {
  return { ok: false, error: { code, message } };
}

function rejectedResult(
  command: TradeCommand | undefined,
  reason: string,
  now: number,
  key?: string,
): OrderResult {
  const order = command?.kind === "place" ? command.order : undefined;
  return {
    clientId: command?.key ?? key ?? "",
    orderId: "",
    status: "rejected",
    symbol: order?.symbol ?? (command && "symbol" in command ? command.symbol : ""),
    side: order?.side ?? "buy",
    units: order?.units ?? 0,
    reason,
    time: now,
  };
}

/** The first 8 characters of a key, enough to find it in the journal. */
export function shortKey(key: string): string {
  return key.slice(0, 8);
}
