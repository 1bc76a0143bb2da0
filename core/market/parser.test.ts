import { describe, expect, it } from "vitest";
import { civilToMs } from "./civil-time.ts";
import { createParser, type ParserOptions, parseText, previewText } from "./parser.ts";

const H = 3600_000;
const HEADER = "Time,Open,High,Low,Close,Volume";
const rows = (n: number, startHour = 0) =>
  Array.from({ length: n }, (_, i) => {
    const h = String(startHour + i).padStart(2, "0");
    return `2024-01-02 ${h}:00:00,1.1000${i},1.1010${i},1.0990${i},1.1005${i},${100 + i}`;
  });

function feedInPieces(text: string, size: number, options: ParserOptions = {}) {
  const parser = createParser(options);
  for (let i = 0; i < text.length; i += size) parser.feed(text.slice(i, i + size));
  return parser.finish();
}

describe("streaming", () => {
  const text = [HEADER, ...rows(10)].join("\r\n");
  const whole = parseText(text);

  it("gives the same bars whatever the chunk size, with \\r\\n endings", () => {
    expect(whole.ok).toBe(true);
    expect(whole.bars.length).toBe(10);
    for (const size of [1, 2, 3, 7, 13, 64]) {
      const result = feedInPieces(text, size);
      expect(result.problems).toEqual([]);
      expect(Array.from(result.bars.time)).toEqual(Array.from(whole.bars.time));
      expect(Array.from(result.bars.close)).toEqual(Array.from(whole.bars.close));
    }
  });

  it("handles a trailing newline, blank lines, a BOM and old Mac \\r endings", () => {
    expect(parseText(`\uFEFF${text}\r\n\r\n`).bars.length).toBe(10);
    expect(parseText([HEADER, ...rows(3)].join("\r")).bars.length).toBe(3);
    expect(feedInPieces([HEADER, ...rows(3)].join("\r"), 5).bars.length).toBe(3);
    expect(feedInPieces([HEADER, ...rows(24)].join("\r\n"), 31).bars.length).toBe(24);
    expect(parseText([HEADER, "", ...rows(3), "   "].join("\n")).bars.length).toBe(3);
  });

  it("reports progress in rows and characters", () => {
    const parser = createParser();
    parser.feed(`${[HEADER, ...rows(24)].join("\n")}\n`);
    const p = parser.feed("");
    expect(p.rows).toBe(24);
    expect(p.bytes).toBe([HEADER, ...rows(24)].join("\n").length + 1);
    expect(parser.finish().rowsRead).toBe(24);
  });

  it("detects the timeframe from spacing, the symbol from the file name", () => {
    const result = parseText([HEADER, ...rows(10)].join("\n"), { fileName: "DAT_ASCII_USDJPY_M1_2024.csv" });
    expect(result.timeframe).toBe("H1");
    expect(result.symbol?.symbol).toBe("USDJPY");
    expect(parseText([HEADER, ...rows(1)].join("\n"), { fileName: "EURUSD240.csv" }).timeframe).toBe("H4");
  });

  it("previews the complete head lines only", () => {
    const head = [HEADER, ...rows(10)].join("\n").slice(0, 150);
    const preview = previewText(head, {}, 2);
    expect(preview.bars.length).toBe(2);
    expect(preview.problems).toEqual([]);
  });
});

