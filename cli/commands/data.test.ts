import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { barsToCsv, generateSampleBars, parseText } from "../../core/market/index.ts";
import { sharedFixtures } from "../../test/support/shared-fixtures.ts";
import { main } from "../main.ts";

const SHARED = sharedFixtures(resolve(__dirname, "../.."));
if (SHARED.mode === "skip") console.warn(SHARED.message);

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), cwd },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}

let dir = "";
const MT4 = [
  "2024.01.02,17:00,1.09412,1.09468,1.09385,1.09441,1520",
  "2024.01.02,18:00,1.09441,1.09502,1.09420,1.09488,1311",
  "2024.01.02,19:00,1.09488,1.09530,1.09450,1.09470,1200",
];
const MT5_SPREAD = [
  "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>",
  "2024.01.02\t17:00:00\t1.09412\t1.09468\t1.09385\t1.09441\t1520\t0\t12",
  "2024.01.02\t17:01:00\t1.09441\t1.09502\t1.09420\t1.09488\t1311\t0\t18",
  "2024.01.02\t17:02:00\t1.09488\t1.09490\t1.09450\t1.09460\t900\t0\t9",
];
const BROKEN = [
  "Time,Open,High,Low,Close,Volume",
  "2024-01-02 17:00,1.1,1.2,1.0,1.1,5",
  "2024-01-02 18:00,1.1,1.05,1.0,1.1,5",
  "2024-01-02 19:00,1.1,1.2,1.0,1.1,5",
  "2024-01-02 19:00,1.1,1.2,1.0,1.1,5",
  "2024-01-02 20:00,1.1,1.2,1.0,1.1,5",
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "forex-ai-data-"));
  writeFileSync(join(dir, "EURUSD60.csv"), `${MT4.join("\r\n")}\r\n`);
  writeFileSync(join(dir, "broken.csv"), BROKEN.join("\n"));
  writeFileSync(join(dir, "EURUSD_M1_spread.csv"), MT5_SPREAD.join("\n"));
  const { bars } = generateSampleBars({ count: 3000, seed: 5 });
  writeFileSync(join(dir, "sim_EURUSD_H1.csv"), barsToCsv(bars));
});

