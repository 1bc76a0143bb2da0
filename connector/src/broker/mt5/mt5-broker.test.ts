/**
 * The MT5 adapter against a scripted EA (test/support/scripted-ea.ts) that speaks exactly the
 * lines connector/mql5/ForexAIConnector.mq5 sends: hello, quotes, replies to account,
 * positions, orders, place, find, close, modify and cancel; a lost reply is reconciled by a
 * find on the order comment, never a second place.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ScriptedEa } from "../../../../test/support/scripted-ea.ts";
import { Executor } from "../../executor.ts";
import { createLogger } from "../../log.ts";
import { OrderJournal } from "../../order-journal.ts";
import type { Quote } from "../port.ts";
import { commentFor } from "./ea-protocol.ts";
import { Mt5Broker } from "./mt5-broker.ts";

let broker: Mt5Broker;
let ea: ScriptedEa;
let logged: string[];
let dir: string;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function startWithEa(options: { key?: string; eaKey?: string } = {}): Promise<void> {
  broker = new Mt5Broker({
    port: 0,
    timeoutMs: 300,
    log: createLogger((l) => logged.push(l)),
    key: options.key,
  });
  const started = broker.start();
  await until(() => broker.boundPort > 0, "listening");
  ea = new ScriptedEa({ port: broker.boundPort, key: options.eaKey });
  await ea.connect();
  await started;
}

beforeEach(async () => {
  logged = [];
  dir = await mkdtemp(join(tmpdir(), "fxc-mt5-"));
});

afterEach(async () => {
  ea?.disconnect();
  await broker?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("MT5 adapter over the EA socket", () => {
  it("listens on 127.0.0.1 only, takes the EA's hello and its quotes", async () => {
    await startWithEa();
    expect(broker.accountLabel).toBe("5012345 on MetaQuotes-Demo");
    const quotes: Quote[] = [];
    broker.onQuote((q) => quotes.push(q));
    ea.quote("EURUSD", 1.1, 1.10015, 1_700_000_000_123);
    await until(() => quotes.length === 1, "quote");
    expect(quotes[0]).toEqual({ symbol: "EURUSD", bid: 1.1, ask: 1.10015, time: 1_700_000_000_123 });
    const address = broker.server as unknown as { server: { address(): { address: string } } };
    expect(address.server.address().address).toBe("127.0.0.1");
  });

  it("places a market order with the key's digest as comment, in units (the EA converts to lots)", async () => {
    await startWithEa();
    const result = await broker.placeOrder({
      clientId: "key-mt5-0001",
      symbol: "EURUSD",
      side: "buy",
      units: 10_000,
      type: "market",
    });
    expect(result).toMatchObject({ status: "filled", units: 10_000, fillPrice: 1.1002, side: "buy" });
    const sent = ea.received.find((r) => r.type === "place")!;
    expect(sent).toMatchObject({
      comment: commentFor("key-mt5-0001"),
      units: 10_000,
      orderType: "market",
      sl: 0,
      tp: 0,
    });
    expect(String(sent.comment).length).toBeLessThanOrEqual(31); // MT5 comment limit
    const [position] = await broker.positions();
    expect(position).toMatchObject({ symbol: "EURUSD", side: "buy", units: 10_000, openPrice: 1.1002 });
  });

  it("reconciles a lost reply with find: one order at the terminal, the stored fill", async () => {
    await startWithEa();
    const executor = new Executor({
      broker,
      journal: await OrderJournal.open(dir),
      log: createLogger(() => {}),
    });
    ea.swallowNext("place");
    const outcome = await executor.execute({
      kind: "place",
      key: "key-mt5-lost",
      expiresAt: Date.now() + 30_000,
      order: { symbol: "EURUSD", side: "sell", units: 20_000, type: "market" },
    });
    expect(outcome).toMatchObject({ ok: true, result: { status: "filled", fillPrice: 1.1, units: 20_000 } });
    expect(ea.received.filter((r) => r.type === "place")).toHaveLength(1);
    expect(ea.received.filter((r) => r.type === "find")).toHaveLength(1);
    expect(ea.fillsFor(commentFor("key-mt5-lost"))).toHaveLength(1);
  });

  it("closes, modifies, lists and cancels working orders; account figures from the terminal", async () => {
    await startWithEa();
    await broker.placeOrder({
      clientId: "key-mt5-open",
      symbol: "EURUSD",
      side: "buy",
      units: 30_000,
      type: "market",
    });
    const pending = await broker.placeOrder({
      clientId: "key-mt5-lim1",
      symbol: "EURUSD",
      side: "buy",
      units: 1000,
      type: "limit",
      price: 1.05,
    });
    expect(pending.status).toBe("pending");
    expect(await broker.workingOrders()).toEqual([
      expect.objectContaining({ id: pending.orderId, type: "limit", units: 1000, price: 1.05 }),
    ]);
    // a working order's price and take profit move in place (OrderModify); its ticket stays
    const moved = await broker.modifyPosition({
      clientId: "key-mt5-mov1",
      targetId: pending.orderId,
      price: 1.04,
      takeProfit: 1.07,
    });
    expect(moved).toMatchObject({ status: "accepted", orderId: pending.orderId, side: "buy", units: 1000 });
    expect(await broker.workingOrders()).toEqual([
      expect.objectContaining({ id: pending.orderId, price: 1.04, takeProfit: 1.07, stopLoss: undefined }),
    ]);
    const cancelled = await broker.cancelOrder("key-mt5-can1", pending.orderId);
    expect(cancelled.status).toBe("cancelled");
    const [position] = await broker.positions();
    const modified = await broker.modifyPosition({
      clientId: "key-mt5-mod1",
      targetId: position.id,
      stopLoss: 1.09,
    });
    expect(modified.status).toBe("accepted");
    expect((await broker.positions())[0].stopLoss).toBe(1.09);
    await expect(
      broker.modifyPosition({ clientId: "key-mt5-mod2", targetId: position.id, price: 1.2 }),
    ).resolves.toMatchObject({ status: "rejected" });
    ea.quote("EURUSD", 1.101, 1.1012, Date.now());
    await until(() => ea.prices.get("EURUSD")!.bid === 1.101, "price");
    const account = await broker.account();
    // (1.101 - 1.1002) * 30000 = 24, by hand
    expect(account.unrealizedPl).toBeCloseTo(24, 2);
    const closed = await broker.closePosition({ clientId: "key-mt5-clo1", symbol: "EURUSD", units: 10_000 });
    expect(closed).toMatchObject({ status: "filled", units: 10_000, side: "sell", fillPrice: 1.101 });
    expect((await broker.positions())[0].units).toBe(20_000);
  });

  it("turns an EA refusal into a rejected result and a silent EA into a timeout", async () => {
    await startWithEa();
    const refused = await broker.placeOrder({
      clientId: "key-mt5-bad1",
      symbol: "XAUUSD",
      side: "buy",
      units: 1,
      type: "market",
    });
    expect(refused).toMatchObject({ status: "rejected", reason: "unknown symbol XAUUSD" });
    ea.swallowNext("account");
    await expect(broker.account()).rejects.toThrow(/did not answer "account"/);
  });

  it("refuses an EA with a wrong key and ignores lines that are not protocol messages", async () => {
    broker = new Mt5Broker({
      port: 0,
      timeoutMs: 300,
      log: createLogger((l) => logged.push(l)),
      key: "secret-ea-key",
    });
    void broker.start();
    await until(() => broker.boundPort > 0, "listening");
    ea = new ScriptedEa({ port: broker.boundPort, key: "wrong" });
    await ea.connect();
    await until(() => logged.some((l) => l.includes("wrong key")), "key refusal");
    expect(broker.server.connected).toBe(false);
    const good = new ScriptedEa({ port: broker.boundPort, key: "secret-ea-key" });
    await good.connect();
    await until(() => broker.server.connected, "EA accepted");
    good.sendRaw("not json");
    await until(() => logged.some((l) => l.includes("not a protocol message")), "bad line logged");
    expect((await broker.account()).currency).toBe("USD");
    expect(logged.join("")).not.toContain("secret-ea-key");
    good.disconnect();
  });
});

describe("MT5 deals the connector did not ask for", () => {
  it("turns the EA's deal line for a stop loss into a fill", async () => {
    await startWithEa();
    const fills: import("../../../../core/protocol/index.ts").Fill[] = [];
    broker.onFill((f) => fills.push(f));
    await broker.placeOrder({
      clientId: "key-mt5-sl01",
      symbol: "EURUSD",
      side: "buy",
      units: 10_000,
      type: "market",
      stopLoss: 1.099,
    });
    ea.triggerProtection("EURUSD", "sl", 1.099);
    await until(() => fills.length === 1, "deal fill");
    // (1.099 - 1.1002) * 10000 = -12, by hand
    expect(fills[0]).toMatchObject({
      symbol: "EURUSD",
      side: "sell",
      units: 10_000,
      price: 1.099,
      reason: "stop_loss",
      realizedPl: -12,
    });
    expect(await broker.positions()).toEqual([]);
  });
});

describe("EA liveness", () => {
  it("pings the EA and drops one that stopped answering", async () => {
    broker = new Mt5Broker({ port: 0, timeoutMs: 300, log: createLogger((l) => logged.push(l)), pingMs: 50 });
    const started = broker.start();
    await until(() => broker.boundPort > 0, "listening");
    ea = new ScriptedEa({ port: broker.boundPort });
    await ea.connect();
    await started;
    await until(() => ea.received.filter((r) => r.type === "ping").length >= 3, "pings");
    expect(broker.server.connected).toBe(true);
    ea.frozen = true;
    await until(() => !broker.server.connected, "frozen EA dropped");
    expect(logged.join("")).toMatch(/stopped answering/);
  });
});
