import { describe, expect, it } from "vitest";
import { barsFromRows, barsToRows, createBars, sliceBars } from "../../../core/market/candles.ts";
import { generateSampleBars } from "../../../core/market/sample-data.ts";
import { decodeChunk, decodeChunkInto, encodeChunk, encodedLowerBound } from "./chunk-codec.ts";

const base = Date.UTC(2024, 0, 1);

describe("chunk codec", () => {
  it("round-trips 5-digit forex bars exactly in half the bytes of Float64 columns", () => {
    const { bars } = generateSampleBars({ count: 5000, timeframe: "M1", seed: 3, start: base });
    const enc = encodeChunk(bars, base);
    expect(enc.layout).toEqual({ time: "s32", priceScale: 100_000, volume: "i32" });
    expect(enc.data.byteLength).toBeLessThanOrEqual(bars.length * 24 + 48);
    const back = decodeChunk(enc, bars.length, base);
    for (const f of ["time", "open", "high", "low", "close", "volume"] as const)
      expect(Array.from(back[f])).toEqual(Array.from(bars[f]));
  });

  it("picks the fewest decimals that are exact (JPY 3 digits, whole prices)", () => {
    const jpy = barsFromRows([
      { time: base, open: 150.123, high: 150.2, low: 150, close: 150.15, volume: 3 },
      { time: base + 60_000, open: 150.15, high: 150.3, low: 150.1, close: 150.25, volume: 4 },
    ]);
    expect(encodeChunk(jpy, base).layout.priceScale).toBe(1000);
    const whole = barsFromRows([{ time: base, open: 100, high: 102, low: 99, close: 101, volume: 0 }]);
    expect(encodeChunk(whole, base).layout.priceScale).toBe(1);
  });

  it("falls back to Float64 for prices, volumes and times that do not fit, still exact", () => {
    const odd = barsFromRows([
      { time: base + 1.5, open: 1 / 3, high: Math.PI, low: 0.1, close: 0.2, volume: 12.75 },
      { time: base + 2 ** 33 * 1000, open: 1.1, high: 1.2, low: 1.0, close: 1.15, volume: 1e12 },
    ]);
    const enc = encodeChunk(odd, base);
    expect(enc.layout).toEqual({ time: "f64", priceScale: 0, volume: "f64" });
    expect(barsToRows(decodeChunk(enc, odd.length, base))).toEqual(barsToRows(odd));
  });

  it("encodes an empty chunk", () => {
    const empty = barsFromRows([]);
    expect(decodeChunk(encodeChunk(empty, base), 0, base).length).toBe(0);
  });

  it("decodes a time range straight into a bigger output at an offset", () => {
    const { bars } = generateSampleBars({ count: 1000, timeframe: "M1", seed: 5, start: base });
    for (const enc of [
      encodeChunk(bars, base),
      encodeChunk({ ...bars, time: bars.time.map((t) => t + 0.5) }, base),
    ]) {
      const from = bars.time[100];
      const to = bars.time[250];
      const a = encodedLowerBound(enc, bars.length, base, from);
      const b = encodedLowerBound(enc, bars.length, base, to);
      expect([a, b]).toEqual([100, 250]);
      const out = createBars(b - a + 7);
      decodeChunkInto(enc, bars.length, base, { out, at: 7, from: a, to: b });
      expect(Array.from(out.close.subarray(7))).toEqual(Array.from(sliceBars(bars, a, b).close));
      expect(out.close[6]).toBe(0);
    }
  });
});
