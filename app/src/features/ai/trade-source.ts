/**
 * The trade histories the supervisor analyses: imported CSV histories (and, when the
 * paper-trading store exists, paper accounts' closed trades), each analysed with the
 * drawdown limit from Settings.
 */
import {
  analyzeHabits,
  type HabitAlert,
  type HabitAnalysis,
} from "../../../../core/analysis/trades/index.ts";
import type { TradeHistoryRecord } from "./ai-records.ts";

export interface AnalysedHistory {
  history: TradeHistoryRecord;
  analysis: HabitAnalysis;
}

export function analyseHistory(
  history: TradeHistoryRecord,
  drawdownLimitPct: number | null,
): AnalysedHistory {
  return {
    history,
    analysis: analyzeHabits(history.trades, {
      startingBalance: history.startingBalance,
      drawdownLimitPct: drawdownLimitPct ?? undefined,
    }),
  };
}

export interface AlertWithSource {
  alert: HabitAlert;
  historyId: string;
  historyName: string;
}

/** Every alert of every history, newest first. */
export function newestAlerts(
  analysed: readonly AnalysedHistory[],
  limit = Number.POSITIVE_INFINITY,
): AlertWithSource[] {
  return analysed
    .flatMap(({ history, analysis }) =>
      analysis.alerts.map((alert) => ({ alert, historyId: history.id, historyName: history.name })),
    )
    .sort((a, b) => b.alert.time - a.alert.time)
    .slice(0, limit);
}
