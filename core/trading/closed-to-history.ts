/**
 * Closed trades (a paper account's, or those paired from a connector's fills) in the shared
 * history shape of core/trading/history-csv.ts, with the journal note and tags when set.
 */
import type { ClosedTrade } from "../paper/types.ts";
import type { HistoryTrade } from "./history-csv.ts";

export function closedToHistory(list: readonly ClosedTrade[]): HistoryTrade[] {
  return list.map((t) => ({
    symbol: t.symbol,
    side: t.side,
    units: t.units,
    entryTime: t.entryTime,
    exitTime: t.exitTime,
    entryPrice: t.entryPrice,
    exitPrice: t.exitPrice,
    pnl: t.pnl,
    ...(t.note ? { note: t.note } : {}),
    ...(t.tags?.length ? { tags: t.tags } : {}),
  }));
}
