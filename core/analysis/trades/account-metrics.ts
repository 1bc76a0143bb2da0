/**
 * The backtest metrics of docs/backtesting.md for a trade history, through the same pure
 * computeStats the backtests use: the equity curve is the starting balance, then balance +
 * running P/L at each exit (in exit order, starting at the first entry); each trade's
 * return is its P/L as a percent of the balance before it closed. Needs the starting
 * balance (without it there is no percent to speak of).
 */
import { computeStats, type Stats, type StatsTrade } from "../../metrics/compute-stats.ts";
import type { HistoryTrade } from "../../trading/history-csv.ts";
import { exitOrder } from "./trade-stats.ts";

export type AccountMetrics = Pick<
  Stats,
  | "returnPct"
  | "maxDrawdownPct"
  | "cagrPct"
  | "volatilityAnnPct"
  | "sharpe"
  | "sortino"
  | "calmar"
  | "winRatePct"
  | "profitFactor"
  | "expectancyPct"
  | "avgTradePct"
  | "bestTradePct"
  | "worstTradePct"
  | "kelly"
  | "maxDrawdownDurationDays"
>;

export function accountMetrics(
  trades: readonly HistoryTrade[],
  startingBalance: number,
): AccountMetrics | undefined {
  if (trades.length === 0 || !(startingBalance > 0)) return undefined;
  const order = exitOrder(trades);
  const equity = new Float64Array(order.length + 1);
  const time = new Float64Array(order.length + 1);
  equity[0] = startingBalance;
  time[0] = Math.min(...trades.map((t) => t.entryTime));
  const statsTrades: StatsTrade[] = order.map((k, i) => {
    const t = trades[k];
    equity[i + 1] = equity[i] + t.pnl;
    time[i + 1] = Math.max(t.exitTime, time[i]);
    return {
      size: t.units,
      entryBar: i + 1,
      exitBar: i + 1,
      pnl: t.pnl,
      returnPct: (t.pnl / equity[i]) * 100,
      entryTime: t.entryTime,
      exitTime: t.exitTime,
    };
  });
  const s = computeStats({ equity, time, trades: statsTrades, initialCash: startingBalance });
  return {
    returnPct: s.returnPct,
    maxDrawdownPct: s.maxDrawdownPct,
    cagrPct: s.cagrPct,
    volatilityAnnPct: s.volatilityAnnPct,
    sharpe: s.sharpe,
    sortino: s.sortino,
    calmar: s.calmar,
    winRatePct: s.winRatePct,
    profitFactor: s.profitFactor,
    expectancyPct: s.expectancyPct,
    avgTradePct: s.avgTradePct,
    bestTradePct: s.bestTradePct,
    worstTradePct: s.worstTradePct,
    kelly: s.kelly,
    maxDrawdownDurationDays: s.maxDrawdownDurationDays,
  };
}
