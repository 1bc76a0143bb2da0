/**
 * The session (relay client + executor + journal) with the real paper broker against a relay
 * stand-in (test/support/relay-stand-in.ts): ticket auth, hello/welcome, heartbeats, commands
 * executed once per key with acks, a dropped socket and reconnect, unacknowledged keys from
 * the welcome answered from the journal or refused as never received, expired commands
 * refused, a revoked token, and logs that never show the token.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RelayStandIn } from "../../test/support/relay-stand-in.ts";
import { PaperAdapter } from "./broker/paper/paper-adapter.ts";
import type { QuoteSource } from "./broker/paper/quote-source.ts";
import type { Quote } from "./broker/port.ts";
import { createLogger } from "./log.ts";
import { OrderJournal } from "./order-journal.ts";
import { Session } from "./session.ts";

/** A quote source the test drives by hand. */
class ManualSource implements QuoteSource {
  emit: (q: Quote) => void = () => {};
  start(emit: (q: Quote) => void): void {
    this.emit = emit;
  }
  stop(): void {}
}

let relay: RelayStandIn;
let dir: string;
let logged: string[];
let session: Session;
let broker: PaperAdapter;
let source: ManualSource;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function startSession(options: { token?: string; onRevoked?: () => void } = {}) {
  source = new ManualSource();
  const log = createLogger((l) => logged.push(l));
  broker = new PaperAdapter({
    dir,
    source,
    initialQuotes: [{ symbol: "EURUSD", bid: 1.1, ask: 1.1001, time: 1_700_000_000_000 }],
    balance: 10_000,
    currency: "USD",
    leverage: 30,
    log,
  });
  await broker.start();
  let ready = false;
  session = new Session({
    server: relay.url,
    token: options.token ?? relay.token,
    broker,
    journal: await OrderJournal.open(dir),
    log,
    heartbeatMs: 100,
    onReady: () => {
      ready = true;
    },
    onRevoked: options.onRevoked,
  });
  session.start();
  return () => ready;
}

const buy = (units = 1000) => ({
  action: "place" as const,
  order: { symbol: "EURUSD", side: "buy" as const, units, type: "market" as const },
});

beforeEach(async () => {
  relay = new RelayStandIn();
  await relay.start();
  dir = await mkdtemp(join(tmpdir(), "fxc-session-"));
  logged = [];
});

