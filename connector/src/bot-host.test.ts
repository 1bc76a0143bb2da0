/**
 * The hosted bot. Reference: an SMA cross (fast 2, slow 4) on closes computed by hand —
 * closes 10 9 8 7 6 5 6 8 10: SMA2 at bar 7 is 7 > SMA4 6.25 while at bar 6 it was 5.5 < 6,
 * so the fast average crosses above on bar 7 and the strategy goes long; on bar 10 (closes
 * ... 8 6) SMA2 7 < SMA4 8 after 9 > 8 on bar 9: it reverses short. Then the bot trades
 * the real paper broker through the executor, with one key per bar, and journals decisions.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Bar } from "../../core/market/bar-builder.ts";
import { BOT_JOURNAL_FILE, BotHost, botKey, targetPosition } from "./bot-host.ts";
import { PaperAdapter } from "./broker/paper/paper-adapter.ts";
import type { QuoteSource } from "./broker/paper/quote-source.ts";
import type { Quote } from "./broker/port.ts";
import type { BotConfig } from "./config.ts";
import { Executor } from "./executor.ts";
import { createLogger } from "./log.ts";
import { OrderJournal } from "./order-journal.ts";

const CLOSES = [10, 9, 8, 7, 6, 5, 6, 8, 10, 8, 6];
const config: BotConfig = {
  enabled: true,
  strategy: "sma-cross",
  params: { fast: 2, slow: 4 },
  symbol: "EURUSD",
  barSeconds: 1,
  units: 1000,
};
const bars = (n: number): Bar[] =>
  CLOSES.slice(0, n).map((c, i) => ({ time: i * 1000, open: c, high: c, low: c, close: c, ticks: 1 }));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fxc-bot-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("bot target position", () => {
  it("is flat before the cross, long after the cross up, short after the cross down", () => {
    expect(targetPosition(bars(7), config)).toBe(0); // up to bar 6: no cross yet
    expect(targetPosition(bars(8), config)).toBe(1000); // bar 7: cross up
    expect(targetPosition(bars(10), config)).toBe(1000); // bar 9: still long
    expect(targetPosition(bars(11), config)).toBe(-1000); // bar 10: cross down, reverse
  });
});

class ManualSource implements QuoteSource {
  emit: (q: Quote) => void = () => {};
  start(emit: (q: Quote) => void): void {
    this.emit = emit;
  }
  stop(): void {}
}

describe("bot host", () => {
  it("trades the paper broker at the crosses, one key per bar, and journals every decision", async () => {
    const source = new ManualSource();
    const log = createLogger(() => {});
    const broker = new PaperAdapter({
      dir,
      source,
      initialQuotes: [],
      balance: 100_000,
      currency: "USD",
      leverage: 30,
      log,
    });
    await broker.start();
    const executor = new Executor({ broker, journal: await OrderJournal.open(dir), log });
    const bot = new BotHost({ config, broker, session: { run: (c) => executor.execute(c) }, dir, log });
    await bot.start();
    // One quote per bar (mid = close, spread 0.0002) plus one that opens the bar after the last.
    const decisions = () =>
      readFile(join(dir, BOT_JOURNAL_FILE), "utf8")
        .then((t) => t.split("\n").filter((l) => l.includes('"decision"')).length)
        .catch(() => 0);
    for (const [i, close] of [...CLOSES, 9].entries()) {
      const mid = close / 10; // prices near 1 so EURUSD margin and pips stay realistic
      source.emit({ symbol: "EURUSD", bid: mid - 0.0001, ask: mid + 0.0001, time: i * 1000 });
      for (let k = 0; k < 200 && i > 0 && (await decisions()) < i; k++)
        await new Promise((r) => setTimeout(r, 5));
    }
    await bot.stop();
    const lines = (await readFile(join(dir, BOT_JOURNAL_FILE), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const trades = lines.filter((l) => l.event === "decision" && l.action !== "hold");
    expect(trades.map((t) => [t.bar, t.action, t.units, t.outcome])).toEqual([
      [7000, "buy", 1000, "filled"],
      [10_000, "sell", 2000, "filled"],
    ]);
    expect(trades[0].key).toBe(botKey(config, 7000));
    const [position] = await broker.positions();
    expect(position).toMatchObject({ symbol: "EURUSD", side: "sell", units: 1000 });
    expect(lines[0]).toMatchObject({ event: "start", strategy: "sma-cross" });
    expect(lines.at(-1)).toMatchObject({ event: "stop" });
    await broker.stop();
  });
});
