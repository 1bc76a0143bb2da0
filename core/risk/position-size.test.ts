/**
 * Worked examples of position sizing. Reference: hand computation (written out beside each
 * case) and the worked examples of issue 8; none of the expected numbers come from the code.
 */
import { describe, expect, it } from "vitest";
import { floorToStep, positionSize } from "./position-size.ts";

describe("positionSize: worked examples (USD account unless said)", () => {
  it("EURUSD 1.1000, 10,000, 1%, 50 pips -> 20,000 units, pip 2.00, margin 733.33", () => {
    // risk 100; pip value per unit 0.0001 USD; 100 / (50 x 0.0001) = 20,000
    const r = positionSize({ pair: "EURUSD", price: 1.1, balance: 10_000, riskPct: 1, stopPips: 50 });
    expect(r.units).toBe(20_000);
    expect(r.lots).toBe(0.2);
    expect(r.pipValue).toBeCloseTo(2, 10);
    expect(r.riskAmount).toBeCloseTo(100, 10);
    expect(r.marginRequired).toBeCloseTo(733.33, 2); // 20,000 x 1.10 / 30
  });

  it("USDJPY 150.00: 29999.999999999996 in doubles must size 30,000 (JPY pip 0.01)", () => {
    // pip value per unit in USD = 0.01 / 150; 100 / (50 x 0.01 / 150) = 30,000 exactly on paper
    expect(100 / ((50 * 0.01) / 150)).toBe(29999.999999999996);
    const r = positionSize({ pair: "USDJPY", price: 150, balance: 10_000, riskPct: 1, stopPips: 50 });
    expect(r.units).toBe(30_000);
    expect(r.pipValue).toBeCloseTo(2, 10); // 30,000 x 0.01 / 150
    expect(r.marginRequired).toBeCloseTo(1000, 8); // account = base: 30,000 USD / 30
  });

  it("EURGBP 0.8500 in a USD account with GBPUSD 1.25, 40 pips -> 20,000 units, margin 708.33", () => {
    // pip per unit = 0.0001 GBP = 0.000125 USD; 100 / (40 x 0.000125) = 20,000
    const r = positionSize({
      pair: "EURGBP",
      price: 0.85,
      balance: 10_000,
      riskPct: 1,
      stopPips: 40,
      accountCurrency: "USD",
      conversionRate: 1.25,
    });
    expect(r.units).toBe(20_000);
    expect(r.pipValue).toBeCloseTo(2.5, 10);
    expect(r.marginRequired).toBeCloseTo(708.33, 2); // 20,000 x 0.85 x 1.25 / 30
  });

  it("EUR account on EURUSD converts with 1/price", () => {
    // 100 EUR risk; a pip is 0.0001 USD = 0.0001/1.1 EUR per unit; 100 / (50 x 0.0001 / 1.1) = 22,000
    const r = positionSize({
      pair: "EURUSD",
      price: 1.1,
      balance: 10_000,
      riskPct: 1,
      stopPips: 50,
      accountCurrency: "EUR",
    });
    expect(r.units).toBe(22_000);
    expect(r.pipValue).toBeCloseTo(2, 10);
    expect(r.marginRequired).toBeCloseTo(733.33, 2); // 22,000 EUR / 30
  });

  it("cash risk: 250 on GBPUSD with 25 pips is one standard lot", () => {
    const r = positionSize({ pair: "GBPUSD", price: 1.27, balance: 5_000, riskAmount: 250, stopPips: 25 });
    expect(r.units).toBe(100_000); // 250 / (25 x 0.0001)
    expect(r.lots).toBe(1);
    expect(r.marginRequired).toBeCloseTo(4233.33, 2); // 100,000 x 1.27 / 30
  });

  it("lot steps round down, never up", () => {
    // 100 / (30 x 0.0001) = 33,333.33 units
    const base = { pair: "EURUSD", price: 1.1, balance: 10_000, riskPct: 1, stopPips: 30 };
    expect(positionSize({ ...base, lotStep: 1 }).units).toBe(33_333);
    expect(positionSize({ ...base, lotStep: 1_000 }).units).toBe(33_000);
    expect(positionSize({ ...base, lotStep: 10_000 }).units).toBe(30_000);
    expect(positionSize({ ...base, lotStep: 100_000 }).units).toBe(0);
    // 39,999 units of risk never rounds up to 40,000
    expect(floorToStep(39_999.5, 1_000)).toBe(39_000);
    expect(floorToStep(29_999.999999999996, 10_000)).toBe(30_000);
  });

  it("leverage changes only the margin", () => {
    const r = positionSize({
      pair: "EURUSD",
      price: 1.1,
      balance: 10_000,
      riskPct: 1,
      stopPips: 50,
      leverage: 100,
    });
    expect(r.units).toBe(20_000);
    expect(r.marginRequired).toBeCloseTo(220, 8);
  });
});

describe("positionSize: bad input says what to fix", () => {
  const ok = { pair: "EURUSD", price: 1.1, balance: 10_000, riskPct: 1, stopPips: 50 };
  it("rejects a stop of 0", () => {
    expect(() => positionSize({ ...ok, stopPips: 0 })).toThrow(
      /Stop distance in pips must be a number above 0/,
    );
  });
  it("rejects a negative balance", () => {
    expect(() => positionSize({ ...ok, balance: -5 })).toThrow(/Balance must be above 0/);
  });
  it("rejects an unknown pair", () => {
    expect(() => positionSize({ ...ok, pair: "ABCDEF" })).toThrow(/Unknown symbol "ABCDEF"/);
  });
  it("names the missing conversion rate", () => {
    expect(() => positionSize({ ...ok, pair: "EURGBP", price: 0.85, accountCurrency: "CHF" })).toThrow(
      /conversion rate from GBP to CHF \(the GBPCHF price\)/,
    );
  });
  it("wants exactly one of risk % and risk amount", () => {
    expect(() => positionSize({ ...ok, riskAmount: 50 })).toThrow(/either as a percentage/);
  });
});
