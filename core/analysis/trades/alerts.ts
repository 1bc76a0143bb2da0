/**
 * Habit alerts, each with the figures behind it and the trades it points at (indexes into
 * the list given). The thresholds are the trader's own norms, named below:
 * - overtrading: a day (UTC, by entry) with at least OVERTRADE_FACTOR x the median trades
 *   per active day and at least OVERTRADE_MARGIN more than it (needs MIN_DAYS active days).
 * - revenge_trading: after a losing trade, within REVENGE_WINDOW_MIN minutes of its exit,
 *   a trade REVENGE_SIZE x the median size of its symbol or larger, or REVENGE_BURST trades
 *   or more. Losses that chain into each other form one episode.
 * - size_outlier: a trade SIZE_OUTLIER x the median size of its symbol or larger (symbols
 *   with MIN_SYMBOL_TRADES trades or more).
 * - off_hours: trades in a session that holds less than OFF_HOURS_SHARE of all trades
 *   (histories of MIN_OFF_HOURS_TRADES trades or more).
 * - drawdown_limit: the balance fell further from its peak than the limit set in Settings.
 */
import type { HistoryTrade } from "../../trading/history-csv.ts";
import { SESSION_LABELS, type SessionName } from "../sessions.ts";
import { medianUnits, sessionOfTrade } from "./breakdown.ts";
import { drawdown, exitOrder, median } from "./trade-stats.ts";

export type AlertType = "overtrading" | "revenge_trading" | "size_outlier" | "off_hours" | "drawdown_limit";

export interface HabitAlert {
  type: AlertType;
  message: string;
  /** indexes of the trades behind the alert */
  trades: number[];
  figures: Record<string, number | string>;
  /** UTC ms of the latest exit among those trades (orders alerts newest first) */
  time: number;
}

export const OVERTRADE_FACTOR = 2.5;
export const OVERTRADE_MARGIN = 3;
export const MIN_DAYS = 5;
export const REVENGE_WINDOW_MIN = 60;
export const REVENGE_SIZE = 1.5;
export const REVENGE_BURST = 3;
export const SIZE_OUTLIER = 3;
export const MIN_SYMBOL_TRADES = 5;
export const OFF_HOURS_SHARE = 0.1;
export const MIN_OFF_HOURS_TRADES = 20;

const DAY_MS = 86_400_000;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const latest = (trades: readonly HistoryTrade[], ids: number[]) =>
  Math.max(...ids.map((i) => trades[i].exitTime));
const day = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

export function overtradingAlerts(trades: readonly HistoryTrade[]): HabitAlert[] {
  const days = new Map<string, number[]>();
  trades.forEach((t, i) => {
    const key = day(t.entryTime);
    days.set(key, [...(days.get(key) ?? []), i]);
  });
  if (days.size < MIN_DAYS) return [];
  const norm = median([...days.values()].map((ids) => ids.length));
  const threshold = Math.max(OVERTRADE_FACTOR * norm, norm + OVERTRADE_MARGIN);
  return [...days]
    .filter(([, ids]) => ids.length >= threshold)
    .map(([date, ids]) => ({
      type: "overtrading",
      message: `${ids.length} trades on ${date}, ${round(ids.length / norm, 1)}x your median of ${norm} per trading day.`,
      trades: ids,
      figures: { day: date, trades: ids.length, medianPerDay: norm, threshold: round(threshold) },
      time: latest(trades, ids),
    }));
}

export function revengeAlerts(trades: readonly HistoryTrade[]): HabitAlert[] {
  const medians = medianUnits(trades);
  const byEntry = trades.map((_, i) => i).sort((a, b) => trades[a].entryTime - trades[b].entryTime || a - b);
  const episodes: { loss: number; ids: Set<number>; maxRatio: number; burst: number; lossPnl: number }[] = [];
  for (const k of exitOrder(trades)) {
    const loss = trades[k];
    if (!(loss.pnl < 0)) continue;
    const end = loss.exitTime + REVENGE_WINDOW_MIN * 60_000;
    const after = byEntry.filter(
      (j) => j !== k && trades[j].entryTime >= loss.exitTime && trades[j].entryTime <= end,
    );
    if (after.length === 0) continue;
    const ratios = after.map((j) => trades[j].units / (medians.get(trades[j].symbol) as number));
    const maxRatio = Math.max(...ratios);
    if (maxRatio < REVENGE_SIZE && after.length < REVENGE_BURST) continue;
    const open = episodes.find((e) => e.ids.has(k));
    if (open) {
      for (const j of after) open.ids.add(j);
      open.maxRatio = Math.max(open.maxRatio, maxRatio);
      open.burst = Math.max(open.burst, after.length);
      open.lossPnl += loss.pnl;
    } else
      episodes.push({
        loss: k,
        ids: new Set([k, ...after]),
        maxRatio,
        burst: after.length,
        lossPnl: loss.pnl,
      });
  }
  return episodes.map((e) => {
    const ids = [...e.ids].sort((a, b) => trades[a].entryTime - trades[b].entryTime);
    const first = trades[e.loss];
    const what =
      e.maxRatio >= REVENGE_SIZE
        ? `the largest ${round(e.maxRatio, 1)}x your median size for the pair`
        : `${e.burst} trades within ${REVENGE_WINDOW_MIN} min`;
    return {
      type: "revenge_trading",
      message:
        `After a loss of ${round(-first.pnl)} on ${first.symbol} (${day(first.exitTime)}), you traded again within ` +
        `${REVENGE_WINDOW_MIN} min: ${ids.length - 1} trade(s), ${what}.`,
      trades: ids,
      figures: {
        lossPnl: round(e.lossPnl),
        tradesAfter: ids.length - 1,
        maxSizeRatio: round(e.maxRatio),
        windowMinutes: REVENGE_WINDOW_MIN,
      },
      time: latest(trades, ids),
    };
  });
}

