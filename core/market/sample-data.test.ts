import { describe, expect, it } from "vitest";
import { barsToRows } from "./candles.ts";
import { barsToCsv, csvChunks } from "./csv-writer.ts";
import { parseText } from "./parser.ts";
import { generateSampleBars } from "./sample-data.ts";
import { utcToLocal } from "./time-zones.ts";

describe("sample data", () => {
  const sample = generateSampleBars({ count: 2000, seed: 3 });

  it("is deterministic per seed and labelled simulated", () => {
    expect(barsToRows(generateSampleBars({ count: 2000, seed: 3 }).bars)).toEqual(barsToRows(sample.bars));
    expect(generateSampleBars({ count: 10, seed: 4 }).bars.close[9]).not.toBe(sample.bars.close[9]);
    expect(sample.simulated).toBe(true);
    expect(sample.symbol.label).toBe("EURUSD (simulated)");
  });

  it("produces valid, increasing bars with no trading over the weekend", () => {
    const { time, open, high, low, close } = sample.bars;
    for (let i = 0; i < sample.bars.length; i++) {
      expect(high[i]).toBeGreaterThanOrEqual(Math.max(open[i], close[i]));
      expect(low[i]).toBeLessThanOrEqual(Math.min(open[i], close[i]));
      if (i > 0) expect(time[i]).toBeGreaterThan(time[i - 1]);
      const ny = new Date(utcToLocal(time[i], "new-york"));
      const day = ny.getUTCDay();
      const hour = ny.getUTCHours();
      expect(day === 6 || (day === 5 && hour >= 17) || (day === 0 && hour < 17)).toBe(false);
    }
    const gaps = Array.from(time).filter((t, i) => i > 0 && t - time[i - 1] > 3600_000);
    expect(gaps.length).toBeGreaterThan(5);
  });

  it("has changing volatility", () => {
    const ranges = Array.from(sample.bars.high).map((h, i) => h - sample.bars.low[i]);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const windows = [0, 500, 1000, 1500].map((s) => avg(ranges.slice(s, s + 500)));
    expect(Math.max(...windows) / Math.min(...windows)).toBeGreaterThan(1.2);
  });
});

describe("csv writer", () => {
  const { bars } = generateSampleBars({ count: 300, seed: 9 });

  it("round-trips through the parser exactly", () => {
    const parsed = parseText(barsToCsv(bars));
    expect(parsed.ok).toBe(true);
    expect(barsToRows(parsed.bars)).toEqual(barsToRows(bars));
    expect(parsed.timeframe).toBe("H1");
  });

  it("writes in whole-line chunks and in a chosen zone", () => {
    const chunks = Array.from(csvChunks(bars, { chunkRows: 100 }));
    expect(chunks).toHaveLength(4);
    expect(chunks.every((c) => c.endsWith("\n"))).toBe(true);
    const ny = parseText(barsToCsv(bars, { tz: "new-york" }), { tz: "new-york" });
    expect(Array.from(ny.bars.time)).toEqual(Array.from(bars.time));
    expect(barsToCsv(bars, { header: false }).split("\n")[0]).toMatch(/^2021-01-04 00:00:00,1.10000,/);
  });
});