describe("validation", () => {
  const good = rows(3);
  const cases: [string, string, RegExp][] = [
    ["bad-field-count", "2024-01-02 05:00:00,1.1,1.2,1.0", /Expected at least 6 fields/],
    ["bad-time", "2024-01-02 25:00:00,1.1,1.2,1.0,1.1,5", /Cannot read the time/],
    ["bad-number", "2024-01-02 05:00:00,1.1,abc,1.0,1.1,5", /high price is missing or not a number/],
    ["non-positive-price", "2024-01-02 05:00:00,1.1,1.2,0,1.1,5", /low price must be a positive number/],
    ["high-too-low", "2024-01-02 05:00:00,1.1,1.15,1.0,1.18,5", /high 1.15 is below the close 1.18/],
    ["low-too-high", "2024-01-02 05:00:00,1.1,1.2,1.12,1.15,5", /low 1.12 is above the open 1.1/],
    ["negative-volume", "2024-01-02 05:00:00,1.1,1.2,1.0,1.1,-5", /volume must be zero or more/],
    [
      "duplicate-time",
      "2024-01-02 02:00:00,1.1,1.2,1.0,1.1,5",
      /Duplicate bar: 2024-01-02 02:00:00 already appears on line 4/,
    ],
    [
      "time-not-increasing",
      "2024-01-02 01:30:00,1.1,1.2,1.0,1.1,5",
      /not after the previous bar .*line 4.*sort the file/,
    ],
  ];

  it.each(cases)("%s is reported with its line number and text", (code, bad, message) => {
    const text = [HEADER, ...good, bad, "2024-01-02 06:00:00,1.1,1.2,1.0,1.1,5"].join("\n");
    const skipped = parseText(text, { mode: "skip" });
    expect(skipped.problems).toHaveLength(1);
    expect(skipped.problems[0]).toMatchObject({ line: 5, code, text: bad });
    expect(skipped.problems[0].message).toMatch(message);
    expect(skipped.ok).toBe(true);
    expect(skipped.bars.length).toBe(4);
    expect(skipped.rowsSkipped).toBe(1);

    const aborted = parseText(text, { mode: "abort" });
    expect(aborted.ok).toBe(false);
    expect(aborted.failure).toMatch(/^Stopped at line 5/);
    expect(aborted.bars.length).toBe(0);
    expect(aborted.problems).toHaveLength(1);
  });

  it("caps the listed problems but counts them all", () => {
    const bad = Array.from({ length: 50 }, () => "2024-01-02 05:00:00,x,1.2,1.0,1.1,5");
    const result = parseText([HEADER, ...good, ...bad].join("\n"), { mode: "skip", maxProblems: 10 });
    expect(result.problems).toHaveLength(10);
    expect(result.problemCount).toBe(50);
    expect(result.problems[9].line).toBe(14);
  });

  it("fails when no valid bar remains", () => {
    const result = parseText([HEADER, "2024-01-02 05:00:00,x,1.2,1.0,1.1,5"].join("\n"), { mode: "skip" });
    expect(result.ok).toBe(false);
    expect(result.failure).toMatch(/No valid bars/);
  });

  it("cuts very long offending lines", () => {
    const long = `2024-01-02 05:00:00,${"9".repeat(500)}`;
    const result = parseText([HEADER, ...good, long].join("\n"), { mode: "skip" });
    expect(result.problems[0].text.length).toBeLessThan(210);
  });
});

describe("time zones in files", () => {
  it("converts broker time to UTC across the spring switch", () => {
    const text = [
      HEADER,
      "2024-03-31 02:00,1.1,1.2,1.0,1.1,1",
      "2024-03-31 04:00,1.1,1.2,1.0,1.1,1", // 03:00 does not exist in EEST
      "2024-03-31 05:00,1.1,1.2,1.0,1.1,1",
    ].join("\n");
    const r = parseText(text, { tz: "broker" });
    expect(Array.from(r.bars.time)).toEqual([
      civilToMs(2024, 3, 31, 0),
      civilToMs(2024, 3, 31, 1),
      civilToMs(2024, 3, 31, 2),
    ]);
  });

  it("keeps both bars of the repeated autumn hour in broker time", () => {
    const lines = ["02:00", "03:00", "03:00", "04:00"].map((t) => `2024-10-27 ${t},1.1,1.2,1.0,1.1,1`);
    const r = parseText([HEADER, ...lines].join("\n"), { tz: "broker" });
    expect(r.problems).toEqual([]);
    const utc = [23, 0, 1, 2].map((h, i) => civilToMs(2024, 10, i === 0 ? 26 : 27, h));
    expect(Array.from(r.bars.time)).toEqual(utc);
  });

  it("reads New York times across the US switches", () => {
    const text = [HEADER, "2024-03-10 01:00,1.1,1.2,1.0,1.1,1", "2024-03-10 03:00,1.1,1.2,1.0,1.1,1"].join(
      "\n",
    );
    const r = parseText(text, { tz: "new-york" });
    expect(r.bars.time[1] - r.bars.time[0]).toBe(H);
    expect(r.bars.time[0]).toBe(civilToMs(2024, 3, 10, 6));
  });

  it("ignores the chosen zone for epoch times and explicit offsets", () => {
    const t = civilToMs(2024, 7, 1, 12);
    const text = [
      "time,open,high,low,close",
      `${t},1.1,1.2,1.0,1.1`,
      "2024-07-01T13:00:00Z,1.1,1.2,1.0,1.1",
    ].join("\n");
    const r = parseText(text, { tz: "new-york" });
    expect(Array.from(r.bars.time)).toEqual([t, t + H]);
  });
});
