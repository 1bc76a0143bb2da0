/**
 * The optional spread column of stored chunks: round trips with and without it, Int32 with
 * an unknown marker or Float64, and a chunk in the layout written before the column existed
 * (built byte by byte here, not by the encoder) still reads, without a spread column.
 */
import { describe, expect, it } from "vitest";
import { barsFromRows, barsToRows, createBars } from "../../../core/market/candles.ts";
import { decodeChunk, decodeChunkInto, encodeChunk } from "./chunk-codec.ts";

const base = Date.UTC(2024, 0, 1);
const M = 60_000;
const bar = (i: number, spread?: number) => ({
  time: base + i * M,
  open: 1.1,
  high: 1.1002,
  low: 1.0999,
  close: 1.1001,
  volume: 10 + i,
  ...(spread === undefined ? {} : { spread }),
});

describe("chunk codec: the spread column", () => {
  it("round-trips whole spreads as Int32, unknown bars included", () => {
    const bars = barsFromRows([bar(0, 12), bar(1, Number.NaN), bar(2, 0), bar(3, 35)]);
    const enc = encodeChunk(bars, base);
    expect(enc.layout).toEqual({ time: "s32", priceScale: 10_000, volume: "i32", spread: "i32" });
    // seven Int32 columns of 4 rows = 16 bytes each, already 8-aligned
    expect(enc.data.byteLength).toBe(7 * 16);
    const back = decodeChunk(enc, bars.length, base);
    expect(Array.from(back.spread ?? [])).toEqual([12, Number.NaN, 0, 35]);
    expect(barsToRows(back)).toEqual(barsToRows(bars));
  });

  it("keeps fractional spreads exactly in Float64", () => {
    const bars = barsFromRows([bar(0, 12.5), bar(1, Number.NaN), bar(2, 7)]);
    const enc = encodeChunk(bars, base);
    expect(enc.layout.spread).toBe("f64");
    expect(Array.from(decodeChunk(enc, 3, base).spread ?? [])).toEqual([12.5, Number.NaN, 7]);
  });

  it("writes no spread column for bars without one", () => {
    const bars = barsFromRows([bar(0), bar(1)]);
    const enc = encodeChunk(bars, base);
    expect(enc.layout).toEqual({ time: "s32", priceScale: 10_000, volume: "i32" });
    expect(decodeChunk(enc, 2, base).spread).toBeUndefined();
  });

  it("reads a chunk in the layout stored before the spread column existed", () => {
    // hand-built: 2 rows; Int32 seconds, four Int32 price columns at 10^-5, Int32 volumes,
    // each column padded to 8 bytes (2 x 4 = 8, no padding needed)
    const data = new ArrayBuffer(6 * 8);
    const cols = [
      [0, 60],
      [110_000, 110_010],
      [110_020, 110_030],
      [109_990, 110_000],
      [110_010, 110_020],
      [5, 6],
    ];
    cols.forEach((c, k) => {
      new Int32Array(data, k * 8, 2).set(c);
    });
    const old = { layout: { time: "s32", priceScale: 100_000, volume: "i32" } as const, data };
    const back = decodeChunk(old, 2, base);
    expect(back.spread).toBeUndefined();
    expect(barsToRows(back)).toEqual([
      { time: base, open: 1.1, high: 1.1002, low: 1.0999, close: 1.1001, volume: 5 },
      { time: base + M, open: 1.1001, high: 1.1003, low: 1.1, close: 1.1002, volume: 6 },
    ]);
    // into output that has a spread column (a set where later chunks have one): stays unknown
    const out = createBars(2, true);
    decodeChunkInto(old, 2, base, { out, at: 0, from: 0, to: 2 });
    expect(Array.from(out.spread ?? [])).toEqual([Number.NaN, Number.NaN]);
    expect(out.volume[1]).toBe(6);
  });
});