describe("forex-ai data inspect", () => {
  it("describes a MetaTrader 4 export", async () => {
    const c = capture(dir);
    expect(await main(["data", "inspect", "EURUSD60.csv"], c.io)).toBe(0);
    expect(c.stdout()).toMatch(/Format: +MetaTrader export \(comma, no header\)/);
    expect(c.stdout()).toMatch(/Symbol: +EURUSD \(pip 0.0001, 5 digits\)/);
    expect(c.stdout()).toMatch(/Timeframe: +H1/);
    expect(c.stdout()).toMatch(/Rows: +3 read, 3 valid/);
    expect(c.stdout()).toContain("2024-01-02T17:00:00.000Z -> 2024-01-02T19:00:00.000Z");
  });

  it("says whether the file has its own spread column, and its range in points", async () => {
    const c = capture(dir);
    expect(await main(["data", "inspect", "EURUSD_M1_spread.csv"], c.io)).toBe(0);
    expect(c.stdout()).toMatch(/Spread: +own column, 9 to 18 points\n/);
    const plain = capture(dir);
    expect(await main(["data", "inspect", "EURUSD60.csv"], plain.io)).toBe(0);
    expect(plain.stdout()).toMatch(/Spread: +no spread column \(replay uses the Settings spread\)/);
    const json = capture(dir);
    expect(await main(["data", "inspect", "EURUSD_M1_spread.csv", "--json"], json.io)).toBe(0);
    expect(JSON.parse(json.stdout()).spread).toEqual({ min: 9, max: 18, unknown: 0 });
  });

  it("converts from broker time when asked", async () => {
    const c = capture(dir);
    await main(["data", "inspect", "EURUSD60.csv", "--tz", "broker", "--json"], c.io);
    const report = JSON.parse(c.stdout());
    expect(report.range.from).toBe("2024-01-02T15:00:00.000Z");
    expect(report.tz).toBe("broker");
  });

  it("lists problems with line numbers and exits 1", async () => {
    const c = capture(dir);
    expect(await main(["data", "inspect", "broken.csv", "--json"], c.io)).toBe(1);
    const report = JSON.parse(c.stdout());
    expect(report.problemCount).toBe(2);
    expect(report.problems.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([
      [3, "high-too-low"],
      [5, "duplicate-time"],
    ]);
    expect(report.bars).toBe(3);
    const h = capture(dir);
    await main(["data", "inspect", "broken.csv"], h.io);
    expect(h.stdout()).toContain("line 5: Duplicate bar");
  });

  it.skipIf(SHARED.mode === "skip")("reads the shared real EUR/USD fixture (../shared)", async () => {
    if (SHARED.mode === "fail") throw new Error(SHARED.message);
    const fixture = join(SHARED.dir, "EURUSD_H1.csv");
    const c = capture(dir);
    expect(await main(["data", "inspect", fixture, "--json"], c.io)).toBe(0);
    const report = JSON.parse(c.stdout());
    expect(report).toMatchObject({ bars: 5000, timeframe: "H1", problemCount: 0 });
    expect(report.symbol.symbol).toBe("EURUSD");
  });

  it("names the supported formats for an unknown file", async () => {
    writeFileSync(join(dir, "notes.txt"), "hello\nworld\n");
    const c = capture(dir);
    expect(await main(["data", "inspect", "notes.txt"], c.io)).toBe(1);
    expect(c.stderr()).toMatch(/Cannot recognise the file format.*"hello".*HistData/);
  });

  it("rejects bad usage with exit code 2", async () => {
    const c = capture(dir);
    expect(await main(["data", "inspect"], c.io)).toBe(2);
    expect(await main(["data", "inspect", "x.csv", "--tz", "mars"], c.io)).toBe(2);
    expect(await main(["data", "inspect", "x.csv", "--bogus"], c.io)).toBe(2);
    expect(c.stderr()).toMatch(/Unknown time zone "mars"/);
    expect(await main(["data", "inspect", "missing.csv"], c.io)).toBe(1);
    expect(c.stderr()).toMatch(/no such file/);
  });
});

describe("forex-ai data convert", () => {
  it("writes clean CSV to stdout that reads back the same", async () => {
    const c = capture(dir);
    expect(await main(["data", "convert", "EURUSD60.csv", "--to", "csv"], c.io)).toBe(0);
    const back = parseText(c.stdout());
    expect(back.bars.length).toBe(3);
    expect(c.stdout().split("\n")[1]).toBe("2024-01-02 17:00:00,1.09412,1.09468,1.09385,1.09441,1520");
  });

  it("keeps an MT5 <SPREAD> column: CSV Spread column, JSON spread per bar (widest of the bucket)", async () => {
    const csv = capture(dir);
    expect(await main(["data", "convert", "EURUSD_M1_spread.csv", "--to", "csv"], csv.io)).toBe(0);
    expect(csv.stdout().split("\n")[0]).toBe("Time,Open,High,Low,Close,Volume,Spread");
    expect(csv.stdout().split("\n")[2]).toBe("2024-01-02 17:01:00,1.09441,1.09502,1.09420,1.09488,1311,18");
    const json = capture(dir);
    const args = ["data", "convert", "EURUSD_M1_spread.csv", "--to", "json", "--timeframe", "H1"];
    expect(await main(args, json.io)).toBe(0);
    // one H1 bar from the three M1 bars: spreads 12, 18, 9 -> the widest, 18
    expect(JSON.parse(json.stdout()).bars).toEqual([
      expect.objectContaining({ open: 1.09412, high: 1.09502, close: 1.0946, volume: 3731, spread: 18 }),
    ]);
  });

  it("resamples to a higher timeframe and writes JSON to a file", async () => {
    const c = capture(dir);
    const code = await main(
      ["data", "convert", "sim_EURUSD_H1.csv", "--to", "json", "--timeframe", "D1", "--out", "d1.json"],
      c.io,
    );
    expect(code).toBe(0);
    expect(c.stdout()).toBe("");
    const json = JSON.parse(readFileSync(join(dir, "d1.json"), "utf8"));
    expect(json).toMatchObject({ symbol: "EURUSD", timeframe: "D1", timezone: "UTC" });
    expect(json.bars.length).toBe(json.count);
    expect(json.count).toBeGreaterThan(100);
    expect(json.bars[0].time).toMatch(/T2[12]:00:00.000Z$/);
    expect(readdirSync(dir).some((f) => f.includes(".tmp-"))).toBe(false);
  });

  it("stops at the first bad row and writes nothing unless --skip-bad", async () => {
    const c = capture(dir);
    expect(await main(["data", "convert", "broken.csv", "--to", "csv", "--out", "clean.csv"], c.io)).toBe(1);
    expect(c.stderr()).toMatch(/broken.csv:3: The high 1.05 is below the open 1.1/);
    expect(c.stderr()).toMatch(/Nothing was written/);
    expect(existsSync(join(dir, "clean.csv"))).toBe(false);

    const s = capture(dir);
    expect(
      await main(["data", "convert", "broken.csv", "--to", "csv", "--skip-bad", "--out", "clean.csv"], s.io),
    ).toBe(0);
    expect(s.stderr()).toMatch(/broken.csv:5: Duplicate bar/);
    expect(parseText(readFileSync(join(dir, "clean.csv"), "utf8")).bars.length).toBe(3);
  });

  it("requires --to and refuses to resample down", async () => {
    const c = capture(dir);
    expect(await main(["data", "convert", "EURUSD60.csv"], c.io)).toBe(2);
    expect(await main(["data", "convert", "EURUSD60.csv", "--to=csv"], capture(dir).io)).toBe(0);
    expect(await main(["data", "convert", "EURUSD60.csv", "--to", "csv", "--timeframe", "H2"], c.io)).toBe(2);
    expect(await main(["data", "convert", "EURUSD60.csv", "--to", "csv", "--timeframe", "M5"], c.io)).toBe(1);
    expect(c.stderr()).toMatch(/Cannot resample H1 bars down to M5/);
  });
});
