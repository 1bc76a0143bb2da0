/**
 * The paper broker against hand-built quote streams. Every expected price and amount is
 * worked out by hand in the comment beside it (buys at the ask, sells at the bid), not
 * taken from the code's output.
 */
import { describe, expect, it } from "vitest";
import { PaperBroker } from "./paper-broker.ts";
import type { PaperAccountConfig, PaperEvent } from "./types.ts";

const T0 = Date.UTC(2024, 0, 2, 10, 0);
const MIN = 60_000;
const USD: PaperAccountConfig = {
  id: "a1",
  name: "Practice",
  currency: "USD",
  balance: 10_000,
  leverage: 30,
};

function account(config: Partial<PaperAccountConfig> = {}) {
  const p = new PaperBroker({ ...USD, ...config });
  let t = T0;
  const quote = (bid: number, ask: number, symbol = "EURUSD") => {
    t += MIN;
    return p.onQuote({ symbol, bid, ask, time: t });
  };
  return { p, quote };
}

const closes = (events: readonly PaperEvent[]) =>
  events.filter((e) => e.type === "close").map((e) => e.trade);

describe("PaperBroker fills", () => {
  it("buys at the ask, values at the bid, closes at the bid", () => {
    const { p, quote } = account();
    quote(1.1, 1.1002);
    const { events } = p.place({ symbol: "EURUSD", side: "buy", units: 10_000, type: "market" });
    expect(events).toMatchObject([{ type: "fill", side: "buy", units: 10_000, price: 1.1002 }]);
    quote(1.1012, 1.1014);
    const [pos] = p.positions();
    expect(pos.currentPrice).toBe(1.1012);
    expect(pos.unrealizedPl).toBeCloseTo(10, 9); // 10,000 x (1.1012 - 1.1002)
    expect(pos.pips).toBeCloseTo(10, 9);
    const [closed] = closes(p.closePosition(pos.id));
    expect(closed.exitPrice).toBe(1.1012);
    expect(closed.pnl).toBeCloseTo(10, 9);
    expect(p.account().balance).toBeCloseTo(10_010, 9);
  });

  it("sells at the bid and a short is valued at the ask", () => {
    const { p, quote } = account();
    quote(1.1, 1.1002);
    p.place({ symbol: "EURUSD", side: "sell", units: 10_000, type: "market" });
    quote(1.099, 1.0992);
    // entry 1.1000 (bid); now worth 1.0992 (ask): 10,000 x 0.0008 = 8.00
    expect(p.positions()[0].unrealizedPl).toBeCloseTo(8, 9);
  });

  it("a quote gapping through a buy stop fills at the quote, not at the stop", () => {
    const { p, quote } = account();
    quote(1.1, 1.1002);
    p.place({ symbol: "EURUSD", side: "buy", units: 10_000, type: "stop", price: 1.101 });
    expect(quote(1.1003, 1.1005)).toEqual([]);
    const events = quote(1.1028, 1.103);
    expect(events).toMatchObject([{ type: "fill", price: 1.103 }]);
    expect(p.positions()[0].openPrice).toBe(1.103);
  });

  it("a gap through a stop-loss exits at the bid of the gap quote", () => {
    const { p, quote } = account();
    quote(1.1, 1.1002);
    const { orderId } = p.place({
      symbol: "EURUSD",
      side: "buy",
      units: 10_000,
      type: "market",
      stopLoss: 1.095,
    });
    quote(1.096, 1.0962);
    const [t] = closes(quote(1.09, 1.0902));
    expect(t).toMatchObject({ positionId: orderId, reason: "sl", exitPrice: 1.09 });
    expect(t.pnl).toBeCloseTo(-102, 9); // 10,000 x (1.0900 - 1.1002)
  });

  it("a buy limit is not filled while only the bid touches it", () => {
    const { p, quote } = account();
    quote(1.1, 1.1002);
    p.place({ symbol: "EURUSD", side: "buy", units: 1_000, type: "limit", price: 1.099 });
    expect(quote(1.0989, 1.0991)).toEqual([]); // bid under the limit, ask above: no fill
    expect(p.orders()).toHaveLength(1);
    expect(quote(1.0988, 1.099)).toMatchObject([{ type: "fill", price: 1.099 }]);
  });

  it("one quote beyond the take-profit closes once, at the quote, and drops the stop-loss", () => {
    const { p, quote } = account();
    quote(1.1, 1.1002);
    p.place({
      symbol: "EURUSD",
      side: "buy",
      units: 10_000,
      type: "market",
      stopLoss: 1.095,
      takeProfit: 1.105,
    });
    const events = quote(1.11, 1.1102);
    const cs = closes(events);
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ reason: "tp", exitPrice: 1.11 });
    expect(cs[0].pnl).toBeCloseTo(98, 9); // 10,000 x (1.1100 - 1.1002)
    expect(p.positions()).toEqual([]);
    expect(quote(1.09, 1.0902)).toEqual([]); // the stop-loss went with the trade
  });

  it("a stop entry and its take-profit inside one gap quote: in at the ask, out at the bid", () => {
    const { p, quote } = account();
    quote(1.1, 1.1002);
    p.place({
      symbol: "EURUSD",
      side: "buy",
      units: 10_000,
      type: "stop",
      price: 1.101,
      stopLoss: 1.098,
      takeProfit: 1.102,
    });
    const events = quote(1.1028, 1.103);
    expect(events.map((e) => e.type)).toEqual(["fill", "close"]);
    const [t] = closes(events);
    expect(t).toMatchObject({ reason: "tp", entryPrice: 1.103, exitPrice: 1.1028 });
    expect(t.pnl).toBeCloseTo(-2, 9); // 10,000 x (1.1028 - 1.1030)
  });

  it("margin call under 100% and stop-out under 50%", () => {
    const { p, quote } = account({ balance: 1_000, leverage: 100 });
    quote(1.0998, 1.1);
    p.place({ symbol: "EURUSD", side: "buy", units: 50_000, type: "market" });
    // bid 1.0910: equity 1000 - 50,000 x 0.0090 = 550; margin 50,000 x 1.091 / 100 = 545.5 -> 100.8%
    expect(quote(1.091, 1.0912)).toEqual([]);
    // bid 1.0900: equity 500; margin 545 -> 91.7%
    const call = quote(1.09, 1.0902);
    expect(call).toHaveLength(1);
    expect(call[0].type).toBe("margin-call");
    expect(call[0].type === "margin-call" && call[0].marginLevel).toBeCloseTo((500 / 545) * 100, 6);
    expect(quote(1.0895, 1.0897)).toEqual([]); // raised once
    // bid 1.0850: equity 250; margin 542.5 -> 46%: closed at the bid
    const [t] = closes(quote(1.085, 1.0852));
    expect(t).toMatchObject({ reason: "stop-out", exitPrice: 1.085 });
    expect(t.pnl).toBeCloseTo(-750, 9);
    expect(p.account().balance).toBeCloseTo(250, 9);
  });

  it("cancels an order the free margin cannot carry", () => {
    const { p, quote } = account({ balance: 1_000, leverage: 100 });
    quote(1.0998, 1.1);
    // needs 100,000 x 1.1000 = 110,000 of buying power; 1,000 x 100 = 100,000 available
    const { events } = p.place({ symbol: "EURUSD", side: "buy", units: 100_000, type: "market" });
    expect(events).toMatchObject([{ type: "cancel", reason: "insufficient-margin" }]);
    expect(p.positions()).toEqual([]);
  });

  it("converts P/L into a EUR account at 1 / mid", () => {
    const { p, quote } = account({ currency: "EUR" });
    quote(1.1, 1.1002);
    const { orderId } = p.place({ symbol: "EURUSD", side: "buy", units: 10_000, type: "market" });
    quote(1.11, 1.1102);
    const [t] = closes(p.closePosition(orderId));
    // 10,000 x (1.1100 - 1.1002) = 98 USD; mid 1.1101 -> 98 / 1.1101 EUR
    expect(t.pnl).toBeCloseTo(98 / 1.1101, 9);
  });

  it("charges commission per lot on each fill", () => {
    const { p, quote } = account({ commissionPerLot: 3.5 });
    quote(1.1, 1.1002);
    const { orderId } = p.place({ symbol: "EURUSD", side: "buy", units: 200_000, type: "market" });
    const [t] = closes(p.closePosition(orderId));
    // 2 lots x 3.5 x 2 fills = 14; price P/L 200,000 x (1.1000 - 1.1002) = -40
    expect(t.commission).toBeCloseTo(14, 9);
    expect(t.pnl).toBeCloseTo(-54, 9);
  });

  it("nets an opposite order against the open position; hedging keeps both", () => {
    const net = account();
    net.quote(1.1, 1.1002);
    net.p.place({ symbol: "EURUSD", side: "buy", units: 10_000, type: "market" });
    net.p.place({ symbol: "EURUSD", side: "sell", units: 4_000, type: "market" });
    expect(net.p.positions().map((x) => x.units)).toEqual([6_000]);
    const hedge = account({ hedging: true });
    hedge.quote(1.1, 1.1002);
    hedge.p.place({ symbol: "EURUSD", side: "buy", units: 10_000, type: "market" });
    hedge.p.place({ symbol: "EURUSD", side: "sell", units: 4_000, type: "market" });
    expect(hedge.p.positions().map((x) => x.side)).toEqual(["buy", "sell"]);
  });
});

