import { describe, expect, it } from "vitest";
import { runBacktest } from "../backtest/engine.ts";
import { barsFromRows } from "../market/candles.ts";
import { buyAndHold, modelSignal, signalSide } from "./model-signal.ts";

const opens = [1.0, 1.1, 1.2, 1.25, 1.3, 1.4, 1.35, 1.3];
const bars = barsFromRows(
  opens.map((o, i) => ({ time: i * 3_600_000, open: o, high: o + 0.2, low: o - 0.2, close: o, volume: 1 })),
);

describe("model-signal strategy", () => {
  it("maps probabilities to sides with the threshold and the short switch", () => {
    const p = { threshold: 0.55, allowShort: 1 };
    expect([0.6, 0.5, 0.44, Number.NaN].map((x) => signalSide(x, p))).toEqual([1, 0, -1, 0]);
    expect(signalSide(0.2, { threshold: 0.55, allowShort: 0 })).toBe(0);
  });

  it("trades row t's prediction at bar t's open (hand-computed P/L)", () => {
    // rows 2..4 say up, row 5 has no prediction: long from open[2] = 1.2 to open[5] = 1.4
    const probs = [Number.NaN, Number.NaN, 0.9, 0.8, 0.7, Number.NaN, Number.NaN, Number.NaN, Number.NaN];
    const r = runBacktest({ bars, strategy: modelSignal(probs), params: { threshold: 0.5, allowShort: 1 } });
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0];
    expect(t.entryBar).toBe(2);
    expect(t.exitBar).toBe(5);
    const units = Math.floor(10_000 / 1.2); // full equity at the entry price
    expect(t.size).toBe(units);
    expect(r.stats.equityFinal).toBeCloseTo(10_000 + units * (1.4 - 1.2), 6);
  });

  it("reverses on a down prediction", () => {
    const probs = [Number.NaN, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    const r = runBacktest({ bars, strategy: modelSignal(probs), params: { threshold: 0.5, allowShort: 1 } });
    // the engine's first next() runs after bar 1, so row 2 is the first tradable row
    expect(r.trades[0].entryBar).toBe(2);
    expect(r.trades[0].exitBar).toBe(3);
    expect(r.trades[1].size).toBeLessThan(0);
  });

  it("buy and hold buys once at the first bar it may act on", () => {
    const r = runBacktest({ bars, strategy: buyAndHold, startBar: 2 });
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0].entryBar).toBe(3);
  });
});
