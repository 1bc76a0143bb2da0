/**
 * Live trades for the supervisor: the fills the relay keeps for the user's connector
 * (GET /trading/history, the newest 1000), paired into closed trades the way the Trade
 * page does. Only when signed in and online; otherwise there is simply no live history.
 */
import type { Fill } from "../../../../core/protocol/index.ts";
import { closedToHistory } from "../../../../core/trading/closed-to-history.ts";
import { call, hasAccessToken } from "../../adapters/api-client.ts";
import { closedTrades } from "../connector/connector-snapshot.ts";
import type { TradeHistoryRecord } from "./ai-records.ts";
import { LIVE_ID } from "./trade-source.ts";

const LIMIT = 1000;

export async function loadLiveHistory(now: number): Promise<TradeHistoryRecord | undefined> {
  if (!navigator.onLine || !hasAccessToken()) return undefined;
  try {
    const h = await call("get", "/trading/history", { query: { limit: LIMIT }, quietRateLimit: true });
    const trades = closedToHistory(closedTrades(h.fills as Fill[]));
    if (trades.length === 0) return undefined;
    return { id: LIVE_ID, name: "Live account (connector)", importedAt: now, trades };
  } catch {
    return undefined;
  }
}