describe("PaperBroker with several symbols", () => {
  it("converts a cross through the converting pair's quotes and sums the account over symbols", () => {
    const p = new PaperBroker(USD);
    const t = T0 + MIN;
    p.onQuote({ symbol: "GBPUSD", bid: 1.2499, ask: 1.2501, time: t }); // mid 1.25
    p.onQuote({ symbol: "EURGBP", bid: 0.85, ask: 0.8502, time: t });
    p.onQuote({ symbol: "EURUSD", bid: 1.1, ask: 1.1002, time: t });
    p.place({ symbol: "EURGBP", side: "buy", units: 10_000, type: "market" });
    p.place({ symbol: "EURUSD", side: "buy", units: 10_000, type: "market" });
    p.onQuote({ symbol: "EURGBP", bid: 0.8552, ask: 0.8554, time: t + MIN });
    p.onQuote({ symbol: "EURUSD", bid: 1.1012, ask: 1.1014, time: t + MIN });
    const [cross, major] = p.positions();
    // 10,000 x (0.8552 - 0.8502) = 50 GBP = 62.50 USD at 1.25
    expect(cross.unrealizedPl).toBeCloseTo(62.5, 9);
    expect(major.unrealizedPl).toBeCloseTo(10, 9); // 10,000 x (1.1012 - 1.1002)
    const a = p.account();
    expect(a.equity).toBeCloseTo(10_072.5, 9);
    // margins: 10,000 x 0.8552 x 1.25 / 30 and 10,000 x 1.1012 / 30
    expect(a.marginUsed).toBeCloseTo((10_000 * 0.8552 * 1.25) / 30 + (10_000 * 1.1012) / 30, 9);
  });

  it("names the missing conversion rate for a cross without a converting quote", () => {
    const p = new PaperBroker(USD);
    p.onQuote({ symbol: "EURGBP", bid: 0.85, ask: 0.8502, time: T0 });
    expect(() => p.place({ symbol: "EURGBP", side: "buy", units: 1_000, type: "market" })).toThrow(
      /needs a GBPUSD rate/,
    );
  });
});

