/**
 * The compact context sent with a chat question, built locally from the market analysis
 * and the trade-habit analytics. It is split into parts the user sees before sending and
 * can switch off one by one; only the parts switched on are sent.
 */
import type { MarketAnalysis } from "../../../../core/analysis/index.ts";
import { SESSION_LABELS, type SessionName } from "../../../../core/analysis/sessions.ts";
import type { AccountMetrics, HabitAnalysis } from "../../../../core/analysis/trades/index.ts";

export type ContextPartId = "market" | "habits" | "alerts";

export interface ContextPart {
  id: ContextPartId;
  label: string;
  text: string;
}

export const CONTEXT_LABELS: Record<ContextPartId, string> = {
  market: "Market analysis",
  habits: "Trade-history figures",
  alerts: "Alerts and recommendations",
};

const MAX_ALERTS = 10;

export const fmt = (n: number | undefined, d = 2) =>
  n === undefined || !Number.isFinite(n) ? "n/a" : n.toFixed(d);

export function marketText(a: MarketAnalysis): string {
  return `${a.summary} (analysis of the bar at ${new Date(a.time).toISOString().slice(0, 16)}Z)`;
}

export function habitsText(name: string, h: HabitAnalysis): string {
  const s = h.stats;
  const lines = [
    `Trade history "${name}": ${s.trades} closed trades, style ${h.style} (median hold ${fmt(s.medianHoldMinutes, 0)} min); ` +
      `win rate ${fmt(s.winRatePct, 1)}%, net pnl ${fmt(s.netPnl)}, profit factor ${fmt(s.profitFactor)}, ` +
      `expectancy ${fmt(s.expectancy)} per trade, max drawdown ${fmt(s.maxDrawdown)}` +
      `${s.maxDrawdownPct === undefined ? "" : ` (${fmt(s.maxDrawdownPct)}%)`}, longest losing streak ${s.longestLossStreak}.`,
    `By pair: ${s.byPair.map((g) => `${g.key} ${g.trades} trades ${fmt(g.pnl)}`).join("; ")}.`,
    `By session (UTC): ${s.bySession.map((g) => `${SESSION_LABELS[g.key as SessionName]} ${g.trades} trades ${fmt(g.pnl)} (win ${fmt(g.winRatePct, 0)}%)`).join("; ")}.`,
    `Sizing: ${s.sizing.consistent ? "consistent" : "inconsistent"} (variation ${fmt(s.sizing.cvPct, 0)}% of the median size per pair).`,
  ];
  const m = s.metrics;
  if (m) lines.push(metricsText(m));
  return lines.join("\n");
}

/** The backtest metrics of a history with a starting balance. */
export function metricsText(m: AccountMetrics): string {
  return (
    `On the starting balance: return ${fmt(m.returnPct)}%, max drawdown ${fmt(m.maxDrawdownPct)}%, ` +
    `CAGR ${fmt(m.cagrPct)}%, Sharpe ${fmt(m.sharpe)}, Sortino ${fmt(m.sortino)}, Calmar ${fmt(m.calmar)}.`
  );
}

export function alertsText(h: HabitAnalysis): string {
  if (h.alerts.length === 0 && h.recommendations.length === 0) return "No habit alerts.";
  const alerts = h.alerts.slice(0, MAX_ALERTS).map((a) => `- ${a.type}: ${a.message}`);
  const more = h.alerts.length > MAX_ALERTS ? [`- and ${h.alerts.length - MAX_ALERTS} more alerts`] : [];
  const recs = h.recommendations.map((r) => `- recommendation: ${r.message}`);
  return [...alerts, ...more, ...recs].join("\n");
}

/** The parts available for what the user has: no part for data they have not got. */
export function contextParts(input: {
  market?: MarketAnalysis;
  habits?: { name: string; analysis: HabitAnalysis };
}): ContextPart[] {
  const parts: ContextPart[] = [];
  if (input.market)
    parts.push({ id: "market", label: CONTEXT_LABELS.market, text: marketText(input.market) });
  if (input.habits) {
    parts.push({
      id: "habits",
      label: CONTEXT_LABELS.habits,
      text: habitsText(input.habits.name, input.habits.analysis),
    });
    parts.push({ id: "alerts", label: CONTEXT_LABELS.alerts, text: alertsText(input.habits.analysis) });
  }
  return parts;
}

/** The text sent: the parts switched on, each under its label. */
export function contextText(parts: readonly ContextPart[], off: ReadonlySet<ContextPartId>): string {
  return parts
    .filter((p) => !off.has(p.id))
    .map((p) => `## ${p.label}\n${p.text}`)
    .join("\n\n");
}
