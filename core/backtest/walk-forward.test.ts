import { describe, expect, it } from "vitest";
import { optimise } from "./optimise.ts";
import { parseRange, seededRandom } from "./param-space.ts";
import type { Bars } from "./types.ts";
import { localWalkRunners, walkForward, walkWindows } from "./walk-forward.ts";

function walk(n: number): Bars {
  const rnd = seededRandom(11);
  const close = new Float64Array(n);
  let p = 1.1;
  for (let i = 0; i < n; i++)
    close[i] = p = Math.round(p * (1 + (rnd() - 0.5) * 0.004 + 0.0002 * Math.sin(i / 40)) * 1e5) / 1e5;
  const open = Float64Array.from(close, (c, i) => (i ? close[i - 1] : c));
  return {
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000),
    open,
    high: Float64Array.from(close, (c, i) => Math.max(c, open[i]) + 0.0003),
    low: Float64Array.from(close, (c, i) => Math.min(c, open[i]) - 0.0003),
    close,
    volume: new Float64Array(n),
  };
}

describe("walk-forward", () => {
  it("windows roll by the out-of-sample length (or stay anchored at 0)", () => {
    expect(
      walkWindows(100, 40, 20).map((w) => [w.inSample.start, w.inSample.end, w.outOfSample.end]),
    ).toEqual([
      [0, 40, 60],
      [20, 60, 80],
      [40, 80, 100],
    ]);
    expect(
      walkWindows(100, 40, 25, true).map((w) => [w.inSample.start, w.outOfSample.start, w.outOfSample.end]),
    ).toEqual([
      [0, 40, 65],
      [0, 65, 90],
      [0, 90, 100],
    ]);
    expect(() => walkWindows(30, 40, 10)).toThrow(/not enough/);
  });

  it("optimises in sample, tests out of sample, stitches the curves", async () => {
    const bars = walk(1200);
    const ranges = [parseRange("fast=5:15:5"), parseRange("slow=20:40:10")];
    const runners = localWalkRunners({ bars, strategy: "sma-cross", lookback: 400 });
    const result = await walkForward({
      time: bars.time,
      ranges,
      objective: "returnPct",
      inSampleBars: 400,
      outOfSampleBars: 200,
      ...runners,
    });
    expect(result.windows).toHaveLength(4);
    expect(result.equity).toHaveLength(800);
    expect(result.equity[0]).toBe(10_000);
    // each window's parameters are the in-sample optimum
    const first = await optimise({
      ranges,
      objective: "returnPct",
      runOne: (p) => runners.runInSample(p, { start: 0, end: 400 }),
    });
    expect(result.windows[0].params).toEqual(first.best!.params);
    // window 2 starts where window 1 ended (its own run starts flat at the starting cash)
    expect(result.equity[200]).toBeCloseTo(result.equity[199], 6);
    // out-of-sample trades stay inside their windows
    for (const t of result.trades) {
      const w = Math.floor(t.entryBar / 200);
      expect(t.exitBar).toBeLessThan((w + 1) * 200);
    }
    expect(result.stats.trades).toBe(result.trades.length);
    expect(result.stats.equityFinal).toBe(result.equity[799]);
  });
});
