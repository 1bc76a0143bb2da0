/**
 * The paper broker's account-wide stop-out with positions in two symbols (EURUSD and USDJPY
 * in a USD account, leverage 1:100, stop-out at 50 %). Reference: hand computation in the
 * comments (USDJPY P/L and margin convert at 1 / mid; margin = units x bid / 100), with the
 * MT5 retail rule: close the largest loss first, re-check, repeat while under the level.
 */
import { describe, expect, it } from "vitest";
import { PaperBroker } from "./paper-broker.ts";
import type { PaperEvent } from "./types.ts";

const T0 = Date.UTC(2024, 0, 2, 10, 0);
const MIN = 60_000;

const closes = (events: readonly PaperEvent[]) =>
  events.filter((e) => e.type === "close").map((e) => e.trade);

/**
 * Long 20,000 EURUSD at 1.1000 (ask) and short 10,000 USDJPY at 149.99 (bid), then USDJPY
 * 153.99 / 154.01 (mid 154): the short loses 10,000 x (154.01 - 149.99) = 40,200 JPY
 * = 40,200 / 154 = 261.04 USD, its margin is 10,000 x 153.99 / 100 / 154 = 99.9935 USD.
 */
function twoSymbols(balance: number, eurusd: [number, number] = [1.0998, 1.1]) {
  const p = new PaperBroker({ id: "a1", name: "Practice", currency: "USD", balance, leverage: 100 });
  let t = T0;
  const quote = (symbol: string, bid: number, ask: number) => {
    t += MIN;
    return { events: p.onQuote({ symbol, bid, ask, time: t }), time: t };
  };
  quote("EURUSD", 1.0998, 1.1);
  quote("USDJPY", 149.99, 150.01);
  const eur = p.place({ symbol: "EURUSD", side: "buy", units: 20_000, type: "market" });
  const jpy = p.place({ symbol: "USDJPY", side: "sell", units: 10_000, type: "market" });
  expect(eur.events).toMatchObject([{ type: "fill", price: 1.1 }]);
  expect(jpy.events).toMatchObject([{ type: "fill", price: 149.99 }]);
  quote("EURUSD", ...eurusd);
  return { p, quote, eurId: eur.orderId, jpyId: jpy.orderId };
}

const JPY_LOSS = (10_000 * (154.01 - 149.99)) / 154; // 261.0390 USD
const JPY_MARGIN = (10_000 * 153.99) / 100 / 154; // 99.9935 USD

describe("PaperBroker account-wide stop-out", () => {
  it("a EURUSD quote stops out the larger USDJPY loss at USDJPY's ask; EURUSD stays open", () => {
    const { p, quote, eurId, jpyId } = twoSymbols(600);
    // after USDJPY 153.99/154.01: equity 600 - 4 - 261.04 = 334.96; margin 219.96 + 99.99
    // = 319.95 -> 104.7 %, nothing happens
    expect(quote("USDJPY", 153.99, 154.01).events).toEqual([]);
    const saved = JSON.parse(JSON.stringify(p.save()));
    // EURUSD bid 1.0900: long loses 20,000 x 0.0100 = 200 (< 261.04); margin 218.
    // equity 600 - 200 - 261.04 = 138.96; margin 317.99 -> 43.7 % < 50 %
    const { events, time } = quote("EURUSD", 1.09, 1.0902);
    const out = closes(events);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      positionId: jpyId,
      symbol: "USDJPY",
      side: "sell",
      reason: "stop-out",
      exitPrice: 154.01, // the short closes at USDJPY's last ask
      exitTime: time,
    });
    expect(out[0].pnl).toBeCloseTo(-JPY_LOSS, 9);
    // then: balance 600 - 261.04 = 338.96, equity 138.96, margin 218 -> 63.7 %: EURUSD stays
    const a = p.account();
    expect(a.balance).toBeCloseTo(600 - JPY_LOSS, 9);
    expect(a.marginUsed).toBeCloseTo(218, 9);
    expect(a.marginLevel).toBeCloseTo(((600 - JPY_LOSS - 200) / 218) * 100, 9);
    expect(p.positions().map((x) => x.id)).toEqual([eurId]);
    expect(events.map((e) => e.type)).toEqual(["close", "margin-call"]); // 63.7 % < 100 %

    // the same account restored before the quote does exactly the same
    const b = PaperBroker.restore(saved);
    expect(b.onQuote({ symbol: "EURUSD", bid: 1.09, ask: 1.0902, time })).toEqual(events);
    expect(b.save()).toEqual(p.save());
  });

  it("closes every position, largest loss first, when one close is not enough", () => {
    const { p, quote, jpyId, eurId } = twoSymbols(600);
    quote("USDJPY", 153.99, 154.01);
    // EURUSD bid 1.0870: long loses 20,000 x 0.0130 = 260 (< 261.04); margin 217.4.
    // equity 600 - 521.04 = 78.96; margin 317.39 -> 24.9 %: close USDJPY first;
    // then equity 78.96, margin 217.4 -> 36.3 %: close EURUSD at its bid 1.0870
    const { events } = quote("EURUSD", 1.087, 1.0872);
    const out = closes(events);
    expect(out.map((t) => [t.positionId, t.reason, t.exitPrice])).toEqual([
      [jpyId, "stop-out", 154.01],
      [eurId, "stop-out", 1.087],
    ]);
    expect(out[0].pnl).toBeCloseTo(-JPY_LOSS, 9);
    expect(out[1].pnl).toBeCloseTo(-260, 9);
    expect(p.positions()).toEqual([]);
    const a = p.account();
    expect(a.balance).toBeCloseTo(600 - JPY_LOSS - 260, 9); // 78.96
    expect(a.marginLevel).toBeNull();
    expect(events.map((e) => e.type)).toEqual(["close", "close"]); // nothing left to call
  });

  it("ranks losses in account currency: a USDJPY quote closes the 300 USD EURUSD loss, not the 40,200 JPY one", () => {
    // EURUSD at 1.0850 / 1.0852 before USDJPY moves: long loses 20,000 x 0.0150 = 300 USD
    const { p, quote, eurId, jpyId } = twoSymbols(700, [1.085, 1.0852]);
    // USDJPY 153.99/154.01: equity 700 - 300 - 261.04 = 138.96; margin 217 + 99.99 = 316.99
    // -> 43.8 %: the largest loss is EURUSD's 300 USD (the short's 40,200 JPY = 261.04 USD)
    const { events, time } = quote("USDJPY", 153.99, 154.01);
    const out = closes(events);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      positionId: eurId,
      symbol: "EURUSD",
      reason: "stop-out",
      exitPrice: 1.085, // EURUSD's last bid, not a USDJPY price
      exitTime: time,
    });
    expect(out[0].pnl).toBeCloseTo(-300, 9);
    // then: balance 400, equity 400 - 261.04 = 138.96, margin 99.99 -> 139 %: USDJPY stays
    expect(p.positions().map((x) => x.id)).toEqual([jpyId]);
    expect(p.account().marginUsed).toBeCloseTo(JPY_MARGIN, 9);
    expect(p.account().equity).toBeCloseTo(400 - JPY_LOSS, 9);
  });
});