describe("PaperBroker orders and positions", () => {
  it("rejects brackets on the wrong side with a sentence naming the price", () => {
    const { p, quote } = account();
    quote(1.1, 1.1002);
    expect(() =>
      p.place({ symbol: "EURUSD", side: "buy", units: 1000, type: "market", stopLoss: 1.101 }),
    ).toThrow("Stop-loss of a buy must be below the entry price 1.1002 (got 1.101).");
    expect(() => p.place({ symbol: "GBPUSD", side: "buy", units: 1000, type: "market" })).toThrow(
      /No price for GBPUSD yet/,
    );
  });

  it("moves, removes and hits a stop-loss; modifies and cancels working orders", () => {
    const { p, quote } = account();
    quote(1.1, 1.1002);
    const { orderId } = p.place({
      symbol: "EURUSD",
      side: "buy",
      units: 10_000,
      type: "market",
      stopLoss: 1.09,
    });
    p.modifyPosition(orderId, { stopLoss: 1.099 });
    expect(p.positions()[0].stopLoss).toBe(1.099);
    expect(() => p.modifyPosition(orderId, { stopLoss: 1.1005 })).toThrow(/below the current bid 1.1/);
    const [t] = closes(quote(1.0985, 1.0987));
    expect(t).toMatchObject({ reason: "sl", exitPrice: 1.0985 });

    const limit = p.place({ symbol: "EURUSD", side: "sell", units: 2_000, type: "limit", price: 1.105 });
    p.modifyOrder(limit.orderId, { price: 1.104, takeProfit: 1.1 });
    expect(p.orders()[0]).toMatchObject({ type: "limit", price: 1.104, takeProfit: 1.1 });
    expect(p.cancelOrder(limit.orderId)).toMatchObject([{ type: "cancel", reason: "cancelled" }]);
    expect(p.orders()).toEqual([]);
  });

  it("keeps journal notes and tags on closed trades", () => {
    const { p, quote } = account();
    quote(1.1, 1.1002);
    const { orderId } = p.place({ symbol: "EURUSD", side: "buy", units: 1_000, type: "market" });
    const [t] = closes(p.closePosition(orderId));
    p.setJournal(t.id, "Chased the breakout", ["breakout", " fomo ", ""]);
    expect(p.history()[0]).toMatchObject({ note: "Chased the breakout", tags: ["breakout", "fomo"] });
  });
});

