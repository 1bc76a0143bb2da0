// Trade-habit analytics on constructed histories where the right answer is known: a calm,
// consistent history raises nothing; adding one revenge episode, one overtrading day, one
// oversized trade or a few night trades raises exactly that alert; figures worked by hand.
import { describe, expect, it } from "vitest";
import type { HistoryTrade } from "../../trading/history-csv.ts";
import { accountMetrics } from "./account-metrics.ts";
import { analyzeHabits } from "./analyze-habits.ts";
import { tradeStats } from "./trade-stats.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Monday 2024-03-04 00:00 UTC. */
const MONDAY = Date.UTC(2024, 2, 4);

function trade(entry: number, minutes: number, pnl: number, units = 10_000, symbol = "EURUSD"): HistoryTrade {
  return {
    symbol,
    side: "buy",
    units,
    entryTime: entry,
    exitTime: entry + minutes * MIN,
    entryPrice: 1.1,
    exitPrice: 1.1 + pnl / units,
    pnl,
  };
}

/** 20 weekdays, two trades a day (09:00-11:00 wins 20, 13:00-15:00 loses 10), same size. */
function calm(): HistoryTrade[] {
  const out: HistoryTrade[] = [];
  for (let w = 0; w < 4; w++) {
    for (let d = 0; d < 5; d++) {
      const day = MONDAY + (w * 7 + d) * DAY;
      out.push(trade(day + 9 * HOUR, 120, 20), trade(day + 13 * HOUR, 120, -10));
    }
  }
  return out;
}

describe("analyzeHabits", () => {
  it("a calm, consistent history raises no alert; the only recommendation is its losing session", () => {
    const result = analyzeHabits(calm(), { startingBalance: 10_000, drawdownLimitPct: 5 });
    expect(result.alerts).toEqual([]);
    expect(result.recommendations).toEqual([
      {
        basis: "session",
        message: "Your London/New York overlap trades lose: 20 trades, -200, win rate 0%.",
        figures: { session: "overlap", trades: 20, pnl: -200, winRatePct: 0 },
      },
    ]);
    expect(result.style).toBe("day"); // 120-minute holds
    expect(result.stats.trades).toBe(40);
    expect(result.stats.netPnl).toBe(200); // 20 x (20 - 10)
    expect(result.stats.sizing).toEqual({ cvPct: 0, consistent: true });
    expect(result.stats.bySession.map((g) => [g.key, g.trades, g.pnl])).toEqual([
      ["london", 20, 400],
      ["overlap", 20, -200],
    ]);
  });

  it("flags revenge trading: a double-size trade 20 min after a loss", () => {
    const trades = calm();
    trades[3] = { ...trades[3], pnl: -50 }; // Tuesday 13:00-15:00
    trades.push(trade(MONDAY + DAY + 15 * HOUR + 20 * MIN, 30, -40, 20_000));
    const result = analyzeHabits(trades);
    expect(result.alerts.map((a) => a.type)).toEqual(["revenge_trading"]);
    const [alert] = result.alerts;
    expect(alert.trades).toEqual([3, 40]);
    expect(alert.figures).toMatchObject({ lossPnl: -50, tradesAfter: 1, maxSizeRatio: 2, windowMinutes: 60 });
    expect(alert.message).toContain("After a loss of 50 on EURUSD (2024-03-05)");
    expect(result.recommendations.map((r) => r.basis)).toContain("revenge_trading");
  });

  it("flags an overtrading day: 12 trades against a median of 2", () => {
    const trades = calm();
    const friday = MONDAY + 4 * DAY;
    for (let k = 0; k < 10; k++) trades.push(trade(friday + 9 * HOUR + 30 * MIN + k * 5 * MIN, 4, 5));
    const result = analyzeHabits(trades);
    expect(result.alerts.map((a) => a.type)).toEqual(["overtrading"]);
    const [alert] = result.alerts;
    expect(alert.figures).toEqual({ day: "2024-03-08", trades: 12, medianPerDay: 2, threshold: 5 });
    expect(alert.trades).toEqual([8, 9, ...Array.from({ length: 10 }, (_, k) => 40 + k)]);
    expect(alert.message).toBe("12 trades on 2024-03-08, 6x your median of 2 per trading day.");
  });

  it("flags a size outlier: 50,000 units against a median of 10,000", () => {
    const trades = calm();
    trades[10] = { ...trades[10], units: 50_000, pnl: 100 };
    const result = analyzeHabits(trades);
    expect(result.alerts.map((a) => a.type)).toEqual(["size_outlier"]);
    expect(result.alerts[0]).toMatchObject({
      trades: [10],
      figures: { units: 50_000, medianUnits: 10_000, ratio: 5, pnl: 100 },
    });
  });

  it("flags off-hours trades: 2 of 30 in the Asia session (6.67% < 10%)", () => {
    const trades = calm().slice(0, 28);
    trades.push(trade(MONDAY + 2 * HOUR, 60, -15), trade(MONDAY + DAY + 3 * HOUR, 60, -5));
    const result = analyzeHabits(trades);
    expect(result.alerts.map((a) => a.type)).toEqual(["off_hours"]);
    expect(result.alerts[0].trades).toEqual([28, 29]);
    expect(result.alerts[0].figures).toMatchObject({ session: "asia", trades: 2, sharePct: 6.67, pnl: -20 });
  });

  it("flags a drawdown beyond the Settings limit: 1100 -> 970 is 11.82% (hand-computed)", () => {
    const t = MONDAY + 9 * HOUR;
    const trades = [
      trade(t, 60, 100),
      trade(t + DAY, 60, -50),
      trade(t + 2 * DAY, 60, -80),
      trade(t + 3 * DAY, 60, 30),
    ];
    expect(analyzeHabits(trades, { startingBalance: 1000, drawdownLimitPct: 12 }).alerts).toEqual([]);
    const result = analyzeHabits(trades, { startingBalance: 1000, drawdownLimitPct: 10 });
    expect(result.alerts).toHaveLength(1);
    expect(result.alerts[0]).toMatchObject({
      type: "drawdown_limit",
      trades: [1, 2],
      figures: {
        maxDrawdownPct: 11.82,
        limitPct: 10,
        peakEquity: 1100,
        troughEquity: 970,
        startingBalance: 1000,
      },
    });
  });
});

