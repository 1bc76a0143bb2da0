/**
 * Trade-habit analytics of a closed-trade history: style, figures, breakdowns, sizing
 * consistency, alerts (newest first) and recommendations. Works on paper, live and
 * imported trades alike; trades are referred to by their index in the given list.
 */
import type { HistoryTrade } from "../../trading/history-csv.ts";
import { type AccountMetrics, accountMetrics } from "./account-metrics.ts";
import {
  drawdownAlerts,
  type HabitAlert,
  offHoursAlerts,
  overtradingAlerts,
  revengeAlerts,
  sizeOutlierAlerts,
} from "./alerts.ts";
import {
  type Breakdown,
  breakdown,
  type SizeConsistency,
  sizeConsistency,
  styleOf,
  type TradingStyle,
} from "./breakdown.ts";
import { type Recommendation, recommend } from "./recommendations.ts";
import { type TradeStats, tradeStats } from "./trade-stats.ts";

export interface HabitOptions {
  /** account balance before the first trade; enables drawdown in percent */
  startingBalance?: number;
  /** the Settings drawdown limit, in percent of the peak balance */
  drawdownLimitPct?: number;
}

export interface HabitAnalysis {
  style: TradingStyle | "none";
  stats: TradeStats & Breakdown & { sizing: SizeConsistency; metrics?: AccountMetrics };
  alerts: HabitAlert[];
  recommendations: Recommendation[];
}

export function analyzeHabits(trades: readonly HistoryTrade[], options: HabitOptions = {}): HabitAnalysis {
  const stats = tradeStats(trades, options.startingBalance);
  const groups = breakdown(trades);
  const sizing = sizeConsistency(trades);
  const alerts = [
    ...overtradingAlerts(trades),
    ...revengeAlerts(trades),
    ...sizeOutlierAlerts(trades),
    ...offHoursAlerts(trades),
    ...drawdownAlerts(trades, options.startingBalance, options.drawdownLimitPct),
  ].sort((a, b) => b.time - a.time);
  return {
    style: trades.length ? styleOf(stats.medianHoldMinutes) : "none",
    stats: {
      ...stats,
      ...groups,
      sizing,
      ...(options.startingBalance ? { metrics: accountMetrics(trades, options.startingBalance) } : {}),
    },
    alerts,
    recommendations: recommend(alerts, groups, sizing),
  };
}
