/**
 * The data's own spread column (issue 8, replay spread): read from MetaTrader's <SPREAD> and
 * from a header named Spread, validated with line numbers, kept through merge, concat,
 * resampling (widest known spread of the bucket) and CSV export. Expected values are the
 * files' own cells, and the resample maxima are worked out by hand in the comments.
 */
import { describe, expect, it } from "vitest";
import { barsFromRows, concatBars, mergeBars, sliceBars, withSpreadColumn } from "./candles.ts";
import { barsToCsv } from "./csv-writer.ts";
import { parseText, SPREAD_ALL_ZERO_NOTE } from "./parser.ts";
import { resample, widerSpread } from "./resample.ts";

const MT5 = [
  "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>",
  "2024.01.02\t17:00:00\t1.09412\t1.09468\t1.09385\t1.09441\t1520\t0\t12",
  "2024.01.02\t17:01:00\t1.09441\t1.09502\t1.09420\t1.09488\t1311\t0\t7",
  "2024.01.02\t17:02:00\t1.09488\t1.09490\t1.09450\t1.09460\t900\t0\t0",
].join("\n");

const spreads = (a: Float64Array | undefined) => (a ? Array.from(a) : undefined);

describe("parsing the spread column", () => {
  it("keeps MetaTrader's <SPREAD> in points per bar", () => {
    const r = parseText(MT5, { fileName: "EURUSD_M1.csv" });
    expect(r.ok).toBe(true);
    expect(r.dialect.columns.spread).toBe(8);
    expect(spreads(r.bars.spread)).toEqual([12, 7, 0]);
    expect(Array.from(r.bars.volume)).toEqual([1520, 1311, 900]); // <TICKVOL>, not <SPREAD>
  });

  it("reads a header column named spread (any case), an empty cell as unknown", () => {
    const csv = [
      "Time,Open,High,Low,Close,Volume,Spread",
      "2024-01-02 10:00:00,1.1000,1.1010,1.0990,1.1005,10,14",
      "2024-01-02 10:01:00,1.1005,1.1012,1.1000,1.1010,11,",
      "2024-01-02 10:02:00,1.1010,1.1015,1.1005,1.1008,12,8.5",
    ].join("\n");
    const r = parseText(csv);
    expect(r.ok).toBe(true);
    expect(spreads(r.bars.spread)).toEqual([14, Number.NaN, 8.5]);
  });

  it("sets aside a column with no spread above 0 (MetaTrader writes 0 without history) and says so", () => {
    const zeros = MT5.replace(/\t12$/m, "\t0").replace(/\t7$/m, "\t0");
    const r = parseText(zeros, { fileName: "EURUSD_M1.csv" });
    expect(r.ok).toBe(true);
    expect(r.bars.length).toBe(3);
    expect(r.bars.spread).toBeUndefined();
    expect(r.notes).toEqual([SPREAD_ALL_ZERO_NOTE]);
    // one bar above 0 keeps the column, zeros included (a real zero on that bar)
    const one = parseText(MT5.replace(/\t12$/m, "\t0"), { fileName: "EURUSD_M1.csv" });
    expect(spreads(one.bars.spread)).toEqual([0, 7, 0]);
    expect(one.notes).toEqual([]);
  });

  it("leaves files without a spread column exactly as before (no spread column)", () => {
    const r = parseText(
      ["Time,Open,High,Low,Close,Volume", "2024-01-02 10:00:00,1.1000,1.1010,1.0990,1.1005,10"].join("\n"),
    );
    expect(r.ok).toBe(true);
    expect(r.dialect.columns.spread).toBe(-1);
    expect(r.bars.spread).toBeUndefined();
  });

  it("stops at a bad spread cell with its line number and what to fix", () => {
    const bad = MT5.replace("1311\t0\t7", "1311\t0\tabc");
    const r = parseText(bad);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ line: 3, code: "bad-spread" });
    expect(r.problems[0].message).toContain('found "abc"');
    expect(r.failure).toMatch(/^Stopped at line 3: The spread must be a number of points, zero or more/);
  });

  it("refuses a negative spread; skip mode drops only that row", () => {
    const bad = MT5.replace("900\t0\t0", "900\t0\t-3");
    const r = parseText(bad, { mode: "skip" });
    expect(r.ok).toBe(true);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 4, code: "bad-spread" });
    expect(spreads(r.bars.spread)).toEqual([12, 7]);
  });
});

