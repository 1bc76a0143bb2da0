import { describe, expect, it } from "vitest";
import { sma } from "../indicators/moving-average.ts";
import { runBacktest } from "./engine.ts";
import { candidates, heatmap, optimise } from "./optimise.ts";
import { gridOf, parseConstraint, parseRange, rangeValues, sampleOf } from "./param-space.ts";
import type { Bars } from "./types.ts";

function wave(n: number): Bars {
  const close = Float64Array.from(
    { length: n },
    (_, i) => 1.1 + 0.01 * Math.sin(i / 7) + 0.004 * Math.sin(i / 2.3),
  );
  const open = Float64Array.from(close, (c, i) => (i ? close[i - 1] : c));
  return {
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000),
    open,
    high: Float64Array.from(close, (c, i) => Math.max(c, open[i]) + 0.0005),
    low: Float64Array.from(close, (c, i) => Math.min(c, open[i]) - 0.0005),
    close,
    volume: new Float64Array(n),
  };
}

describe("parameter spaces", () => {
  it("ranges are inclusive and free of float drift", () => {
    expect(rangeValues(parseRange("x=0.1:0.5:0.1"))).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(rangeValues(parseRange("fast=5:30:5"))).toEqual([5, 10, 15, 20, 25, 30]);
    expect(rangeValues(parseRange("n=7"))).toEqual([7]);
    expect(() => parseRange("fast=30:5:5")).toThrow(/start <= stop/);
    expect(() => parseRange("fast:5")).toThrow(/name=start:stop:step/);
  });

  it("constraints compare names and numbers, all rules must hold", () => {
    const c = parseConstraint("fast < slow, slow <= 40", ["fast", "slow"]);
    expect(c({ fast: 5, slow: 10 })).toBe(true);
    expect(c({ fast: 10, slow: 10 })).toBe(false);
    expect(c({ fast: 5, slow: 50 })).toBe(false);
    expect(() => parseConstraint("fats<slow", ["fast", "slow"])).toThrow(/not a parameter/);
  });

  it("grid applies the constraint; random sampling is seeded and distinct", () => {
    const ranges = [parseRange("fast=5:30:5"), parseRange("slow=10:60:10")];
    const grid = gridOf(ranges, {}, parseConstraint("fast<slow", ["fast", "slow"]));
    expect(grid).toHaveLength(27);
    expect(grid.every((p) => p.fast < p.slow)).toBe(true);
    const a = sampleOf(grid, 10, 42);
    expect(sampleOf(grid, 10, 42)).toEqual(a);
    expect(new Set(a.map((p) => `${p.fast}/${p.slow}`)).size).toBe(10);
    expect(sampleOf(grid, 10, 43)).not.toEqual(a);
    expect(candidates({ ranges, method: "random", samples: 1000, seed: 1 })).toHaveLength(36);
  });
});

describe("optimise", () => {
  const bars = wave(600);
  const runOne = (params: Record<string, number>) =>
    runBacktest({ bars, strategy: "sma-cross", params }).stats;

  it("ranks by the objective, best first, and agrees with single runs", async () => {
    const ranges = [parseRange("fast=3:12:3"), parseRange("slow=10:30:10")];
    const result = await optimise({
      ranges,
      constraint: (p) => p.fast < p.slow,
      objective: "returnPct",
      runOne,
      concurrency: 3,
    });
    expect(result.runs).toHaveLength(11); // 4 x 3 minus 12/10
    const scores = result.runs.map((r) => r.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    const best = result.best!;
    expect(runOne(best.params).returnPct).toBe(best.score);
    const map = heatmap(result.runs, "fast", "slow");
    expect(map.xs).toEqual([3, 6, 9, 12]);
    expect(map.values[0][0]).toBe(
      result.runs.find((r) => r.params.fast === 3 && r.params.slow === 10)!.score,
    );
  });

  it("fails clearly when nothing satisfies the constraint", async () => {
    await expect(
      optimise({
        ranges: [parseRange("fast=30:40:10"), parseRange("slow=10:20:10")],
        constraint: (p) => p.fast < p.slow,
        runOne,
      }),
    ).rejects.toThrow(/No parameter combination/);
  });

  it("sma helper used by the strategy is deterministic on repeated input", () => {
    const s = sma(bars.close, 5);
    expect(Array.from(sma(bars.close, 5))).toEqual(Array.from(s));
  });
});
