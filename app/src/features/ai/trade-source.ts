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
import { closedToHistory } from "../../../../core/trading/closed-to-history.ts";
import type { PaperAccountRecord } from "../trade/trade-types.ts";
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

/** Prefix of the ids of histories that come from paper accounts (read-only here). */
export const PAPER_PREFIX = "paper:";
/** Id of the history built from the connector's fills (live trades; read-only here). */
export const LIVE_ID = "live:connector";

/** A paper account's closed trades as a history (the Trade page owns the account). */
export function paperHistory(account: PaperAccountRecord): TradeHistoryRecord {
  return {
    id: `${PAPER_PREFIX}${account.id}`,
    name: `Paper account: ${account.name}`,
    importedAt: account.updatedAt,
    startingBalance: account.state.config.balance,
    trades: closedToHistory(account.state.history),
  };
}
