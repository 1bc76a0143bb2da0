// Mapping the connector's state onto the Trade page: closed trades from fills (a hand-made
// round trip: buy 10,000 at 1.1000, closed at 1.1020 -> +20 pips, P/L 20.00 as the broker
// reported it), events only for fills not seen before, position pips from the live quote.
import { describe, expect, it } from "vitest";
import type { Fill } from "../../../../core/protocol/index.ts";
import { closedTrades, toSnapshot } from "./connector-snapshot.ts";

const open: Fill = {
  id: "F1",
  brokerOrderId: "O1",
  symbol: "EURUSD",
  side: "buy",
  units: 10_000,
  price: 1.1,
  reason: "order",
  realizedPl: 0,
  time: 1000,
};
const close: Fill = {
  id: "F2",
  symbol: "EURUSD",
  side: "sell",
  units: 10_000,
  price: 1.102,
  reason: "close",
  realizedPl: 20,
  time: 2000,
};

describe("connector snapshot", () => {
  it("pairs a closing fill with the opening fill before it", () => {
    expect(closedTrades([close, open])).toEqual([
      {
        id: "F2",
        positionId: "O1",
        symbol: "EURUSD",
        side: "buy",
        units: 10_000,
        entryTime: 1000,
        exitTime: 2000,
        entryPrice: 1.1,
        exitPrice: 1.102,
        pnl: 20,
        commission: 0,
        swap: 0,
        reason: "close",
        note: "",
        tags: [],
      },
    ]);
    expect(closedTrades([{ ...close, reason: "stop_out" }, open])[0].reason).toBe("stop-out");
  });

  it("reports each fill once as an event and computes position pips from the quote", () => {
    const seen = new Set<string>();
    const state = {
      accountId: "connector:c1",
      name: "box",
      leverage: 30,
      account: null,
      quotes: { EURUSD: { symbol: "EURUSD", bid: 1.1015, ask: 1.1017, time: 5 } },
      positions: [
        {
          id: "P1",
          symbol: "EURUSD",
          side: "buy" as const,
          units: 10_000,
          openPrice: 1.1,
          openTime: 1,
          unrealizedPl: 15,
        },
      ],
      orders: [],
      fills: [open],
      symbol: "EURUSD",
    };
    const first = toSnapshot(state, seen, 1);
    expect(first.events).toEqual([
      {
        type: "fill",
        orderId: "O1",
        positionId: "O1",
        symbol: "EURUSD",
        side: "buy",
        units: 10_000,
        price: 1.1,
        time: 1000,
      },
    ]);
    // bid 1.1015 - open 1.1000 = 15 pips (pip 0.0001)
    expect(first.positions[0].pips).toBeCloseTo(15, 9);
    expect(first.quote?.bid).toBe(1.1015);
    const second = toSnapshot({ ...state, fills: [close, open] }, seen, 2);
    expect(second.events.map((e) => e.type)).toEqual(["close"]);
    expect(second.history).toHaveLength(1);
    expect(toSnapshot({ ...state, fills: [close, open] }, seen, 3).events).toEqual([]);
  });
});
