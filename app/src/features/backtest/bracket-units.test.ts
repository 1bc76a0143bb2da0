import { describe, expect, it } from "vitest";
import { runBacktest } from "../../../../core/backtest/engine.ts";
import { createBars } from "../../../../core/market/candles.ts";
import { BRACKET_PARAMS, enter } from "../../../../core/strategy/common.ts";
import type { StrategyDefinition } from "../../../../core/strategy/types.ts";
import { withBracketUnits } from "./bracket-units.ts";

/** Buys once on bar 1 through the built-ins' own entry helper (brackets from stopLoss/takeProfit). */
const buyOnce: StrategyDefinition = {
  id: "buy-once",
  name: "Buy once",
  description: "test",
  params: [...BRACKET_PARAMS],
  create: ({ bars, broker, params }) => ({
    warmup: 0,
    next(i) {
      if (i === 1) enter(broker, 1, bars.close[i], params);
    },
  }),
};

/** Bar 1 closes at 1.10000; bar 2 opens there (the fill); bar 3 falls to 1.09600. */
function bars() {
  const b = createBars(5);
  const rows = [
    [1.1, 1.1005, 1.0995, 1.1],
    [1.1, 1.1005, 1.0995, 1.1],
    [1.1, 1.1005, 1.0995, 1.1],
    [1.0995, 1.0998, 1.096, 1.0965],
    [1.0965, 1.097, 1.096, 1.0965],
  ];
  rows.forEach(([o, h, l, c], i) => {
    b.time[i] = i * 3_600_000;
    b.open[i] = o;
    b.high[i] = h;
    b.low[i] = l;
    b.close[i] = c;
  });
  return b;
}

const run = (unit: "pips" | "price" | "percent", stopLoss: number) =>
  runBacktest({
    bars: bars(),
    strategy: withBracketUnits(buyOnce, { unit, pipSize: 0.0001 }),
    params: { stopLoss },
    settings: { cash: 10_000 },
  });

describe("stop-loss in pips, price distance or percent (hand-computed stop prices)", () => {
  it("30 pips below a 1.10000 close stops out at 1.09700", () => {
    const t = run("pips", 30).trades;
    expect(t).toHaveLength(1);
    expect(t[0].exitPrice).toBeCloseTo(1.097, 10);
    expect(t[0].exitReason).toBe("sl");
  });

  it("a price distance of 0.0025 stops out at 1.09750", () => {
    expect(run("price", 0.0025).trades[0].exitPrice).toBeCloseTo(1.0975, 10);
  });

  it("0.2% of 1.10000 (0.0022) stops out at 1.09780", () => {
    expect(run("percent", 0.2).trades[0].exitPrice).toBeCloseTo(1.0978, 10);
  });

  it("accepts 30 (pips) where the raw fraction parameter refused anything above 0.99", () => {
    expect(() => runBacktest({ bars: bars(), strategy: buyOnce, params: { stopLoss: 30 } })).toThrow(
      /between 0 and 0.99/,
    );
    expect(() => run("pips", 30)).not.toThrow();
  });
});
