// Market analysis on constructed series whose answer is known by construction (a steady
// staircase is a trend up, a sine wave is a range, a squeeze that jumps is a breakout) and
// indicator values checked against Wilder's definitions worked by hand.
import { describe, expect, it } from "vitest";
import { barsFromRows } from "../market/candles.ts";
import { barsFromCloses, DAY, range, T0 } from "./analysis-fixtures.ts";
import { analyzeMarket } from "./analyze-market.ts";
import { findLevels } from "./levels.ts";
import { classifyRegime } from "./regime.ts";
import { sessionOfHour } from "./sessions.ts";
import { adxSeries, atrSeries } from "./wilder.ts";

const wave = (i: number, amp: number, period: number) => amp * Math.sin((2 * Math.PI * i) / period);

describe("Wilder ATR and ADX (hand-worked)", () => {
  it("ATR(2) of four bars: TR 2,2,2,3 -> NaN, 2, 2, 2.5", () => {
    const bars = barsFromRows([
      { time: 0, open: 9, high: 10, low: 8, close: 9, volume: 0 },
      { time: 1, open: 9, high: 11, low: 9, close: 10.5, volume: 0 },
      { time: 2, open: 10.5, high: 12, low: 10, close: 11, volume: 0 },
      { time: 3, open: 13, high: 14, low: 13, close: 13.5, volume: 0 },
    ]);
    expect(Array.from(atrSeries(bars, 2))).toEqual([Number.NaN, 2, 2, 2.5]);
  });

  it("a staircase whose highs and lows only rise has -DI 0, +DI > 0 and ADX 100", () => {
    const bars = barsFromRows(
      range(40, (i) => ({ time: i, open: 1 + i, high: 1.5 + i, low: 0.5 + i, close: 1 + i, volume: 0 })),
    );
    const { adx, plusDi, minusDi } = adxSeries(bars, 14);
    expect(adx[26]).toBeNaN(); // first value at 2*14-1 = 27
    expect(adx[27]).toBeCloseTo(100, 10);
    expect(minusDi[39]).toBe(0);
    expect(plusDi[39]).toBeGreaterThan(0);
  });
});

describe("regime", () => {
  it("a steady uptrend is a trend up; its mirror a trend down", () => {
    const up = barsFromCloses(
      range(300, (i) => 1.1 + 0.0005 * i + wave(i, 0.0002, 5)),
      0.0003,
    );
    const result = classifyRegime(up);
    expect(result.regime).toBe("trend");
    expect(result.direction).toBe("up");
    expect(result.figures.adx).toBeGreaterThanOrEqual(25);
    const down = barsFromCloses(
      range(300, (i) => 1.3 - 0.0005 * i + wave(i, 0.0002, 5)),
      0.0003,
    );
    expect(classifyRegime(down)).toMatchObject({ regime: "trend", direction: "down" });
  });

  it("a mean-reverting (sine) series is a range with no direction", () => {
    const bars = barsFromCloses(
      range(400, (i) => 1.1 + wave(i, 0.003, 24) + wave(i, 0.001, 7)),
      0.0005,
    );
    const result = classifyRegime(bars);
    expect(result.regime).toBe("range");
    expect(result.direction).toBe("flat");
    expect(result.figures.adx).toBeLessThan(25);
  });

  it("a squeeze that breaks out is a breakout, in the direction it left the box", () => {
    const build = (sign: number) => {
      const closes = [
        ...range(250, (i) => 1.1 + wave(i, 0.004, 24)),
        ...range(40, (i) => 1.1 + wave(i, 0.0003, 6)),
        1.1 + sign * 0.003,
      ];
      const half = closes.map((_, i) => (i < 250 ? 0.0005 : 0.0001));
      return barsFromCloses(closes, half);
    };
    const up = classifyRegime(build(1));
    expect(up.regime).toBe("breakout");
    expect(up.direction).toBe("up");
    expect(up.figures.barsSinceBreakout).toBe(0);
    expect(up.figures.box.compression).toBeLessThan(0.6);
    expect(classifyRegime(build(-1))).toMatchObject({ regime: "breakout", direction: "down" });
  });
});

describe("volatility percentile", () => {
  it("compares against the last 365 days only: a falling ATR is at the bottom (1 of 366 values)", () => {
    // 500 daily bars: the first 100 wide (older than a year), then narrow; ATR falls steadily.
    const half = range(500, (i) => (i < 100 ? 0.005 : 0.001));
    const bars = barsFromCloses(
      range(500, () => 1.1),
      half,
      DAY,
    );
    const a = analyzeMarket(bars);
    expect(a.volatility.sample).toBe(366);
    expect(a.volatility.percentile).toBeCloseTo(100 / 366, 10);
    expect(a.volatility.since).toBe(T0 + 134 * DAY);
  });

  it("a jump in range puts the ATR at the 100th percentile", () => {
    const half = range(300, (i) => (i < 290 ? 0.0005 : 0.002));
    const a = analyzeMarket(
      barsFromCloses(
        range(300, (i) => 1.1 + wave(i, 0.001, 24)),
        half,
      ),
    );
    expect(a.volatility.percentile).toBe(100);
  });
});

describe("support and resistance", () => {
  it("a triangle wave between 1.1000 and 1.1100 gives its floor and ceiling with their touch counts", () => {
    // Peaks at bars 20, 60, 100, 140, 180; troughs at 40, 80, 120, 160 (bar 0 has no left side).
    const closes = range(200, (i) => {
      const k = i % 40;
      return 1.1 + 0.0005 * (k <= 20 ? k : 40 - k);
    });
    const bars = barsFromCloses(closes, 0.0002);
    const levels = findLevels(bars, 0.0007);
    expect(levels).toHaveLength(2);
    expect(levels[0].kind).toBe("resistance");
    expect(levels[0].price).toBeCloseTo(1.1102, 10);
    expect(levels[0].touches).toBe(5);
    expect(levels[1]).toMatchObject({ kind: "support", touches: 4 });
    expect(levels[1].price).toBeCloseTo(1.0998, 10);
  });
});

describe("analyzeMarket", () => {
  it("names the session and its median range; the summary quotes the figures", () => {
    // 30 days of flat H1 bars 10 pips high; the last bar opens at 09:00 UTC (London).
    const n = 30 * 24 + 10;
    const a = analyzeMarket(
      barsFromCloses(
        range(n, () => 1.1),
        0.0005,
      ),
      { symbol: "EURUSD", timeframe: "H1" },
    );
    expect(a.session.name).toBe("london");
    expect(a.session.days).toBe(20);
    expect(a.session.typicalRange).toBeCloseTo(0.001, 12);
    expect(a.session.typicalRangePips).toBeCloseTo(10, 9);
    expect(a.regime).toBe("range");
    expect(a.summary).toMatch(/^EURUSD H1: Range, no clear direction \(ADX \d+\.\d/);
    expect(a.summary).toContain("ATR(14) 0.00100");
    expect(a.summary).toContain(
      "London session; its median range over the last 20 sessions is 0.00100 (10.0 pips)",
    );
  });

  it("refuses a series too short to analyse, saying how many bars it needs", () => {
    expect(() =>
      analyzeMarket(
        barsFromCloses(
          range(50, () => 1),
          0.001,
        ),
      ),
    ).toThrowError(/at least 88 bars.*has 50/);
  });

  it("sessions cover every hour once", () => {
    expect(range(24, sessionOfHour)).toEqual([
      ...Array(7).fill("asia"),
      ...Array(5).fill("london"),
      ...Array(4).fill("overlap"),
      ...Array(6).fill("new_york"),
      ...Array(2).fill("asia"),
    ]);
  });
});
