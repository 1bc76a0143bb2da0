/** Display names, units and formatting of every statistic (keys as the engine and CLI name them). */
import type { Stats } from "../../../../core/metrics/compute-stats.ts";

type Kind = "count" | "money" | "pct" | "ratio" | "days";

/** Every statistic in display order. */
export const STAT_INFO: ReadonlyArray<{ key: keyof Stats; label: string; kind: Kind }> = [
  { key: "trades", label: "Trades", kind: "count" },
  { key: "equityFinal", label: "Final equity", kind: "money" },
  { key: "equityPeak", label: "Peak equity", kind: "money" },
  { key: "returnPct", label: "Return", kind: "pct" },
  { key: "cagrPct", label: "CAGR", kind: "pct" },
  { key: "returnAnnPct", label: "Return (annualised)", kind: "pct" },
  { key: "volatilityAnnPct", label: "Volatility (annualised)", kind: "pct" },
  { key: "sharpe", label: "Sharpe ratio", kind: "ratio" },
  { key: "sortino", label: "Sortino ratio", kind: "ratio" },
  { key: "calmar", label: "Calmar ratio", kind: "ratio" },
  { key: "maxDrawdownPct", label: "Max drawdown", kind: "pct" },
  { key: "avgDrawdownPct", label: "Average drawdown", kind: "pct" },
  { key: "maxDrawdownDurationDays", label: "Max drawdown duration", kind: "days" },
  { key: "avgDrawdownDurationDays", label: "Average drawdown duration", kind: "days" },
  { key: "exposurePct", label: "Exposure time", kind: "pct" },
  { key: "winRatePct", label: "Win rate", kind: "pct" },
  { key: "bestTradePct", label: "Best trade", kind: "pct" },
  { key: "worstTradePct", label: "Worst trade", kind: "pct" },
  { key: "avgTradePct", label: "Average trade", kind: "pct" },
  { key: "avgTradeDurationDays", label: "Average trade duration", kind: "days" },
  { key: "profitFactor", label: "Profit factor", kind: "ratio" },
  { key: "expectancyPct", label: "Expectancy", kind: "pct" },
  { key: "sqn", label: "SQN", kind: "ratio" },
  { key: "kelly", label: "Kelly criterion", kind: "ratio" },
  { key: "longestWinStreak", label: "Longest win streak", kind: "count" },
  { key: "longestLossStreak", label: "Longest loss streak", kind: "count" },
  { key: "commissionsPaid", label: "Commissions paid", kind: "money" },
  { key: "swapsPaid", label: "Swaps paid", kind: "money" },
];

/** Label of a statistic key (the key itself when unknown). */
export function statLabel(key: string): string {
  return STAT_INFO.find((s) => s.key === key)?.label ?? key;
}

/** Formats a statistic value for tables ("—" for NaN). */
export function formatStat(key: string, value: number): string {
  if (typeof value !== "number" || Number.isNaN(value)) return "—";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  const kind = STAT_INFO.find((s) => s.key === key)?.kind ?? "ratio";
  switch (kind) {
    case "count":
      return String(Math.round(value));
    case "money":
      return value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case "pct":
      return `${value.toFixed(2)}%`;
    case "days":
      return formatDays(value);
    default:
      return value.toFixed(3);
  }
}

/** A duration in days as a trader reads it: "2.5 d" from a day up, "3.5 h" or "45 min" below. */
export function formatDays(days: number): string {
  if (Math.abs(days) >= 1) return `${days.toFixed(1)} d`;
  const hours = days * 24;
  if (Math.abs(hours) >= 1) return `${hours.toFixed(1)} h`;
  return `${Math.round(hours * 60)} min`;
}
