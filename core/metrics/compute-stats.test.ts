import { describe, expect, it } from "vitest";
import { computeStats, type StatsTrade } from "./compute-stats.ts";
import { drawdownSeries } from "./curve.ts";
import { annualFigures } from "./returns.ts";

const DAY = 86_400_000;
const days = (n: number, start = Date.UTC(2024, 0, 1)) =>
  Float64Array.from({ length: n }, (_, i) => start + i * DAY);

function trade(
  pnl: number,
  returnPct: number,
  entryBar: number,
  exitBar: number,
  extra: Partial<StatsTrade> = {},
): StatsTrade {
  return {
    size: 1000,
    entryBar,
    exitBar,
    pnl,
    returnPct,
    entryTime: entryBar * DAY,
    exitTime: exitBar * DAY,
    ...extra,
  };
}

describe("computeStats", () => {
  it("drawdown figures follow the period rule", () => {
    const equity = Float64Array.from([100, 110, 99, 110, 120, 90, 100]);
    expect(Array.from(drawdownSeries(equity)).map((d) => +d.toFixed(6))).toEqual([
      0, 0, 0.1, 0, 0, 0.25, 0.166667,
    ]);
    const s = computeStats({ equity, time: days(7), trades: [] });
    expect(s.maxDrawdownPct).toBeCloseTo(-25, 12);
    expect(s.avgDrawdownPct).toBeCloseTo(-17.5, 12); // periods 1..3 (peak 0.1) and 4..6 (peak 0.25)
    expect(s.maxDrawdownDurationDays).toBe(2);
    expect(s.equityPeak).toBe(120);
    expect(s.returnPct).toBeCloseTo(0, 12);
    expect(s.trades).toBe(0);
    expect(s.winRatePct).toBeNaN();
  });

  it("trade figures: win rate, best/worst, geometric average, profit factor, SQN, Kelly, streaks", () => {
    const trades = [
      trade(10, 1, 0, 2),
      trade(-5, -0.5, 2, 3),
      trade(20, 2, 5, 6),
      trade(-5, -0.5, 6, 7, { commission: 3, swap: -1 }),
    ];
    const s = computeStats({
      equity: Float64Array.from({ length: 10 }, () => 100),
      time: days(10),
      trades,
      initialCash: 100,
    });
    expect(s.winRatePct).toBe(50);
    expect(s.bestTradePct).toBe(2);
    expect(s.worstTradePct).toBe(-0.5);
    expect(s.avgTradePct).toBeCloseTo(
      (Math.exp((Math.log(1.01) + 2 * Math.log(0.995) + Math.log(1.02)) / 4) - 1) * 100,
      12,
    );
    expect(s.profitFactor).toBeCloseTo(3, 12);
    expect(s.expectancyPct).toBeCloseTo(0.5, 12);
    expect(s.sqn).toBeCloseTo((2 * 5) / Math.sqrt(150), 12);
    expect(s.kelly).toBeCloseTo(0.5 - 0.5 / 3, 12);
    expect(s.exposurePct).toBe(70); // bars 0-3 and 5-7
    expect([s.longestWinStreak, s.longestLossStreak]).toEqual([1, 1]);
    expect(s.commissionsPaid).toBe(3);
    expect(s.swapsPaid).toBe(1);
    expect(s.avgTradeDurationDays).toBe(1.25);
  });

  it("avg trade is 0 when a trade lost everything", () => {
    const s = computeStats({
      equity: Float64Array.of(1, 1),
      time: days(2),
      trades: [trade(-1, -100, 0, 1), trade(1, 5, 0, 1)],
    });
    expect(s.avgTradePct).toBe(0);
  });

  it("annualised figures: CAGR over calendar time, Sharpe/Sortino on daily returns", () => {
    const a = annualFigures({
      dailyCloses: [100, 101, 100, 102],
      weekendShare: 0,
      startMs: 0,
      endMs: 365.25 * DAY,
      initial: 100,
      final: 200,
      riskFree: 0,
    });
    expect(a.cagrPct).toBeCloseTo(100, 10);
    const r = [0.01, 100 / 101 - 1, 0.02];
    const m = (r[0] + r[1] + r[2]) / 3;
    const sd = Math.sqrt(r.reduce((acc, x) => acc + (x - m) ** 2, 0) / 2);
    expect(a.sharpe).toBeCloseTo((m / sd) * Math.sqrt(252), 10);
    expect(a.volatilityAnnPct).toBeCloseTo(sd * Math.sqrt(252) * 100, 10);
    expect(a.sortino).toBeCloseTo((m / Math.sqrt(r[1] ** 2 / 3)) * Math.sqrt(252), 10);
    const g = Math.exp((Math.log(1.01) + Math.log(100 / 101) + Math.log(1.02)) / 3) - 1;
    expect(a.returnAnnPct).toBeCloseTo(((1 + g) ** 252 - 1) * 100, 8);
  });
});
