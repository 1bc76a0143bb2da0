/**
 * The OANDA adapter and the executor against a local v20 stand-in (test/support/oanda-v20-server.ts)
 * speaking v20's JSON: orders with our key as clientExtensions.id, a dropped response
 * reconciled by GET /orders/@{clientId} (never a second POST), duplicate client ids, the
 * pricing stream with heartbeats and a cut stream, positions, account and closes.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OandaV20Server } from "../../../../test/support/oanda-v20-server.ts";
import { Executor } from "../../executor.ts";
import { createLogger } from "../../log.ts";
import { OrderJournal } from "../../order-journal.ts";
import type { Quote } from "../port.ts";
import { OandaBroker } from "./oanda-broker.ts";

let server: OandaV20Server;
let dir: string;
let logged: string[];

function broker(overrides: Partial<ConstructorParameters<typeof OandaBroker>[0]> = {}) {
  const log = createLogger((line) => logged.push(line));
  return new OandaBroker({
    environment: "practice",
    accountId: server.accountId,
    apiToken: server.token,
    symbols: ["EURUSD"],
    restUrl: server.url,
    streamUrl: server.url,
    timeoutMs: 2000,
    staleMs: 400,
    log,
    ...overrides,
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeEach(async () => {
  server = new OandaV20Server({ heartbeatMs: 50 });
  await server.start();
  dir = await mkdtemp(join(tmpdir(), "fxc-oanda-"));
  logged = [];
});

afterEach(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("OANDA adapter", () => {
  it("places a market order with our key as clientExtensions.id and reports the fill at the ask", async () => {
    const b = broker();
    const result = await b.placeOrder({
      clientId: "key-00000001",
      symbol: "EURUSD",
      side: "buy",
      units: 1000,
      type: "market",
    });
    expect(result).toMatchObject({
      status: "filled",
      fillPrice: 1.1002,
      units: 1000,
      side: "buy",
      symbol: "EURUSD",
    });
    expect(server.orders[0].clientId).toBe("key-00000001");
    expect(server.trades[0]).toMatchObject({ currentUnits: 1000, clientId: "key-00000001" });
  });

  it("reconciles a dropped response by looking the order up: one POST, one fill", async () => {
    const b = broker();
    const journal = await OrderJournal.open(dir);
    const executor = new Executor({ broker: b, journal, log: createLogger(() => {}), reconcilePauseMs: 10 });
    server.dropNext("POST", "/orders");
    const outcome = await executor.execute({
      kind: "place",
      key: "key-dropped-1",
      expiresAt: Date.now() + 30_000,
      order: { symbol: "EURUSD", side: "sell", units: 2000, type: "market" },
    });
    expect(outcome).toMatchObject({ ok: true, result: { status: "filled", fillPrice: 1.1, units: 2000 } });
    expect(server.orderPosts).toBe(1);
    expect(server.fillsFor("key-dropped-1")).toHaveLength(1);

    // The same key again, even after a restart (journal reopened), replays: still one POST.
    const reopened = new Executor({
      broker: b,
      journal: await OrderJournal.open(dir),
      log: createLogger(() => {}),
    });
    const again = await reopened.execute({
      kind: "place",
      key: "key-dropped-1",
      expiresAt: Date.now() + 30_000,
      order: { symbol: "EURUSD", side: "sell", units: 2000, type: "market" },
    });
    expect(again).toMatchObject({ ok: true, replayed: true, result: { status: "filled" } });
    expect(server.orderPosts).toBe(1);
  });

  it("never resends an order left 'submitted' by a crash: OANDA has no record, so it is rejected", async () => {
    const journal = await OrderJournal.open(dir);
    const command = {
      kind: "place" as const,
      key: "key-crashed-1",
      expiresAt: Date.now() + 30_000,
      order: { symbol: "EURUSD", side: "buy" as const, units: 1000, type: "market" as const },
    };
    const { fingerprintOf } = await import("../../order-journal.ts");
    const { key: _k, expiresAt: _e, ...payload } = command;
    await journal.submitted(command.key, fingerprintOf(payload), Date.now());
    const executor = new Executor({
      broker: broker(),
      journal: await OrderJournal.open(dir),
      log: createLogger(() => {}),
    });
    const outcome = await executor.execute(command);
    expect(outcome).toMatchObject({ ok: true, result: { status: "rejected" } });
    expect(outcome.ok && outcome.result.reason).toMatch(/not-received/);
    expect(server.orderPosts).toBe(0);
  });

  it("answers a duplicate client id of a pending order with that order; v20 accepts the id again after a fill", async () => {
    const b = broker();
    const limit = {
      clientId: "key-limit-01",
      symbol: "EURUSD",
      side: "buy" as const,
      units: 500,
      type: "limit" as const,
      price: 1.09,
    };
    const first = await b.placeOrder(limit);
    expect(first.status).toBe("pending");
    const second = await b.placeOrder(limit);
    expect(second).toMatchObject({ status: "pending", orderId: first.orderId });
    expect(server.orders).toHaveLength(1);
    expect(server.orderPosts).toBe(2);
    // The reference behaviour the executor guards against: after a fill the same id is accepted again.
    const market = {
      clientId: "key-market-1",
      symbol: "EURUSD",
      side: "buy" as const,
      units: 100,
      type: "market" as const,
    };
    await b.placeOrder(market);
    await b.placeOrder(market);
    expect(server.fillsFor("key-market-1")).toHaveLength(2);
  });

  it("streams prices, skips heartbeats and reopens a cut stream", async () => {
    const b = broker();
    const quotes: Quote[] = [];
    b.onQuote((q) => quotes.push(q));
    await b.start();
    server.setPrice("EUR_USD", 1.2, 1.2003);
    await until(() => quotes.length === 1, "first quote");
    expect(quotes[0]).toMatchObject({ symbol: "EURUSD", bid: 1.2, ask: 1.2003 });
    server.cutStreams();
    await until(() => server.streamCount === 1, "stream reopened");
    server.setPrice("EUR_USD", 1.21, 1.2103);
    await until(() => quotes.length === 2, "quote after reconnect");
    expect(quotes[1].bid).toBe(1.21);
    await b.stop();
  });

  it("maps trades, working orders and the account; modifies SL and closes by instrument with our key", async () => {
    const b = broker();
    await b.placeOrder({
      clientId: "key-open-001",
      symbol: "EURUSD",
      side: "buy",
      units: 3000,
      type: "market",
      stopLoss: 1.09,
    });
    await b.placeOrder({
      clientId: "key-limit-02",
      symbol: "EURUSD",
      side: "sell",
      units: 700,
      type: "limit",
      price: 1.15,
    });
    server.setPrice("EUR_USD", 1.101, 1.1012);
    const [position] = await b.positions();
    expect(position).toMatchObject({
      symbol: "EURUSD",
      side: "buy",
      units: 3000,
      openPrice: 1.1002,
      stopLoss: 1.09,
    });
    // (1.101 - 1.1002) * 3000 = 2.4, by hand
    expect(position.unrealizedPl).toBeCloseTo(2.4, 6);
    const orders = await b.workingOrders();
    expect(orders).toEqual([
      expect.objectContaining({ key: "key-limit-02", type: "limit", price: 1.15, units: 700, side: "sell" }),
    ]);
    const account = await b.account();
    expect(account).toMatchObject({ currency: "USD", balance: 100_000 });
    expect(account.equity).toBeCloseTo(100_002.4, 6);

    const modified = await b.modifyPosition({
      clientId: "key-mod-0001",
      targetId: position.id,
      stopLoss: 1.095,
    });
    expect(modified.status).toBe("accepted");
    expect(server.trades[0].stopLoss).toBe(1.095);

    const closed = await b.closePosition({ clientId: "key-close-01", symbol: "EURUSD" });
    expect(closed).toMatchObject({ status: "filled", units: 3000, side: "sell", fillPrice: 1.101 });
    expect(closed.realizedPl).toBeCloseTo(2.4, 6);
    expect(await b.findOrder("key-close-01")).toMatchObject({ status: "filled", fillPrice: 1.101 });
    expect(await b.positions()).toEqual([]);
  });

  it("moves a working order by replacing it (PUT /orders/{id}): new price, kept SL, new TP, our key", async () => {
    const b = broker();
    const placed = await b.placeOrder({
      clientId: "key-limit-r1",
      symbol: "EURUSD",
      side: "sell",
      units: 700,
      type: "limit",
      price: 1.15,
      stopLoss: 1.16,
    });
    const moved = await b.modifyPosition({
      clientId: "key-mod-r001",
      targetId: placed.orderId,
      price: 1.14,
      takeProfit: 1.12,
    });
    expect(moved).toMatchObject({ status: "accepted", symbol: "EURUSD", side: "sell", units: 700 });
    expect(moved.orderId).not.toBe(placed.orderId);
    expect(server.orders.find((o) => o.id === placed.orderId)?.state).toBe("CANCELLED");
    expect(await b.workingOrders()).toEqual([
      expect.objectContaining({
        id: moved.orderId,
        key: "key-mod-r001",
        price: 1.14,
        stopLoss: 1.16,
        takeProfit: 1.12,
        units: 700,
        side: "sell",
      }),
    ]);
    // a lookup by the modify's key (what the executor does after a timeout) finds the replacement
    expect(await b.findOrder("key-mod-r001")).toMatchObject({ orderId: moved.orderId, status: "pending" });
    // the bid reaching the new price fills the sell limit there (the old 1.15 is gone)
    server.setPrice("EUR_USD", 1.1401, 1.1403);
    expect(await b.positions()).toEqual([
      expect.objectContaining({
        side: "sell",
        units: 700,
        openPrice: 1.1401,
        stopLoss: 1.16,
        takeProfit: 1.12,
      }),
    ]);
    // the replaced order, and an id that never existed, are refused with what to do
    await expect(
      b.modifyPosition({ clientId: "key-mod-r002", targetId: placed.orderId, price: 1.13 }),
    ).rejects.toThrow(/no longer a working limit or stop order \(CANCELLED\)/);
    await expect(
      b.modifyPosition({ clientId: "key-mod-r003", targetId: "999", stopLoss: 1.2 }),
    ).rejects.toThrow(/no open trade or working order 999/);
    expect(server.replaces).toBe(1);
    // the trade the replacement opened keeps the place command's key (tradeClientExtensions)
    expect(server.trades[0].clientId).toBe("key-limit-r1");
  });

  it("carries over what a modify does not change: a trailing stop set at OANDA, time in force", async () => {
    const b = broker();
    // an order made outside the app (e.g. on OANDA's platform) with a trailing stop on fill
    const made = await fetch(`${server.url}/v3/accounts/${server.accountId}/orders`, {
      method: "POST",
      headers: { Authorization: `Bearer ${server.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        order: {
          type: "STOP",
          instrument: "EUR_USD",
          units: "2000",
          price: "1.12000",
          timeInForce: "GTD",
          gtdTime: "1800000000.000000000",
          trailingStopLossOnFill: { distance: "0.00500" },
        },
      }),
    });
    const id = String(
      ((await made.json()) as { orderCreateTransaction: { id: string } }).orderCreateTransaction.id,
    );
    const moved = await b.modifyPosition({ clientId: "key-mod-t001", targetId: id, price: 1.125 });
    expect(moved.status).toBe("accepted");
    const replacement = server.orders.find((o) => o.id === moved.orderId);
    expect(replacement?.spec).toMatchObject({
      price: "1.12500",
      timeInForce: "GTD",
      gtdTime: "1800000000.000000000",
      trailingStopLossOnFill: { distance: "0.00500" },
    });
  });

  it("reconciles a dropped replace by looking up the modify's key: one replacement, never two", async () => {
    const b = broker();
    const placed = await b.placeOrder({
      clientId: "key-limit-d1",
      symbol: "EURUSD",
      side: "buy",
      units: 1000,
      type: "limit",
      price: 1.09,
    });
    const executor = new Executor({
      broker: b,
      journal: await OrderJournal.open(dir),
      log: createLogger(() => {}),
      reconcilePauseMs: 10,
    });
    server.dropNext("PUT", `/orders/${placed.orderId}`);
    const outcome = await executor.execute({
      kind: "modify",
      key: "key-mod-drop1",
      expiresAt: Date.now() + 30_000,
      targetId: placed.orderId,
      price: 1.08,
    });
    expect(outcome).toMatchObject({ ok: true, result: { status: "pending" } });
    expect(server.replaces).toBe(1);
    expect(server.orders.filter((o) => o.state === "PENDING")).toEqual([
      expect.objectContaining({ price: 1.08, clientId: "key-mod-drop1" }),
    ]);
  });

  it("fails start() on a wrong token with OANDA's message and never logs the token", async () => {
    const b = broker({ apiToken: "wrong-token-abcdefghijklmnop" });
    await expect(b.start()).rejects.toThrow(/Insufficient authorization/);
    b.stop();
    expect(logged.join("")).not.toContain("wrong-token-abcdefghijklmnop");
  });
});

describe("OANDA fills no command answered", () => {
  it("reports a stop loss fill from the transaction history with v20's reason, once", async () => {
    const b = broker({ pollMs: 50 });
    const fills: import("../../../../core/protocol/index.ts").Fill[] = [];
    b.onFill((f) => fills.push(f));
    await b.start();
    const opened = await b.placeOrder({
      clientId: "key-sl-00001",
      symbol: "EURUSD",
      side: "buy",
      units: 1000,
      type: "market",
      stopLoss: 1.09,
    });
    server.setPrice("EUR_USD", 1.0899, 1.0901); // bid at the stop: v20 fills the stop loss at the bid
    await until(() => fills.some((f) => f.reason === "stop_loss"), "stop loss fill");
    await new Promise((r) => setTimeout(r, 200)); // more polls: no repeats
    const sl = fills.filter((f) => f.reason === "stop_loss");
    expect(sl).toHaveLength(1);
    // (1.0899 - 1.1002) * 1000 = -10.3, by hand
    expect(sl[0]).toMatchObject({ symbol: "EURUSD", side: "sell", units: 1000, price: 1.0899 });
    expect(sl[0].realizedPl).toBeCloseTo(-10.3, 6);
    // The opening fill is reported under the same id as the command's result (one fill, not two).
    expect(fills.filter((f) => f.id === opened.fillId)).toHaveLength(1);
    await b.stop();
  });
});
