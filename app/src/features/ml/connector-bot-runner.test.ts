/**
 * A bot on the connector, end to end below the UI: quotes from a constructed stream are
 * built into M1 bars, each closed bar gets the same decision as on market replay (the
 * SMA-cross strategy through the core engine, not a stand-in), orders go through the
 * connector venue to a real core/paper broker behind an in-memory ConnectorLink, and every
 * decision is journaled with the broker's answer. Offline pauses the bot (journaled, no
 * orders), back online resumes it; a broker refusal is journaled as refused.
 */
import { describe, expect, it } from "vitest";
import type { BotStatus } from "./bot-status.ts";
import { ConnectorBotRunner } from "./connector-bot-runner.ts";
import { MemoryConnectorLink } from "./memory-connector-link.ts";
import type { BotDecisionRecord, BotRecord } from "./records.ts";

const MINUTE = 60_000;
const T0 = 28_333_333 * MINUTE; // a whole minute, so bar k spans [T0 + k min, T0 + (k + 1) min)
const HALF_SPREAD = 0.00005;

function bot(risk: Partial<BotRecord["risk"]> = {}): BotRecord {
  return {
    id: "b1",
    name: "SMA on the connector",
    source: { kind: "strategy", strategyId: "sma-cross" },
    datasetId: "none",
    symbol: "EURUSD",
    timeframe: "M1",
    risk: { riskPct: 1, stopPips: 20, takeProfitPips: 0, threshold: 0.5, allowShort: true, ...risk },
    target: "connector",
    status: "active",
    speed: 1,
    replayFrom: 0,
    createdAt: 0,
    updatedAt: 0,
    startBalance: 10_000,
  };
}

/**
 * Closes: bars 0-39 fall one pip a bar from 1.1040 to 1.1001, then rise 20 pips a bar.
 * By hand (fast SMA 10, slow SMA 30): bar 42 (close 1.1061) SMA10 = 1.10151 < SMA30 = 1.10167;
 * bar 43 (close 1.1081) SMA10 = 1.10225 > SMA30 = 1.10185: the cross is at bar 43's close,
 * and the engine fills the strategy's order at the next bar's open, so the strategy holds
 * its long from bar 44: the bot's first buy is decided when bar 44 closes.
 */
function riseClose(k: number): number {
  return k < 40 ? 1.104 - 0.0001 * k : 1.1001 + 0.002 * (k - 39);
}

function quote(k: number, close: number) {
  const bid = Number((close - HALF_SPREAD).toFixed(5)); // quoted to 5 digits, like a broker
  const ask = Number((close + HALF_SPREAD).toFixed(5));
  return { symbol: "EURUSD", bid, ask, time: T0 + k * MINUTE + 1000 };
}

type RunnerTimings = Pick<
  ConstructorParameters<typeof ConnectorBotRunner>[0],
  "answerWaitMs" | "inFlightMaxMs"
>;

function setup(b: BotRecord, timings: RunnerTimings = {}) {
  const link = new MemoryConnectorLink(10_000);
  const journal: BotDecisionRecord[] = [];
  const statuses: BotStatus[] = [];
  const runner = new ConnectorBotRunner({
    bot: b,
    model: undefined,
    link,
    onUpdate: (s) => statuses.push(s),
    journal: async (r) => {
      journal.push(r);
    },
    ...timings,
  });
  const feed = async (k: number, close: number) => {
    link.emit(quote(k, close));
    await runner.idle();
  };
  return { link, journal, statuses, runner, feed };
}

