import { describe, expect, it } from "vitest";
import { smaCross } from "../../../../core/strategy/sma-cross.ts";
import { FOREX_DEFAULTS } from "./account-form.ts";
import { specsInUnit } from "./bracket-units.ts";
import { costText, paramProblem, paramText, runName } from "./run-naming.ts";
import { formatDays, formatStat } from "./stat-labels.ts";

const specs = specsInUnit(smaCross.params, "pips");

describe("parameter problems in the trader's words", () => {
  it("says an empty field is empty, not 'must be a number (got NaN)'", () => {
    const msg = paramProblem(specs, { fast: Number.NaN, slow: 30, stopLoss: 0, takeProfit: 0 });
    expect(msg).toBe("Fast SMA is empty: type a number of bars (the default is 10).");
    expect(msg).not.toMatch(/NaN/);
  });

  it("refuses a fast average that is not faster than the slow one and says what to do", () => {
    expect(paramProblem(specs, { fast: 30, slow: 10 })).toMatch(
      /^Fast SMA \(30\) must be shorter than Slow SMA \(10\).*Swap the two values/,
    );
    expect(paramProblem(specs, { fast: 20, slow: 20 })).toMatch(/must be shorter/);
    expect(paramProblem(specs, { fast: 10, slow: 30, stopLoss: 30, takeProfit: 60 })).toBe("");
  });

  it("names whole numbers of bars and the bounds", () => {
    expect(paramProblem(specs, { fast: 2.5, slow: 30 })).toMatch(/whole number/);
    expect(paramProblem(specs, { fast: 10, slow: 30, stopLoss: -1 })).toBe(
      "Stop-loss (pips) must be at least 0 (got -1).",
    );
  });
});

describe("run names and cost summaries", () => {
  const account = { ...FOREX_DEFAULTS, leverage: 50, spreadPips: 1.2, commissionPerLot: 7 };
  const from = Date.UTC(2024, 0, 2);
  const to = Date.UTC(2024, 5, 28, 23);

  it("names strategy, parameters with units, data set, period, leverage and costs", () => {
    expect(
      runName({
        strategy: "SMA cross",
        params: { fast: 10, slow: 30, stopLoss: 30, takeProfit: 0 },
        bracketUnit: "pips",
        dataset: "EURUSD",
        timeframe: "H1",
        from,
        to,
        account,
      }),
    ).toBe(
      "SMA cross 10/30 SL 30 pips · EURUSD H1 2024-01-02..2024-06-28 · 1:50 · spread 1.2 pips · commission 7/lot",
    );
  });

  it("tells apart two runs that differ only in costs or leverage", () => {
    const base = {
      strategy: "SMA cross",
      params: { fast: 10, slow: 30 },
      dataset: "EURUSD",
      timeframe: "H1",
      from,
      to,
    };
    const a = runName({ ...base, account: { ...FOREX_DEFAULTS } });
    expect(runName({ ...base, account: { ...FOREX_DEFAULTS, spreadPips: 2 } })).not.toBe(a);
    expect(runName({ ...base, account: { ...FOREX_DEFAULTS, leverage: 100 } })).not.toBe(a);
  });

  it("shows spread in pips as entered (1 pip, not 0.9 bp)", () => {
    expect(costText({ ...FOREX_DEFAULTS, spreadPips: 1 })).toBe("spread 1 pip");
    expect(
      costText({ ...FOREX_DEFAULTS, spreadPips: 0.8, slippagePips: 0.5, swapLong: -3, swapShort: 1 }),
    ).toBe("spread 0.8 pips · slippage 0.5 pips · swap -3/1 pts");
    expect(paramText({ fast: 10, slow: 30, stopLoss: 0.5, takeProfit: 1 }, "percent")).toBe(
      "10/30 SL 0.5% TP 1%",
    );
  });
});

describe("durations", () => {
  it("uses hours and minutes below a day (hand conversions)", () => {
    expect(formatDays(2.25)).toBe("2.3 d");
    expect(formatDays(1)).toBe("1.0 d");
    expect(formatDays(0.5)).toBe("12.0 h");
    expect(formatDays(1 / 24)).toBe("1.0 h");
    expect(formatDays(0.75 / 24)).toBe("45 min");
    expect(formatStat("avgTradeDurationDays", 0.01)).toBe("14 min");
    expect(formatStat("avgTradeDurationDays", 0.01)).not.toBe("0.0 d");
  });
});
