/**
 * The bot's actions on a real core/paper account (not a stand-in): entries sized by
 * core/risk with the stop and take-profit placed from the fill side of the quote, hold,
 * reverse and close. Figures are hand-computed in the comments.
 */
import { describe, expect, it } from "vitest";
import { actOn } from "./bot-act.ts";
import { PaperVenue } from "./bot-venue.ts";
import { ConnectorVenue } from "./connector-venue.ts";
import { MemoryConnectorLink } from "./memory-connector-link.ts";

const risk = { riskPct: 1, stopPips: 20, takeProfitPips: 40, threshold: 0.5, allowShort: true };
const o = { symbol: "EURUSD", pipSize: 0.0001, note: "", risk };

describe("actOn (paper venue)", () => {
  it("enters, holds, reverses and closes with risk-sized units", async () => {
    const venue = PaperVenue.create("t", 10_000);
    venue.onQuote({ symbol: "EURUSD", bid: 1.1, ask: 1.1002, time: 1_000 });
    // 1% of 10,000 = 100 USD at a 20-pip stop; a EURUSD pip is 0.0001 USD per unit -> 50,000 units
    expect(await actOn(venue, { ...o, want: 1 })).toEqual({
      action: "buy",
      units: 50_000,
      note: "",
      outcome: "filled 50000 at 1.1002",
    });
    const [long] = venue.broker.positions();
    expect(long).toMatchObject({ side: "buy", units: 50_000, openPrice: 1.1002 });
    expect(long.stopLoss).toBeCloseTo(1.0982, 10); // ask - 20 pips
    expect(long.takeProfit).toBeCloseTo(1.1042, 10); // ask + 40 pips
    expect(await actOn(venue, { ...o, want: 1 })).toEqual({
      action: "hold",
      units: 0,
      note: "",
      outcome: "",
    });

    venue.onQuote({ symbol: "EURUSD", bid: 1.101, ask: 1.1012, time: 2_000 });
    // closes the long at the bid: 50,000 x (1.1010 - 1.1002) = 40 USD; 1% of 10,040 = 100.4 -> 50,200 -> 50,000 (lot step 1,000)
    expect(await actOn(venue, { ...o, want: -1 })).toMatchObject({ action: "sell", units: 50_000, note: "" });
    expect(venue.balance()).toBeCloseTo(10_040, 8);
    const [short] = venue.broker.positions();
    expect(short).toMatchObject({ side: "sell", units: 50_000, openPrice: 1.101 });
    expect(short.stopLoss).toBeCloseTo(1.103, 10); // bid + 20 pips

    // no signal while warming up: nothing changes
    expect((await actOn(venue, { ...o, want: 0, note: "features still warming up" })).action).toBe("skip");
    expect(venue.side("EURUSD")).toBe(-1);
    expect(await actOn(venue, { ...o, want: 0 })).toMatchObject({ action: "close", units: 0, note: "" });
    expect(venue.side("EURUSD")).toBe(0);
    expect(venue.broker.history()).toHaveLength(2);
  });

  it("skips with the sizing module's reason when the risk cannot be sized", async () => {
    const venue = PaperVenue.create("t2", 10_000);
    venue.onQuote({ symbol: "EURUSD", bid: 1.1, ask: 1.1002, time: 1_000 });
    const r = await actOn(venue, { ...o, want: 1, risk: { ...risk, stopPips: 0 } });
    expect(r.action).toBe("skip");
    expect(r.note).toMatch(/Stop distance in pips must be a number above 0/);
    expect(venue.side("EURUSD")).toBe(0);
  });

  it("journals an order the venue refuses as refused, with the venue's reason", async () => {
    const venue = PaperVenue.create("t3", 10_000);
    venue.onQuote({ symbol: "EURUSD", bid: 1.1, ask: 1.1002, time: 1_000 });
    // 10% of 10,000 = 1,000 USD at a 1-pip stop -> 10,000,000 units: 11,002,000 USD of exposure
    // needs 366,733 USD of margin at 1:30, far above the 10,000 balance.
    const r = await actOn(venue, { ...o, want: 1, risk: { ...risk, riskPct: 10, stopPips: 1 } });
    expect(r.action).toBe("refused");
    expect(r.units).toBe(10_000_000);
    expect(r.outcome).toMatch(/margin/i);
    expect(venue.side("EURUSD")).toBe(0);
  });
});

describe("actOn (connector venue)", () => {
  it("does not enter the other way while the close is not confirmed (pending), and keeps it in flight", async () => {
    const link = new MemoryConnectorLink(10_000);
    link.emit({ symbol: "EURUSD", bid: 1.1, ask: 1.1002, time: 1_000 });
    const venue = new ConnectorVenue(link, 10);
    expect((await actOn(venue, { ...o, want: 1 })).action).toBe("buy");
    link.hold = true; // the broker stops answering
    const r = await actOn(venue, { ...o, want: -1 });
    expect(r).toMatchObject({
      action: "close",
      units: 0,
      outcome:
        "pending: sent; the broker has not confirmed it yet; no new entry until the close is confirmed",
    });
    expect(r.inFlight?.what).toBe("close EURUSD");
    // Only the close was sent: no sell on top of a long that may still be open.
    expect(link.held.map((h) => h.command.action)).toEqual(["close"]);
    link.answerHeld();
    expect(await r.inFlight?.settled).toEqual({ status: "placed", detail: "closed" });
    expect(venue.side("EURUSD")).toBe(0);
  });

  it("does not enter the other way when the close is refused", async () => {
    const link = new MemoryConnectorLink(10_000);
    link.emit({ symbol: "EURUSD", bid: 1.1, ask: 1.1002, time: 1_000 });
    const venue = new ConnectorVenue(link, 10);
    await actOn(venue, { ...o, want: 1 });
    link.refuse = { code: "rate_limited", message: "Too many orders: 30 a minute. Try again in 12 s." };
    expect(await actOn(venue, { ...o, want: -1 })).toMatchObject({
      action: "refused",
      note: "close refused",
    });
    expect(venue.side("EURUSD")).toBe(1);
  });
});
