/** The ticket's plan: SL/TP from pips on the right side of the entry, size from risk (hand-computed). */
import { describe, expect, it } from "vitest";
import { planTicket, type TicketInput } from "./ticket-model.ts";

const base: TicketInput = {
  symbol: "EURUSD",
  side: "buy",
  type: "market",
  price: Number.NaN,
  unit: "pips",
  stopLoss: 50,
  takeProfit: 100,
  riskPct: 1,
  manualUnits: Number.NaN,
  bid: 1.1,
  ask: 1.1002,
  pipSize: 0.0001,
  digits: 5,
  balance: 10_000,
  currency: "USD",
  leverage: 30,
};

describe("planTicket", () => {
  it("buys at the ask with SL 50 pips under and TP 100 pips over, sized to 1% risk", () => {
    const p = planTicket(base);
    expect(p.entry).toBe(1.1002);
    expect(p.stopLoss).toBe(1.0952);
    expect(p.takeProfit).toBe(1.1102);
    // 100 / (50 x 0.0001) = 20,000 units
    expect(p.units).toBe(20_000);
    expect(p.request).toEqual({
      symbol: "EURUSD",
      side: "buy",
      units: 20_000,
      type: "market",
      stopLoss: 1.0952,
      takeProfit: 1.1102,
    });
  });

  it("sells at the bid with the levels mirrored; price levels pass through", () => {
    const p = planTicket({ ...base, side: "sell" });
    expect(p.stopLoss).toBe(1.105);
    expect(p.takeProfit).toBe(1.09);
    const q = planTicket({ ...base, unit: "price", stopLoss: 1.096, takeProfit: 1.11 });
    expect(q.stopPips).toBeCloseTo(42, 9);
    expect(q.units).toBe(23_000); // 100 / (42 x 0.0001) = 23,809 -> 23,000 in steps of 1,000
  });

  it("turns a trailing stop in pips into a price distance", () => {
    expect(planTicket({ ...base, trailingPips: 25 }).request?.trailingStop).toBe(0.0025);
    expect(
      planTicket({
        ...base,
        symbol: "USDJPY",
        pipSize: 0.01,
        digits: 3,
        bid: 150,
        ask: 150.01,
        trailingPips: 25,
      }).request?.trailingStop,
    ).toBe(0.25);
  });

  it("asks for a stop or units, and uses typed units", () => {
    expect(planTicket({ ...base, stopLoss: Number.NaN }).problem).toMatch(/Set a stop-loss/);
    expect(planTicket({ ...base, stopLoss: Number.NaN, manualUnits: 5_000 }).units).toBe(5_000);
  });
});