describe("ConnectorBotRunner", () => {
  it("decides on closed bars with the replay decision, sends the order once and journals the fill", async () => {
    const { link, journal, runner, feed } = setup(bot());
    runner.start();
    for (let k = 0; k <= 45; k++) await feed(k, riseClose(k));
    // Bars 0-44 closed (bar 45 is still open): one decision each, nothing traded before bar 44.
    expect(journal).toHaveLength(45);
    // SMA 30 has its first value on bar 29 (30 bars), so the engine's first decision is on
    // bar 30: until then the strategy is warming up and the bot sends nothing (skip, with why).
    expect(journal.slice(0, 30).map((d) => d.action)).toEqual(Array(30).fill("skip"));
    expect(journal[0].note).toBe("strategy warming up (1 bar so far; its indicators need more)");
    expect(journal[29].note).toBe("strategy warming up (30 bars so far; its indicators need more)");
    expect(journal.slice(30, 44).every((d) => d.action === "hold")).toBe(true);
    const buy = journal[44];
    expect(buy).toMatchObject({
      action: "buy",
      want: 1,
      units: 50_000,
      time: T0 + 44 * MINUTE,
      venue: "connector",
    });
    expect(buy.price).toBeCloseTo(1.1101, 10); // bar 44's close
    expect(buy.features.close).toBeCloseTo(1.1101, 10);
    // 1% of 10,000 = 100 USD at 20 pips; a EURUSD pip is 0.0001 USD per unit -> 50,000 units,
    // filled at the ask of the latest quote (bar 45: 1.1121 + 0.00005).
    expect(buy.outcome).toBe("placed: filled 50000 at 1.11215");
    expect(link.arrived).toHaveLength(1);
    expect(link.arrived[0]).toEqual({
      action: "place",
      order: { symbol: "EURUSD", side: "buy", units: 50_000, type: "market", stopLoss: 1.11015 }, // ask - 20 pips
    });
    expect(runner.status()).toMatchObject({ venue: "connector", side: 1, paused: "", bars: 45 });
  });

  it("pauses while the connector is offline (journaled, no orders) and resumes when it is back", async () => {
    const { link, journal, runner, feed } = setup(bot());
    runner.start();
    for (let k = 0; k <= 45; k++) await feed(k, riseClose(k));
    expect(link.arrived).toHaveLength(1);

    link.setOffline("the connector is offline");
    await runner.idle();
    expect(journal.at(-1)).toMatchObject({ action: "pause", note: "paused: the connector is offline" });
    expect(runner.status().paused).toBe("the connector is offline");
    const before = journal.length;
    // Prices fall 30 pips a bar: the SMAs cross down, but nothing is decided or sent while offline.
    for (let k = 46; k <= 55; k++) await feed(k, riseClose(45) - 0.003 * (k - 45));
    expect(journal).toHaveLength(before);
    expect(link.arrived).toHaveLength(1);

    link.setOffline("");
    await runner.idle();
    expect(journal.at(-1)).toMatchObject({ action: "resume" });
    await feed(56, riseClose(45) - 0.003 * 11); // closes bar 55
    const last = journal.at(-1);
    expect(last).toMatchObject({ action: "sell", want: -1, time: T0 + 55 * MINUTE });
    expect(last?.outcome).toMatch(/^placed: filled \d+ at /);
    // Only the sell reached the broker after the first buy: the long's stop-loss had already
    // closed it at the broker while the bot was paused: bar 46's bid 1.10905 gapped through the
    // stop at 1.11015 and fills at that quote (docs/trading.md, "Gaps"): 50,000 x (1.11215 -
    // 1.10905) = 155 USD lost.
    expect(link.arrived.map((c) => c.action)).toEqual(["place", "place"]);
    expect(link.account().balance).toBeCloseTo(10_000 - 155, 6);
    expect(runner.status().side).toBe(-1);
  });

  it("journals an order the broker refuses as refused, with the broker's reason", async () => {
    // 10% of 10,000 at a 1-pip stop -> 10,000,000 units: far more margin than 10,000 at 1:30.
    const { link, journal, runner, feed } = setup(bot({ riskPct: 10, stopPips: 1 }));
    runner.start();
    for (let k = 0; k <= 45; k++) await feed(k, riseClose(k));
    const refused = journal.at(-1);
    expect(refused).toMatchObject({ action: "refused", units: 10_000_000, want: 1 });
    expect(refused?.outcome).toMatch(/^rejected by the broker: .*margin/i);
    expect(link.arrived).toHaveLength(1); // it reached the broker, which refused it
    expect(link.positions()).toEqual([]);
  });

  it("closes its position on deactivation and stops listening to quotes", async () => {
    const { link, journal, runner, feed } = setup(bot());
    runner.start();
    for (let k = 0; k <= 45; k++) await feed(k, riseClose(k));
    expect(link.listenerCount()).toBe(2); // quotes and presence changes
    runner.stop();
    expect(link.listenerCount()).toBe(0);
    expect(await runner.flatten()).toBe("");
    expect(journal.at(-1)).toMatchObject({ action: "close", note: "bot deactivated", outcome: "closed" });
    expect(link.positions()).toEqual([]);
    const count = journal.length;
    await feed(46, riseClose(46));
    await feed(47, riseClose(47));
    expect(journal).toHaveLength(count);
  });

  it("says why on deactivation when the broker refuses the close (the position stays open)", async () => {
    const { link, journal, runner, feed } = setup(bot());
    runner.start();
    for (let k = 0; k <= 45; k++) await feed(k, riseClose(k));
    runner.stop();
    link.refuse = { code: "rate_limited", message: "Too many orders: 30 a minute. Try again in 12 s." };
    expect(await runner.flatten()).toBe("not placed: Too many orders: 30 a minute. Try again in 12 s.");
    expect(journal.at(-1)).toMatchObject({ action: "refused", note: "bot deactivated" });
    expect(link.positions()).toHaveLength(1);
  });

  it("after a reload (no bars yet) leaves its open position alone while the strategy warms up", async () => {
    const { link, journal, runner, feed } = setup(bot());
    link.emit(quote(0, 1.104));
    // The position the bot opened before the page was reloaded.
    await link.submit({
      action: "place",
      order: { symbol: "EURUSD", side: "buy", units: 50_000, type: "market" },
    });
    runner.start();
    for (let k = 1; k <= 20; k++) await feed(k, riseClose(k));
    expect(journal).toHaveLength(19); // bars 1-19 closed
    expect(journal.every((d) => d.action === "skip" && d.note.startsWith("strategy warming up"))).toBe(true);
    expect(link.arrived.map((c) => c.action)).toEqual(["place"]); // no close was sent
    expect(link.positions()).toHaveLength(1);
  });

  it("keeps an unanswered order in flight: no second entry until the broker answers, then goes on", async () => {
    const { link, journal, runner, feed: feedClose } = setup(bot(), { answerWaitMs: 10 });
    const feed = (k: number) => feedClose(k, riseClose(k));
    runner.start();
    for (let k = 0; k <= 44; k++) await feed(k);
    link.hold = true; // the broker stops answering
    await feed(45); // bar 44 closes: the buy is sent and not confirmed in time
    expect(journal.at(-1)).toMatchObject({ action: "buy", units: 50_000 });
    expect(journal.at(-1)?.outcome).toMatch(/^pending/);
    for (let k = 46; k <= 49; k++) await feed(k);
    // Still long-wanted and still no position visible: without the in-flight order it would buy again.
    expect(link.held.map((h) => h.command.action)).toEqual(["place"]);
    const waits = journal.filter((d) => d.note.startsWith("waiting for the broker's answer"));
    expect(waits).toHaveLength(1); // once per wait, not once per bar
    expect(waits[0].note).toBe("waiting for the broker's answer to buy 50000 EURUSD");
    link.hold = false;
    link.answerHeld();
    await new Promise((r) => setTimeout(r, 0));
    await runner.idle();
    expect(journal.at(-1)).toMatchObject({ note: "the broker's answer to buy 50000 EURUSD, sent earlier" });
    expect(journal.at(-1)?.outcome).toMatch(/^placed: filled 50000 at /);
    await feed(50);
    expect(journal.at(-1)).toMatchObject({ action: "hold", want: 1 });
    expect(link.arrived.map((c) => c.action)).toEqual(["place"]); // one entry in all
  });

  it("stops waiting for an order that never gets an answer once it has expired, and decides again", async () => {
    const { link, journal, runner, feed } = setup(bot(), { answerWaitMs: 5, inFlightMaxMs: 20 });
    runner.start();
    for (let k = 0; k <= 44; k++) await feed(k, riseClose(k));
    link.hold = true; // the command is lost: never answered
    await feed(45, riseClose(45));
    expect(journal.at(-1)?.outcome).toMatch(/^pending/);
    await expect
      .poll(() => journal.at(-1)?.note)
      .toBe(
        "no answer to buy 50000 EURUSD after 0 s: it has expired; the bot goes on from the positions the connector reports",
      );
    // It decides again on the next bar (the connector shows no position, so it buys).
    await feed(46, riseClose(46));
    expect(journal.at(-1)).toMatchObject({ action: "buy", want: 1 });
  });

  it("pauses when another linked connector is online, and never sends it an order", async () => {
    const b = { ...bot(), connector: { id: "c1", name: "desk" } };
    const { link, journal, runner, feed } = setup(b);
    link.online = { id: "c2", name: "laptop" };
    runner.start();
    await runner.idle();
    await new Promise((r) => setTimeout(r, 0));
    expect(runner.status().paused).toBe("another connector (laptop) is online, not desk");
    expect(journal.at(-1)).toMatchObject({
      action: "pause",
      note: "paused: another connector (laptop) is online, not desk",
    });
    for (let k = 0; k <= 45; k++) await feed(k, riseClose(k));
    expect(link.arrived).toEqual([]);
    link.online = { id: "c1", name: "desk" };
    link.changed();
    await new Promise((r) => setTimeout(r, 0));
    expect(runner.status().paused).toBe("");
    expect(journal.at(-1)).toMatchObject({ action: "resume" });
  });

  it("pauses when the connector's broker is not the one it had at activation (paper -> live)", async () => {
    const b = { ...bot(), brokerAtActivation: { kind: "paper", live: false } };
    const { link, journal, runner, feed } = setup(b);
    runner.start();
    for (let k = 0; k <= 40; k++) await feed(k, riseClose(k));
    link.brokerInfo = { kind: "oanda", live: true };
    link.changed();
    await new Promise((r) => setTimeout(r, 0));
    expect(runner.status().paused).toBe(
      "the connector's broker is now oanda (live money), not paper as at activation; deactivate and activate the bot again to trade on it",
    );
    for (let k = 41; k <= 45; k++) await feed(k, riseClose(k));
    expect(journal.at(-1)?.action).toBe("pause");
    expect(link.arrived).toEqual([]);
  });
});
