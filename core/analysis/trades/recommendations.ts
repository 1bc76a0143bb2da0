/**
 * Recommendations derived from the alerts and the figures: one per alert type present,
 * plus the weakest pair or session (MIN_GROUP_TRADES trades or more, losing money) and
 * inconsistent sizing. Each quotes the figures it rests on.
 */
import { SESSION_LABELS, type SessionName } from "../sessions.ts";
import type { AlertType, HabitAlert } from "./alerts.ts";
import { REVENGE_WINDOW_MIN } from "./alerts.ts";
import type { Breakdown, GroupFigures, SizeConsistency } from "./breakdown.ts";

export const MIN_GROUP_TRADES = 5;

export interface Recommendation {
  message: string;
  /** the alert type or figure it comes from */
  basis: AlertType | "pair" | "session" | "sizing";
  figures: Record<string, number | string>;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function fromAlerts(alerts: readonly HabitAlert[]): Recommendation[] {
  const out: Recommendation[] = [];
  const of = (type: AlertType) => alerts.filter((a) => a.type === type);
  const over = of("overtrading");
  if (over.length) {
    const worst = over.reduce((a, b) => (Number(b.figures.trades) > Number(a.figures.trades) ? b : a));
    out.push({
      basis: "overtrading",
      message: `Set a daily cap near your norm of ${worst.figures.medianPerDay} trades: ${over.length} day(s) went past ${worst.figures.threshold}, up to ${worst.figures.trades} on ${worst.figures.day}.`,
      figures: {
        days: over.length,
        medianPerDay: worst.figures.medianPerDay,
        maxTrades: worst.figures.trades,
      },
    });
  }
  const revenge = of("revenge_trading");
  if (revenge.length) {
    const pnlAfter = revenge.reduce((s, a) => s + Number(a.figures.lossPnl), 0);
    out.push({
      basis: "revenge_trading",
      message: `Pause for at least ${REVENGE_WINDOW_MIN} min after a loss and keep your usual size: ${revenge.length} episode(s) of trading straight after losses totalling ${round(-pnlAfter)}.`,
      figures: { episodes: revenge.length, lossPnl: round(pnlAfter) },
    });
  }
  const outliers = of("size_outlier");
  if (outliers.length) {
    const pnl = outliers.reduce((s, a) => s + Number(a.figures.pnl), 0);
    out.push({
      basis: "size_outlier",
      message: `Size every trade from your risk setting: ${outliers.length} trade(s) were 3x your median size or more (together ${round(pnl)}).`,
      figures: { trades: outliers.length, pnl: round(pnl) },
    });
  }
  for (const a of of("off_hours")) {
    out.push({
      basis: "off_hours",
      message: `Keep to your usual sessions (${a.figures.usualSessions}): your ${a.figures.trades} ${SESSION_LABELS[a.figures.session as SessionName]} trades made ${a.figures.pnl}.`,
      figures: { session: a.figures.session, trades: a.figures.trades, pnl: a.figures.pnl },
    });
  }
  for (const a of of("drawdown_limit")) {
    out.push({
      basis: "drawdown_limit",
      message: `Stop or cut size until you understand the losing run: the drawdown reached ${a.figures.maxDrawdownPct}% against your limit of ${a.figures.limitPct}%.`,
      figures: { maxDrawdownPct: a.figures.maxDrawdownPct, limitPct: a.figures.limitPct },
    });
  }
  return out;
}

function weakest(groups: readonly GroupFigures[]): GroupFigures | undefined {
  const losing = groups.filter((g) => g.trades >= MIN_GROUP_TRADES && g.pnl < 0);
  return losing.sort((a, b) => a.pnl - b.pnl)[0];
}

/** Recommendations for a history; empty when nothing stands out. */
export function recommend(
  alerts: readonly HabitAlert[],
  groups: Breakdown,
  sizing: SizeConsistency,
): Recommendation[] {
  const out = fromAlerts(alerts);
  const pair = groups.byPair.length > 1 ? weakest(groups.byPair) : undefined;
  if (pair) {
    out.push({
      basis: "pair",
      message: `Review your ${pair.key} trades: ${pair.trades} trades lost ${round(-pair.pnl)} with a win rate of ${round(pair.winRatePct, 1)}%.`,
      figures: {
        pair: pair.key,
        trades: pair.trades,
        pnl: round(pair.pnl),
        winRatePct: round(pair.winRatePct, 1),
      },
    });
  }
  const session = groups.bySession.length > 1 ? weakest(groups.bySession) : undefined;
  if (session && !alerts.some((a) => a.type === "off_hours" && a.figures.session === session.key)) {
    out.push({
      basis: "session",
      message: `Your ${SESSION_LABELS[session.key as SessionName]} trades lose: ${session.trades} trades, ${round(session.pnl)}, win rate ${round(session.winRatePct, 1)}%.`,
      figures: {
        session: session.key,
        trades: session.trades,
        pnl: round(session.pnl),
        winRatePct: round(session.winRatePct, 1),
      },
    });
  }
  if (!sizing.consistent) {
    out.push({
      basis: "sizing",
      message: `Your position sizes vary a lot (coefficient of variation ${round(sizing.cvPct, 0)}% against your median size per pair; 50% or less is consistent).`,
      figures: { cvPct: round(sizing.cvPct, 1) },
    });
  }
  return out;
}
