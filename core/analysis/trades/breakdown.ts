/**
 * Results grouped by pair, session, weekday and hour of entry (UTC), the trading style
 * from the median holding time, and how consistent position sizes are (each trade's units
 * against the median units of its symbol).
 */
import type { HistoryTrade } from "../../trading/history-csv.ts";
import { SESSION_LABELS, type SessionName, sessionAt } from "../sessions.ts";
import { median } from "./trade-stats.ts";

export type TradingStyle = "scalper" | "day" | "swing";
/** Median holds below these are scalping / day trading; longer is swing trading. */
export const SCALP_MAX_MINUTES = 30;
export const DAY_MAX_MINUTES = 24 * 60;
/** Coefficient of variation of relative size above which sizing counts as inconsistent. */
export const SIZE_CV_LIMIT_PCT = 50;

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export interface GroupFigures {
  key: string;
  trades: number;
  wins: number;
  winRatePct: number;
  pnl: number;
}

export interface Breakdown {
  byPair: GroupFigures[];
  bySession: GroupFigures[];
  byWeekday: GroupFigures[];
  byHour: GroupFigures[];
}

export interface SizeConsistency {
  /** coefficient of variation of units / median units of the symbol, in percent */
  cvPct: number;
  consistent: boolean;
}

export function styleOf(medianHoldMinutes: number): TradingStyle {
  if (medianHoldMinutes < SCALP_MAX_MINUTES) return "scalper";
  if (medianHoldMinutes < DAY_MAX_MINUTES) return "day";
  return "swing";
}

function group(trades: readonly HistoryTrade[], keyOf: (t: HistoryTrade) => string): GroupFigures[] {
  const map = new Map<string, GroupFigures>();
  for (const t of trades) {
    const key = keyOf(t);
    const g = map.get(key) ?? { key, trades: 0, wins: 0, winRatePct: 0, pnl: 0 };
    g.trades++;
    if (t.pnl > 0) g.wins++;
    g.pnl += t.pnl;
    map.set(key, g);
  }
  for (const g of map.values()) g.winRatePct = (g.wins / g.trades) * 100;
  return [...map.values()];
}

export function sessionOfTrade(t: HistoryTrade): SessionName {
  return sessionAt(t.entryTime);
}

export function breakdown(trades: readonly HistoryTrade[]): Breakdown {
  const byKey = (a: GroupFigures, b: GroupFigures) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const order = Object.keys(SESSION_LABELS);
  return {
    byPair: group(trades, (t) => t.symbol).sort(byKey),
    bySession: group(trades, sessionOfTrade).sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key)),
    byWeekday: group(trades, (t) => WEEKDAYS[new Date(t.entryTime).getUTCDay()]).sort(
      (a, b) => WEEKDAYS.indexOf(a.key) - WEEKDAYS.indexOf(b.key),
    ),
    byHour: group(trades, (t) => String(new Date(t.entryTime).getUTCHours()).padStart(2, "0")).sort(byKey),
  };
}

/** Median units per symbol. */
export function medianUnits(trades: readonly HistoryTrade[]): Map<string, number> {
  const bySymbol = new Map<string, number[]>();
  for (const t of trades) bySymbol.set(t.symbol, [...(bySymbol.get(t.symbol) ?? []), t.units]);
  return new Map([...bySymbol].map(([s, units]) => [s, median(units)]));
}

export function sizeConsistency(trades: readonly HistoryTrade[]): SizeConsistency {
  const medians = medianUnits(trades);
  const rel = trades.map((t) => t.units / (medians.get(t.symbol) as number));
  if (rel.length < 2) return { cvPct: Number.NaN, consistent: true };
  const mean = rel.reduce((s, r) => s + r, 0) / rel.length;
  const sd = Math.sqrt(rel.reduce((s, r) => s + (r - mean) ** 2, 0) / (rel.length - 1));
  const cvPct = (sd / mean) * 100;
  return { cvPct, consistent: cvPct <= SIZE_CV_LIMIT_PCT };
}
