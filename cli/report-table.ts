/** Plain-text tables for the backtest and optimize commands. */
import type { TradeRecord } from "../core/backtest/types.ts";
import type { Stats } from "../core/metrics/compute-stats.ts";
import { isoTime } from "./backtest-args.ts";

const LABELS: [keyof Stats, string, number][] = [
  ["trades", "Trades", 0],
  ["equityFinal", "Equity final", 2],
  ["equityPeak", "Equity peak", 2],
  ["returnPct", "Return %", 2],
  ["returnAnnPct", "Return (ann.) %", 2],
  ["cagrPct", "CAGR %", 2],
  ["volatilityAnnPct", "Volatility (ann.) %", 2],
  ["sharpe", "Sharpe", 2],
  ["sortino", "Sortino", 2],
  ["calmar", "Calmar", 2],
  ["maxDrawdownPct", "Max drawdown %", 2],
  ["avgDrawdownPct", "Avg drawdown %", 2],
  ["maxDrawdownDurationDays", "Max drawdown duration (days)", 1],
  ["exposurePct", "Exposure %", 2],
  ["winRatePct", "Win rate %", 2],
  ["bestTradePct", "Best trade %", 2],
  ["worstTradePct", "Worst trade %", 2],
  ["avgTradePct", "Avg trade %", 3],
  ["avgTradeDurationDays", "Avg trade duration (days)", 2],
  ["profitFactor", "Profit factor", 3],
  ["expectancyPct", "Expectancy %", 3],
  ["sqn", "SQN", 3],
  ["kelly", "Kelly", 3],
  ["longestWinStreak", "Longest win streak", 0],
  ["longestLossStreak", "Longest loss streak", 0],
  ["commissionsPaid", "Commissions paid", 2],
  ["swapsPaid", "Swaps paid", 2],
];

/** Formats a number with fixed decimals, "-" for NaN. */
export function fmt(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : Number.isNaN(v) ? "-" : String(v);
}

/** Two-column statistics table. */
export function statsTable(stats: Stats): string {
  const width = Math.max(...LABELS.map(([, l]) => l.length));
  return LABELS.map(([k, label, d]) => `${label.padEnd(width)}  ${fmt(stats[k], d).padStart(12)}`).join("\n");
}

/** Generic aligned table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The first `limit` trades (and a count of the rest). */
export function tradesTable(trades: readonly TradeRecord[], limit: number): string {
  const rows = trades
    .slice(0, limit)
    .map((t) => [
      isoTime(t.entryTime),
      isoTime(t.exitTime),
      String(t.size),
      String(t.entryPrice),
      String(t.exitPrice),
      fmt(t.pnl, 2),
      fmt(t.returnPct, 3),
      t.exitReason,
    ]);
  const more = trades.length > limit ? `\n... ${trades.length - limit} more trades (use --json for all)` : "";
  return table(["entry time", "exit time", "size", "entry", "exit", "pnl", "return %", "exit"], rows) + more;
}
