/**
 * Exactly-once execution with the real paper broker, across simulated crashes: a key left
 * "submitted" whose order the (authoritative) paper account has is reconciled without a second
 * order; one the account never saw is placed once; the same key with another payload is
 * refused; the journal survives a torn last line; logs redact secrets.
 */
import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PaperAdapter } from "./broker/paper/paper-adapter.ts";
import type { QuoteSource } from "./broker/paper/quote-source.ts";
import { Executor, type TradeCommand } from "./executor.ts";
import { createLogger, redact } from "./log.ts";
import { fingerprintOf, JOURNAL_FILE, OrderJournal } from "./order-journal.ts";

const idle: QuoteSource = { start() {}, stop() {} };
let dir: string;

async function paper() {
  const broker = new PaperAdapter({
    dir,
    source: idle,
    initialQuotes: [{ symbol: "EURUSD", bid: 1.2, ask: 1.2002, time: 1_700_000_000_000 }],
    balance: 50_000,
    currency: "USD",
    leverage: 30,
    log: createLogger(() => {}),
  });
  await broker.start();
  return broker;
}

const place = (key: string, units = 1000): TradeCommand => ({
  kind: "place",
  key,
  expiresAt: Date.now() + 30_000,
  order: { symbol: "EURUSD", side: "buy", units, type: "market" },
});

function payloadOf(c: TradeCommand) {
  const { key: _k, expiresAt: _e, ...payload } = c;
  return payload;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fxc-exec-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("executor with the paper broker", () => {
  it("after a crash between the broker call and 'done', reconciles from the saved account: one fill", async () => {
    const b1 = await paper();
    const journal = await OrderJournal.open(dir);
    const c = place("key-crash-after");
    await journal.submitted(c.key, fingerprintOf(payloadOf(c)), Date.now());
    await b1.placeOrder({ symbol: "EURUSD", side: "buy", units: 1000, type: "market", clientId: c.key }); // the broker got it; then the process died
    await b1.stop();
    const b2 = await paper(); // restart: the account is restored from disk
    const executor = new Executor({
      broker: b2,
      journal: await OrderJournal.open(dir),
      log: createLogger(() => {}),
    });
    const outcome = await executor.execute(c);
    expect(outcome).toMatchObject({
      ok: true,
      replayed: true,
      result: { status: "filled", fillPrice: 1.2002 },
    });
    expect((await b2.positions())[0].units).toBe(1000);
  });

  it("after a crash before the broker call, places the order once (the paper account is the whole truth)", async () => {
    const journal = await OrderJournal.open(dir);
    const c = place("key-crash-before");
    await journal.submitted(c.key, fingerprintOf(payloadOf(c)), Date.now());
    const b = await paper();
    const executor = new Executor({
      broker: b,
      journal: await OrderJournal.open(dir),
      log: createLogger(() => {}),
    });
    const outcome = await executor.execute(c); // the command is redelivered with its key
    expect(outcome).toMatchObject({ ok: true, result: { status: "filled" } });
    await executor.execute(c);
    expect((await b.positions())[0].units).toBe(1000);
  });

  it("at start, a submitted key the paper account never saw is closed as not received (nothing placed)", async () => {
    const journal = await OrderJournal.open(dir);
    const c = place("key-crash-start");
    await journal.submitted(c.key, fingerprintOf(payloadOf(c)), Date.now());
    const b = await paper();
    const executor = new Executor({
      broker: b,
      journal: await OrderJournal.open(dir),
      log: createLogger(() => {}),
    });
    expect(await executor.reconcileAll()).toBe(1);
    const again = await executor.execute(c);
    expect(again).toMatchObject({ ok: true, replayed: true, result: { status: "rejected" } });
    expect(await b.positions()).toEqual([]);
  });

  it("refuses the same key with another payload, and runs concurrent repeats once", async () => {
    const b = await paper();
    const executor = new Executor({
      broker: b,
      journal: await OrderJournal.open(dir),
      log: createLogger(() => {}),
    });
    const [a, a2] = await Promise.all([
      executor.execute(place("key-twice-01")),
      executor.execute(place("key-twice-01")),
    ]);
    expect(a).toEqual(a2);
    const other = await executor.execute(place("key-twice-01", 5000));
    expect(other).toMatchObject({ ok: false, error: { code: "key-reused" } });
    expect((await b.positions())[0].units).toBe(1000);
  });

  it("reads a journal whose last line was torn by a crash", async () => {
    const journal = await OrderJournal.open(dir);
    await journal.submitted("key-journal-1", "f", 1);
    await appendFile(join(dir, JOURNAL_FILE), '{"key":"key-journal-2","sta');
    const reopened = await OrderJournal.open(dir);
    expect(reopened.get("key-journal-1")?.state).toBe("submitted");
    expect(reopened.get("key-journal-2")).toBeUndefined();
  });
});

describe("log redaction", () => {
  it("hides registered secrets and token-shaped text", () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    log.addSecret("fxc_super_secret_123456");
    log.info("token fxc_super_secret_123456 used; Authorization: Bearer abc.def-ghi; url /x?ticket=T123&a=1");
    expect(lines[0]).not.toContain("fxc_super_secret_123456");
    expect(lines[0]).not.toContain("abc.def-ghi");
    expect(lines[0]).not.toContain("T123");
    expect(redact('{"apiToken":"k-1234567"}', [])).toBe('{"apiToken":"[redacted]"}');
  });
});
