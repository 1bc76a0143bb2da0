import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import {
  formatHistoryCsv,
  type HistoryTrade,
  parseHistoryCsv,
  parseHistoryCsvStrict,
  parseIsoUtc,
} from "./history-csv.ts";

const HEADER = "symbol,side,units,entryTime,exitTime,entryPrice,exitPrice,pnl";

describe("parseHistoryCsv", () => {
  it("reads the documented columns; times are UTC ms (reference: Date.UTC by hand)", () => {
    const text = `${HEADER}\nEURUSD,buy,10000,2024-03-01T14:30:00Z,2024-03-01T16:00:00Z,1.0850,1.0870,20\n`;
    const result = parseHistoryCsv(text);
    expect(result.ok).toBe(true);
    expect(result.trades).toEqual([
      {
        symbol: "EURUSD",
        side: "buy",
        units: 10000,
        entryTime: Date.UTC(2024, 2, 1, 14, 30),
        exitTime: Date.UTC(2024, 2, 1, 16, 0),
        entryPrice: 1.085,
        exitPrice: 1.087,
        pnl: 20,
      },
    ]);
  });

  it("accepts columns in any order, any case, CRLF, a BOM and ignores unknown columns", () => {
    const text =
      "\ufeffPnL,Exit_Price,entry price,Symbol,Side,Units,Commission,Entry Time,exitTime\r\n" +
      "-12.5,1.2650,1.2660,gbpusd,SHORT,5000,1.2,2024-01-02T08:00:00Z,2024-01-02T09:15:30.250Z\r\n";
    const result = parseHistoryCsv(text);
    expect(result.problems).toEqual([]);
    expect(result.trades[0]).toMatchObject({
      symbol: "GBPUSD",
      side: "sell",
      units: 5000,
      entryPrice: 1.266,
      exitPrice: 1.265,
      pnl: -12.5,
      exitTime: Date.UTC(2024, 0, 2, 9, 15, 30, 250),
    });
    expect(result.trades[0]).not.toHaveProperty("commission");
  });

  it("converts an explicit offset to UTC (10:00+02:00 is 08:00Z)", () => {
    expect(parseIsoUtc("2024-06-01T10:00:00+02:00")).toBe(Date.UTC(2024, 5, 1, 8));
    expect(parseIsoUtc("2024-06-01T10:00:00-0130")).toBe(Date.UTC(2024, 5, 1, 11, 30));
    expect(parseIsoUtc("2024-06-01T10:00:00")).toBeUndefined();
    expect(parseIsoUtc("2024-04-31T10:00:00Z")).toBeUndefined();
  });

  it("keeps note and tags, with quoted commas, quotes and line breaks", () => {
    const text =
      `${HEADER},note,tags\n` +
      `USDJPY,sell,1000,2024-05-01T00:00:00Z,2024-05-02T00:00:00Z,155.2,154.9,1.93,"news, then ""fade""\nsecond line",breakout; asia\n` +
      `USDJPY,buy,1000,2024-05-03T00:00:00Z,2024-05-03T01:00:00Z,155,155.1,0.64,,\n`;
    const result = parseHistoryCsv(text);
    expect(result.problems).toEqual([]);
    expect(result.trades[0].note).toBe('news, then "fade"\nsecond line');
    expect(result.trades[0].tags).toEqual(["breakout", "asia"]);
    expect(result.trades[1]).not.toHaveProperty("note");
    expect(result.trades[1]).not.toHaveProperty("tags");
  });

  it("reports every bad field with its line and column, keeps the good rows", () => {
    const text = [
      HEADER,
      "EURUSD,buy,1000,2024-03-01T14:30:00Z,2024-03-01T15:00:00Z,1.1,1.2,100",
      "EURUSD,hold,0,2024-03-01 14:30,2024-03-01T15:00:00Z,abc,1.2,x",
      "",
      '"EUR,USD",sell,1000,2024-03-02T10:00:00Z,2024-03-02T09:00:00Z,1.1,1.2,-100',
    ].join("\n");
    const result = parseHistoryCsv(text);
    expect(result.ok).toBe(false);
    expect(result.trades).toHaveLength(1);
    expect(result.problems.map((p) => [p.line, p.column])).toEqual([
      [3, "side"],
      [3, "units"],
      [3, "entryPrice"],
      [3, "pnl"],
      [3, "entryTime"],
      [5, "exitTime"],
    ]);
    expect(result.problems[0].message).toBe('side "hold" must be buy or sell');
    expect(result.problems[5].message).toContain("is before entryTime");
  });

  it("names the missing columns on line 1", () => {
    const result = parseHistoryCsv("symbol,side,units,entryTime\nEURUSD,buy,1,2024-01-01T00:00:00Z\n");
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].line).toBe(1);
    expect(result.problems[0].message).toContain('"exitTime", "entryPrice", "exitPrice", "pnl"');
  });

  it("rejects an empty file and an unclosed quote", () => {
    expect(parseHistoryCsv("").problems[0].message).toContain("empty");
    const unclosed = parseHistoryCsv(
      `${HEADER},note\nEURUSD,buy,1,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,1,1,0,"oops\n`,
    );
    expect(unclosed.ok).toBe(false);
    expect(unclosed.problems[0]).toMatchObject({ line: 2, message: expect.stringContaining("never closed") });
  });

  it("caps the listed problems but counts them all", () => {
    const bad = Array.from(
      { length: 30 },
      () => "EURUSD,buy,-1,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,1,1,0",
    );
    const result = parseHistoryCsv([HEADER, ...bad].join("\n"), { maxProblems: 5 });
    expect(result.problems).toHaveLength(5);
    expect(result.problemCount).toBe(30);
  });

  it("strict parsing throws a DomainError listing line numbers", () => {
    const text = `${HEADER}\nEURUSD,buy,1,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,1,1,zero\n`;
    expect(() => parseHistoryCsvStrict(text)).toThrowError(DomainError);
    expect(() => parseHistoryCsvStrict(text)).toThrowError(/line 2, pnl: pnl "zero" is not a number/);
  });
});

describe("formatHistoryCsv", () => {
  const trades: HistoryTrade[] = [
    {
      symbol: "EURUSD",
      side: "buy",
      units: 10000,
      entryTime: Date.UTC(2024, 2, 1, 14, 30),
      exitTime: Date.UTC(2024, 2, 1, 16, 0, 0, 500),
      entryPrice: 1.08501,
      exitPrice: 1.087,
      pnl: 19.9,
      note: 'plan, "A"',
      tags: ["trend", "london"],
    },
    {
      symbol: "XAUUSD",
      side: "sell",
      units: 1,
      entryTime: Date.UTC(2024, 2, 2),
      exitTime: Date.UTC(2024, 2, 3),
      entryPrice: 2050.5,
      exitPrice: 2060,
      pnl: -9.5,
    },
  ];

  it("writes the documented header and ISO UTC times", () => {
    const text = formatHistoryCsv(trades);
    expect(text.split("\n")[0]).toBe(`${HEADER},note,tags`);
    expect(text.split("\n")[1]).toBe(
      'EURUSD,buy,10000,2024-03-01T14:30:00Z,2024-03-01T16:00:00.500Z,1.08501,1.087,19.9,"plan, ""A""",trend;london',
    );
    expect(formatHistoryCsv([trades[1]]).split("\n")[0]).toBe(HEADER);
  });

  it("round-trips through the parser", () => {
    const result = parseHistoryCsv(formatHistoryCsv(trades));
    expect(result.ok).toBe(true);
    expect(result.trades).toEqual(trades);
  });
});