describe("spread through the bar operations", () => {
  const M = 60_000;
  const T = Date.UTC(2024, 0, 2, 13, 0);
  const row = (i: number, spread?: number) => ({
    time: T + i * M,
    open: 1.1,
    high: 1.1 + i * 1e-5 + 1e-4,
    low: 1.09,
    close: 1.1,
    volume: 1,
    ...(spread === undefined ? {} : { spread }),
  });

  it("resamples to the widest known spread of each bucket", () => {
    // M5 buckets: 13:00 holds 12, 15, unknown, 9, 11 -> 15; 13:05 holds two unknowns -> NaN;
    // 13:10 holds 7 -> 7
    const m1 = barsFromRows([
      row(0, 12),
      row(1, 15),
      row(2, Number.NaN),
      row(3, 9),
      row(4, 11),
      row(5, Number.NaN),
      row(6, Number.NaN),
      row(10, 7),
    ]);
    const m5 = resample(m1, "M1", "M5");
    expect(Array.from(m5.time)).toEqual([T, T + 5 * M, T + 10 * M]);
    expect(spreads(m5.spread)).toEqual([15, Number.NaN, 7]);
    // an unknown first bar does not hide later known ones: unknown, 4 -> 4
    const late = resample(barsFromRows([row(0, Number.NaN), row(1, 4)]), "M1", "M5");
    expect(spreads(late.spread)).toEqual([4]);
    expect(resample(barsFromRows([row(0)]), "M1", "M5").spread).toBeUndefined();
    expect(widerSpread(Number.NaN, Number.NaN)).toBeNaN();
    expect(widerSpread(3, Number.NaN)).toBe(3);
  });

  it("merges and concatenates with unknown (NaN) where one side has no spread", () => {
    const withSpread = barsFromRows([row(0, 10), row(2, 20)]);
    const without = barsFromRows([row(1), row(2)]);
    // incoming wins at 13:02: it has no spread, so that bar's spread becomes unknown
    expect(spreads(mergeBars(withSpread, without).spread)).toEqual([10, Number.NaN, Number.NaN]);
    expect(spreads(mergeBars(withSpread, without, "existing").spread)).toEqual([10, Number.NaN, 20]);
    const joined = concatBars([barsFromRows([row(0)]), sliceBars(withSpread, 1)]);
    expect(spreads(joined.spread)).toEqual([Number.NaN, 20]);
  });

  it("writes a Spread column that the parser reads back", () => {
    const bars = barsFromRows([row(0, 12), row(1, Number.NaN), row(2, 0)]);
    const csv = barsToCsv(bars);
    expect(csv.split("\n")[0]).toBe("Time,Open,High,Low,Close,Volume,Spread");
    expect(csv.split("\n")[2].endsWith(",1,")).toBe(true); // unknown -> empty cell
    expect(spreads(parseText(csv).bars.spread)).toEqual([12, Number.NaN, 0]);
    expect(barsToCsv(barsFromRows([row(0)])).split("\n")[0]).toBe("Time,Open,High,Low,Close,Volume");
    // a part without the column, written into a file that has one, gets empty cells
    const added = barsToCsv(withSpreadColumn(barsFromRows([row(0)])), { header: false });
    expect(added).toBe("2024-01-02 13:00:00,1.10000,1.10010,1.09000,1.10000,1,\n");
    expect(withSpreadColumn(bars)).toBe(bars);
  });
});