describe("PaperBroker save and restore", () => {
  it("continues exactly after a JSON round trip in the middle of a trade", () => {
    const a = account({ swapLong: -5, swapShort: 1 });
    a.quote(1.1, 1.1002);
    a.p.place({
      symbol: "EURUSD",
      side: "buy",
      units: 30_000,
      type: "market",
      stopLoss: 1.097,
      takeProfit: 1.106,
      trailingStop: 0.002,
    });
    a.p.place({
      symbol: "EURUSD",
      side: "sell",
      units: 10_000,
      type: "limit",
      price: 1.103,
      stopLoss: 1.108,
    });
    a.p.place({ symbol: "EURUSD", side: "buy", units: 5_000, type: "stop", price: 1.1045 });
    a.quote(1.1015, 1.1017);
    const saved = JSON.parse(JSON.stringify(a.p.save()));
    const b = PaperBroker.restore(saved);
    expect(b.save()).toEqual(a.p.save());
    // the same future quotes (through a rollover, the limit, the stop and the trailing stop)
    const future: [number, number, number][] = [
      [Date.UTC(2024, 0, 3, 0, 5), 1.1031, 1.1033],
      [Date.UTC(2024, 0, 3, 1), 1.1047, 1.1049],
      [Date.UTC(2024, 0, 3, 2), 1.1052, 1.1054],
      [Date.UTC(2024, 0, 3, 3), 1.102, 1.1022],
    ];
    for (const [time, bid, ask] of future) {
      const ea = a.p.onQuote({ symbol: "EURUSD", bid, ask, time });
      const eb = b.onQuote({ symbol: "EURUSD", bid, ask, time });
      expect(eb).toEqual(ea);
    }
    expect(b.save()).toEqual(a.p.save());
    expect(a.p.history().length).toBeGreaterThan(0);
    expect(a.p.history().some((t) => t.swap !== 0)).toBe(true);
  });

  it("refuses a damaged state with the field at fault", () => {
    const { p } = account();
    const s = p.save() as unknown as Record<string, unknown>;
    expect(() => PaperBroker.restore({ ...s, cash: "lots" })).toThrow(/damaged at cash/);
  });
});