afterEach(async () => {
  session?.stop();
  await broker?.stop();
  await relay.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("session against the relay", () => {
  it("joins with a ticket, says hello with its broker, publishes state and heartbeats", async () => {
    const ready = await startSession();
    await until(ready, "welcome");
    expect(relay.ticketsIssued).toBe(1);
    const hello = relay.messages("hello")[0];
    expect(hello).toMatchObject({ software: "forex-ai-connector", broker: { kind: "paper", live: false } });
    await until(() => relay.messages("account").length > 0, "account");
    expect(relay.messages("account")[0].account).toMatchObject({
      currency: "USD",
      balance: 10_000,
      equity: 10_000,
    });
    source.emit({ symbol: "EURUSD", bid: 1.1002, ask: 1.1003, time: 1_700_000_001_000 });
    await until(() => relay.messages("quotes").length > 0, "quotes");
    expect(relay.messages("quotes")[0].quotes[0]).toMatchObject({ symbol: "EURUSD", bid: 1.1002 });
    await until(() => relay.messages("heartbeat").length >= 2, "heartbeats");
  });

  it("executes a command once, acks the fill at the ask, and replays the ack for the same key", async () => {
    const ready = await startSession();
    await until(ready, "welcome");
    relay.sendCommand("key-session-1", buy(1000));
    await until(() => relay.acks.has("key-session-1"), "ack");
    expect(relay.acks.get("key-session-1")!.result).toMatchObject({
      status: "filled",
      fillPrice: 1.1001,
      filledUnits: 1000,
    });
    expect(relay.messages("fill")[0].fill).toMatchObject({
      key: "key-session-1",
      price: 1.1001,
      units: 1000,
      side: "buy",
    });
    relay.acks.clear();
    relay.sendCommand("key-session-1", buy(1000));
    await until(() => relay.acks.has("key-session-1"), "second ack");
    expect(relay.acks.get("key-session-1")).toMatchObject({ replayed: true, result: { status: "filled" } });
    const positions = await broker.positions();
    expect(positions).toHaveLength(1);
    expect(positions[0].units).toBe(1000);
  });

  it("reconnects after the socket dies and answers unacknowledged keys without executing them again", async () => {
    const ready = await startSession();
    await until(ready, "welcome");
    relay.sendCommand("key-before-drop", buy(2000));
    await until(() => relay.acks.has("key-before-drop"), "ack");
    // The relay lost our ack (it still lists the key) and a second command never reached us.
    relay.unacked.add("key-before-drop");
    relay.loseCommand("key-lost-in-flight");
    relay.acks.clear();
    relay.killSockets();
    await until(() => relay.connections === 2 && relay.acks.size === 2, "reconnect and acks");
    expect(relay.ticketsIssued).toBe(2);
    expect(relay.acks.get("key-before-drop")).toMatchObject({ replayed: true, result: { status: "filled" } });
    expect(relay.acks.get("key-lost-in-flight")!.result).toMatchObject({ status: "rejected" });
    expect(relay.acks.get("key-lost-in-flight")!.result.message).toMatch(/never received/);
    expect((await broker.positions())[0].units).toBe(2000);
  });

  it("moves a working order's price, and refuses a price for an open position", async () => {
    const ready = await startSession();
    await until(ready, "welcome");
    relay.sendCommand("key-limit-001", {
      action: "place",
      order: { symbol: "EURUSD", side: "buy", units: 1000, type: "limit", price: 1.09 },
    });
    await until(() => relay.acks.has("key-limit-001"), "limit ack");
    const placed = relay.acks.get("key-limit-001")!.result;
    expect(placed.status).toBe("accepted");
    relay.sendCommand("key-modify-01", { action: "modify", targetId: placed.brokerOrderId!, price: 1.095 });
    await until(() => relay.acks.has("key-modify-01"), "modify ack");
    expect(relay.acks.get("key-modify-01")!.result.status).toBe("modified");
    expect((await broker.workingOrders())[0]).toMatchObject({ price: 1.095, key: "key-limit-001" });

    relay.sendCommand("key-market-01", buy(1000));
    await until(() => relay.acks.has("key-market-01"), "market ack");
    const [position] = await broker.positions();
    relay.sendCommand("key-modify-02", { action: "modify", targetId: position.id, price: 1.2 });
    await until(() => relay.acks.has("key-modify-02"), "refused modify");
    expect(relay.acks.get("key-modify-02")!.result).toMatchObject({ status: "rejected" });
    expect(relay.acks.get("key-modify-02")!.result.message).toMatch(/no price to change/);
  });

  it("refuses an expired command without touching the broker", async () => {
    const ready = await startSession();
    await until(ready, "welcome");
    relay.sendCommand("key-expired-1", buy(), Date.now() - 1);
    await until(() => relay.acks.has("key-expired-1"), "ack");
    expect(relay.acks.get("key-expired-1")!.result).toMatchObject({ status: "rejected" });
    expect(relay.acks.get("key-expired-1")!.result.message).toMatch(/expired/);
    expect(await broker.positions()).toEqual([]);
  });

  it("stops on a revoked token and never logs the token", async () => {
    let revoked = false;
    await startSession({ token: "fxc_wrong_token_abcdefghijkl", onRevoked: () => (revoked = true) });
    await until(() => revoked, "revocation");
    const all = logged.join("");
    expect(all).toMatch(/revoked or unlinked/);
    expect(all).not.toContain("fxc_wrong_token_abcdefghijkl");
    expect(all).not.toContain(relay.token);
  });
});
