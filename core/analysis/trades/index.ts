/** Trade-history analytics: figures, breakdowns, alerts and recommendations (pure). */

export { type AccountMetrics, accountMetrics } from "./account-metrics.ts";
export type { AlertType, HabitAlert } from "./alerts.ts";
export { analyzeHabits, type HabitAnalysis, type HabitOptions } from "./analyze-habits.ts";
export { type GroupFigures, styleOf, type TradingStyle, WEEKDAYS } from "./breakdown.ts";
export type { Recommendation } from "./recommendations.ts";
export { type TradeStats, tradeStats } from "./trade-stats.ts";
