import { describe, expect, it } from "vitest";
import {
  BarsBuilder,
  barsFromRows,
  barsInRange,
  barsToRows,
  concatBars,
  lowerBound,
  mergeBars,
  sliceBars,
} from "./candles.ts";

const bar = (time: number, price = time) => ({
  time,
  open: price,
  high: price + 1,
  low: price - 1,
  close: price,
  volume: 1,
});

describe("candles", () => {
  it("builds growable columns and trims to length", () => {
    const b = new BarsBuilder(16);
    for (let i = 0; i < 100; i++) b.push(i, 1, 2, 0.5, 1.5, i);
    const bars = b.build();
    expect(bars.length).toBe(100);
    expect(bars.time.length).toBe(100);
    expect(bars.volume[99]).toBe(99);
    expect(b.lastTime()).toBe(99);
  });

  it("slices with own buffers and finds ranges", () => {
    const bars = barsFromRows([10, 20, 30, 40].map((t) => bar(t)));
    const part = sliceBars(bars, 1, 3);
    part.time[0] = 999;
    expect(bars.time[1]).toBe(20);
    expect(lowerBound(bars, 25)).toBe(2);
    expect(Array.from(barsInRange(bars, 20, 40).time)).toEqual([20, 30]);
  });

  it("concatenates ordered parts and refuses overlaps", () => {
    const a = barsFromRows([bar(1), bar(2)]);
    const b = barsFromRows([bar(3)]);
    expect(Array.from(concatBars([a, b]).time)).toEqual([1, 2, 3]);
    expect(() => concatBars([b, a])).toThrow(/mergeBars/);
  });

  it("merges overlapping ranges sorted and without duplicates; incoming wins by default", () => {
    const old = barsFromRows([bar(1), bar(2), bar(3), bar(5)]);
    const incoming = barsFromRows([bar(3, 30), bar(4), bar(6)]);
    const merged = mergeBars(old, incoming);
    expect(Array.from(merged.time)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(merged.open[2]).toBe(30);
    expect(mergeBars(old, incoming, "existing").open[2]).toBe(3);
    expect(barsToRows(mergeBars(old, barsFromRows([])))).toEqual(barsToRows(old));
  });
});
