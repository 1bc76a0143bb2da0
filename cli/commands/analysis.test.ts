// forex-ai analyze and habits end to end through main(): constructed files whose answers
// are known (a staircase uptrend; a calm history and the same with an oversized trade).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { barsFromCloses, range } from "../../core/analysis/analysis-fixtures.ts";
import { barsToCsv } from "../../core/market/index.ts";
import { formatHistoryCsv, type HistoryTrade } from "../../core/trading/history-csv.ts";
import { main } from "../main.ts";

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
const HOUR = 3_600_000;
const MONDAY = Date.UTC(2024, 2, 4);

function history(outlier: boolean): HistoryTrade[] {
  return Array.from({ length: 30 }, (_, i): HistoryTrade => {
    const entry = MONDAY + Math.floor(i / 2) * 24 * HOUR + (i % 2 ? 13 : 9) * HOUR;
    const units = outlier && i === 7 ? 40_000 : 10_000;
    return {
      symbol: "EURUSD",
      side: "buy",
      units,
      entryTime: entry,
      exitTime: entry + 2 * HOUR,
      entryPrice: 1.1,
      exitPrice: 1.101,
      pnl: units / 1000,
    };
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "forex-ai-analysis-"));
  const up = barsFromCloses(
    range(300, (i) => 1.1 + 0.0005 * i + 0.0002 * Math.sin(i)),
    0.0003,
  );
  writeFileSync(join(dir, "EURUSD_H1.csv"), barsToCsv(up));
  writeFileSync(join(dir, "calm.csv"), formatHistoryCsv(history(false)));
  writeFileSync(join(dir, "outlier.csv"), formatHistoryCsv(history(true)));
  writeFileSync(
    join(dir, "bad.csv"),
    "symbol,side,units,entryTime,exitTime,entryPrice,exitPrice,pnl\nEURUSD,buy,1000,2024-01-01T09:00:00Z,2024-01-01T10:00:00Z,1.1,1.2,ten\n",
  );
});

describe("forex-ai analyze", () => {
  it("prints the documented JSON for a steady uptrend: trend, up", async () => {
    const c = capture(dir);
    expect(await main(["analyze", "EURUSD_H1.csv", "--json"], c.io)).toBe(0);
    const report = JSON.parse(c.stdout());
    expect(Object.keys(report)).toEqual(["regime", "direction", "volatility", "levels", "summary"]);
    expect(report.regime).toBe("trend");
    expect(report.direction).toBe("up");
    expect(Object.keys(report.volatility)).toEqual(["atr", "percentile"]);
    for (const level of report.levels) expect(Object.keys(level)).toEqual(["price", "kind", "touches"]);
    expect(report.summary).toMatch(/^EURUSD H1: Trend up \(ADX/);
  });

  it("refuses a lower --timeframe than the file's", async () => {
    const c = capture(dir);
    expect(await main(["analyze", "EURUSD_H1.csv", "--timeframe", "M5"], c.io)).toBe(2);
    expect(c.stderr()).toContain("--timeframe must be H1 or higher");
  });
});

describe("forex-ai habits", () => {
  it("a calm history: no alert; the documented JSON keys", async () => {
    const c = capture(dir);
    expect(await main(["habits", "calm.csv", "--json"], c.io)).toBe(0);
    const report = JSON.parse(c.stdout());
    expect(Object.keys(report)).toEqual(["style", "stats", "alerts", "recommendations"]);
    expect(report.style).toBe("day");
    expect(report.alerts).toEqual([]);
    expect(report.stats.trades).toBe(30);
  });

  it("an oversized trade: one size_outlier alert pointing at row 7 (4x the median 10000)", async () => {
    const c = capture(dir);
    expect(await main(["habits", "outlier.csv", "--json"], c.io)).toBe(0);
    const { alerts } = JSON.parse(c.stdout());
    expect(alerts).toHaveLength(1);
    expect(Object.keys(alerts[0])).toEqual(["type", "message", "trades", "figures"]);
    expect(alerts[0]).toMatchObject({
      type: "size_outlier",
      trades: [7],
      figures: { ratio: 4, medianUnits: 10_000 },
    });
  });

  it("a bad file: exit 1 and the problem with its line number", async () => {
    const c = capture(dir);
    expect(await main(["habits", "bad.csv"], c.io)).toBe(1);
    expect(c.stderr()).toContain('line 2, pnl: pnl "ten" is not a number');
  });
});
