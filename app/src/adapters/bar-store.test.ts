import { describe, expect, it } from "vitest";
import { generateSampleBars } from "../../../core/market/sample-data.ts";
import { datasetIdFor, periodStart, splitByPeriod } from "./bar-store.ts";

describe("storage periods", () => {
  it("chunks intraday data by calendar month and H1+ by year (UTC)", () => {
    const t = Date.UTC(2024, 1, 29, 23, 59);
    expect(periodStart(t, "M1")).toBe(Date.UTC(2024, 1, 1));
    expect(periodStart(t, "M30")).toBe(Date.UTC(2024, 1, 1));
    expect(periodStart(t, "H1")).toBe(Date.UTC(2024, 0, 1));
    expect(periodStart(t, "W1")).toBe(Date.UTC(2024, 0, 1));
  });

  it("splits sorted bars into period parts that keep every bar once and in order", () => {
    const { bars } = generateSampleBars({ count: 100_000, timeframe: "M1", start: Date.UTC(2024, 0, 1) });
    const parts = splitByPeriod(bars, "M1");
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.reduce((n, p) => n + p.bars.length, 0)).toBe(bars.length);
    for (const part of parts) {
      expect(periodStart(part.bars.time[0], "M1")).toBe(part.start);
      expect(periodStart(part.bars.time[part.bars.length - 1], "M1")).toBe(part.start);
    }
    expect(parts.map((p) => p.start)).toEqual([...parts.map((p) => p.start)].sort((a, b) => a - b));
  });

  it("keeps simulated data apart from real data of the same pair", () => {
    expect(datasetIdFor("EURUSD", "H1")).toBe("EURUSD:H1");
    expect(datasetIdFor("EURUSD", "H1", true)).not.toBe(datasetIdFor("EURUSD", "H1"));
  });
});