describe("tradeStats (hand-computed)", () => {
  it("pnl 20, -10, 30, -10: win rate 50%, PF 2.5, expectancy 7.5, SQN 2*7.5/sqrt(425)", () => {
    const t = MONDAY + 9 * HOUR;
    const trades = [
      trade(t, 5, 20),
      trade(t + HOUR, 5, -10),
      trade(t + 2 * HOUR, 5, 30),
      trade(t + 3 * HOUR, 5, -10),
    ];
    const s = tradeStats(trades, 1000);
    expect(s).toMatchObject({ trades: 4, wins: 2, losses: 2, winRatePct: 50, netPnl: 30, profitFactor: 2.5 });
    expect(s.expectancy).toBe(7.5);
    expect(s.sqn).toBeCloseTo(15 / Math.sqrt(425), 12);
    expect(s.longestWinStreak).toBe(1);
    expect(s.maxDrawdown).toBe(10);
    expect(s.maxDrawdownPct).toBeCloseTo((10 / 1020) * 100, 12);
    expect(analyzeHabits(trades).style).toBe("scalper");
  });
});

describe("accountMetrics (the backtest metrics of a history)", () => {
  it("balance 1000, then +100 and -50: return 5%, max drawdown 50/1100, trade returns 10% and -50/1100", () => {
    const t = MONDAY + 9 * HOUR;
    const m = accountMetrics([trade(t, 60, 100), trade(t + DAY, 60, -50)], 1000);
    expect(m?.returnPct).toBeCloseTo(5, 12);
    expect(m?.maxDrawdownPct).toBeCloseTo(-(50 / 1100) * 100, 12);
    expect(m?.bestTradePct).toBeCloseTo(10, 12);
    expect(m?.worstTradePct).toBeCloseTo(-(50 / 1100) * 100, 12);
    expect(m?.winRatePct).toBe(50);
    expect(accountMetrics([], 1000)).toBeUndefined();
  });
});
