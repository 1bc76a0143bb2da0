import { describe, expect, it } from "vitest";
import { barsFromRows } from "../market/candles.ts";
import { computeLabels } from "./labels.ts";

/** Bars from closes (open = previous close, high/low given or the body). */
function bars(closes: number[], highs?: number[], lows?: number[]) {
  return barsFromRows(
    closes.map((c, i) => {
      const o = i === 0 ? c : closes[i - 1];
      return {
        time: i * 3_600_000,
        open: o,
        high: highs?.[i] ?? Math.max(o, c),
        low: lows?.[i] ?? Math.min(o, c),
        close: c,
        volume: 1,
      };
    }),
  );
}

const list = (a: Float32Array) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));

describe("direction labels (hand-computed)", () => {
  it("horizon 1: row t is up when close[t] > close[t-1]; row 0 and the live row have none", () => {
    const b = bars([1.1, 1.2, 1.15, 1.15, 1.3]);
    expect(
      list(computeLabels(b, { kind: "direction", horizon: 1, deadZonePips: 0, pipSize: 0.0001 })),
    ).toEqual([
      null,
      1,
      0,
      null, // flat move: no label
      1,
      null,
    ]);
  });

  it("horizon 3 compares close[t+2] with close[t-1]; the last 3 rows have none", () => {
    const b = bars([1.0, 1.1, 0.9, 1.2, 1.05, 1.0]);
    // t=1: c3 1.2 vs c0 1.0 up; t=2: c4 1.05 vs c1 1.1 down; t=3: c5 1.0 vs c2 0.9 up
    expect(
      list(computeLabels(b, { kind: "direction", horizon: 3, deadZonePips: 0, pipSize: 0.0001 })),
    ).toEqual([null, 1, 0, 1, null, null, null]);
  });

  it("a dead zone drops moves of at most that many pips, both ways, boundary included", () => {
    const b = bars([1.1, 1.1005, 1.1, 1.1011, 1.1]);
    // moves: +5 pips, -5 pips, +11 pips, -11 pips; dead zone 5 pips
    expect(
      list(computeLabels(b, { kind: "direction", horizon: 1, deadZonePips: 5.0001, pipSize: 0.0001 })),
    ).toEqual([null, null, null, 1, 0, null]);
  });

  it("rejects a horizon below 1", () => {
    expect(() =>
      computeLabels(bars([1, 2]), { kind: "direction", horizon: 0, deadZonePips: 0, pipSize: 1 }),
    ).toThrow(/horizon/);
  });
});

describe("triple-barrier labels (hand-computed)", () => {
  const spec = {
    kind: "triple-barrier" as const,
    horizon: 3,
    takeProfitPips: 10,
    stopLossPips: 10,
    pipSize: 0.0001,
  };

  it("take-profit first = 1, stop first = 0, both in one bar = 0 (stop first), timeout = sign of the move", () => {
    const closes = [1.1, 1.1005, 1.1008, 1.1002, 1.1, 1.1, 1.1, 1.1, 1.1];
    const highs = [1.1, 1.1012, 1.1009, 1.1003, 1.1, 1.1015, 1.1, 1.1, 1.1];
    const lows = [1.1, 1.1, 1.1004, 1.1001, 1.0985, 1.0985, 1.1, 1.1, 1.1];
    const b = bars(closes, highs, lows);
    const got = list(computeLabels(b, spec));
    expect(got[1]).toBe(1); // entry 1.1000: bar 1 high 1.1012 >= 1.1010
    expect(got[2]).toBe(0); // entry 1.1005: bars 2, 3 stay inside; bar 4 low 1.0985 <= 1.0995
    expect(got[5]).toBe(0); // entry 1.1000: bar 5 touches 1.1015 and 1.0985 -> stop
    expect(got[6]).toBe(null); // entry 1.1: no touch, flat at the timeout -> no label
    expect(got[7]).toBe(null); // not enough bars left for the timeout
  });
});