export function sizeOutlierAlerts(trades: readonly HistoryTrade[]): HabitAlert[] {
  const medians = medianUnits(trades);
  const counts = new Map<string, number>();
  for (const t of trades) counts.set(t.symbol, (counts.get(t.symbol) ?? 0) + 1);
  const out: HabitAlert[] = [];
  trades.forEach((t, i) => {
    const norm = medians.get(t.symbol) as number;
    if ((counts.get(t.symbol) ?? 0) < MIN_SYMBOL_TRADES || t.units < SIZE_OUTLIER * norm) return;
    out.push({
      type: "size_outlier",
      message: `${t.units} units of ${t.symbol} on ${day(t.entryTime)}: ${round(t.units / norm, 1)}x your median of ${norm} units.`,
      trades: [i],
      figures: { units: t.units, medianUnits: norm, ratio: round(t.units / norm), pnl: t.pnl },
      time: t.exitTime,
    });
  });
  return out;
}

export function offHoursAlerts(trades: readonly HistoryTrade[]): HabitAlert[] {
  if (trades.length < MIN_OFF_HOURS_TRADES) return [];
  const bySession = new Map<SessionName, number[]>();
  trades.forEach((t, i) => {
    const s = sessionOfTrade(t);
    bySession.set(s, [...(bySession.get(s) ?? []), i]);
  });
  const usual = [...bySession]
    .filter(([, ids]) => ids.length / trades.length >= OFF_HOURS_SHARE)
    .map(([s]) => SESSION_LABELS[s]);
  return [...bySession]
    .filter(([, ids]) => ids.length / trades.length < OFF_HOURS_SHARE)
    .map(([session, ids]) => {
      const pnl = ids.reduce((s, i) => s + trades[i].pnl, 0);
      const share = (100 * ids.length) / trades.length;
      return {
        type: "off_hours",
        message:
          `${ids.length} of ${trades.length} trades (${round(share, 1)}%) were in the ${SESSION_LABELS[session]} session, ` +
          `outside your usual ${usual.join(", ")}; they made ${round(pnl)}.`,
        trades: ids,
        figures: {
          session,
          trades: ids.length,
          sharePct: round(share),
          pnl: round(pnl),
          usualSessions: usual.join(", "),
        },
        time: latest(trades, ids),
      };
    });
}

export function drawdownAlerts(
  trades: readonly HistoryTrade[],
  startingBalance?: number,
  limitPct?: number,
): HabitAlert[] {
  if (!(startingBalance && startingBalance > 0 && limitPct && limitPct > 0)) return [];
  const dd = drawdown(trades, startingBalance);
  if (!(dd.maxDrawdownPct !== undefined && dd.maxDrawdownPct > limitPct)) return [];
  const order = exitOrder(trades);
  const from = dd.peakAfter === -1 ? 0 : order.indexOf(dd.peakAfter) + 1;
  const ids = order.slice(from, order.indexOf(dd.troughAt) + 1);
  return [
    {
      type: "drawdown_limit",
      message:
        `Drawdown of ${round(dd.maxDrawdownPct)}% (from ${round(dd.peakEquity)} to ${round(dd.troughEquity)}) ` +
        `is beyond your limit of ${limitPct}%.`,
      trades: ids,
      figures: {
        maxDrawdownPct: round(dd.maxDrawdownPct),
        limitPct,
        peakEquity: round(dd.peakEquity),
        troughEquity: round(dd.troughEquity),
        startingBalance,
      },
      time: latest(trades, ids),
    },
  ];
}
