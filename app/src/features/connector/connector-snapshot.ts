/**
 * Maps what the connector publishes (protocol account, positions, orders, quotes, fills) onto
 * the Trade page's snapshot shapes, so a linked connector is just another account: closing
 * fills become closed trades (entry from the opening fill before them), new fills become
 * fill/close events for the page's notifications.
 */
import { symbolInfo } from "../../../../core/market/symbols.ts";
import type {
  ClosedTrade,
  PaperEvent,
  PositionView,
  WorkingOrderView,
} from "../../../../core/paper/types.ts";
import type { AccountState, Fill, Position, Quote, WorkingOrder } from "../../../../core/protocol/index.ts";
import type { TradeSnapshot } from "../trade/account-source.ts";

export interface ConnectorState {
  accountId: string;
  name: string;
  /** N of 1:N for margin estimates in the ticket (the broker's own margin rules apply). */
  leverage: number;
  account: AccountState | null;
  quotes: Record<string, Quote>;
  positions: Position[];
  orders: WorkingOrder[];
  /** newest first, as the relay keeps them */
  fills: Fill[];
  /** the symbol the page quotes */
  symbol: string;
}

const CLOSE_REASONS: Record<Fill["reason"], ClosedTrade["reason"] | null> = {
  order: null,
  close: "close",
  stop_loss: "sl",
  take_profit: "tp",
  stop_out: "stop-out",
};

/** Closed trades from fills (oldest first): each closing fill paired with the latest opening fill before it. */
export function closedTrades(fillsNewestFirst: Fill[]): ClosedTrade[] {
  const fills = [...fillsNewestFirst].sort((a, b) => a.time - b.time);
  const trades: ClosedTrade[] = [];
  for (const [i, f] of fills.entries()) {
    const reason = CLOSE_REASONS[f.reason];
    if (!reason) continue;
    const opening = fills
      .slice(0, i)
      .reverse()
      .find((o) => o.reason === "order" && o.symbol === f.symbol && o.side !== f.side);
    trades.push({
      id: f.id,
      positionId: opening?.brokerOrderId ?? opening?.id ?? f.id,
      symbol: f.symbol,
      side: f.side === "buy" ? "sell" : "buy",
      units: f.units,
      entryTime: opening?.time ?? f.time,
      exitTime: f.time,
      entryPrice: opening?.price ?? f.price,
      exitPrice: f.price,
      pnl: f.realizedPl,
      commission: 0,
      swap: 0,
      reason,
      note: "",
      tags: [],
    });
  }
  return trades;
}

/** The page's event for a new fill. */
export function fillEvent(f: Fill, trades: ClosedTrade[]): PaperEvent {
  const trade = trades.find((t) => t.id === f.id);
  if (trade) return { type: "close", trade };
  return {
    type: "fill",
    orderId: f.brokerOrderId ?? f.id,
    positionId: f.brokerOrderId ?? f.id,
    symbol: f.symbol,
    side: f.side,
    units: f.units,
    price: f.price,
    time: f.time,
  };
}

function positionView(p: Position, quotes: Record<string, Quote>): PositionView {
  const q = quotes[p.symbol];
  const currentPrice = q ? (p.side === "buy" ? q.bid : q.ask) : p.openPrice;
  const move = p.side === "buy" ? currentPrice - p.openPrice : p.openPrice - currentPrice;
  return { ...p, currentPrice, pips: move / symbolInfo(p.symbol).pipSize };
}

function orderView(o: WorkingOrder): WorkingOrderView {
  const { key: _key, ...rest } = o;
  return rest;
}

/** The Trade page snapshot for the connector account; `seen` holds fill ids already reported. */
export function toSnapshot(s: ConnectorState, seen: Set<string>, version: number): TradeSnapshot {
  const a = s.account;
  const marginUsed = a?.marginUsed ?? 0;
  const equity = a?.equity ?? 0;
  const history = closedTrades(s.fills);
  const fresh = s.fills.filter((f) => !seen.has(f.id)).reverse();
  for (const f of fresh) seen.add(f.id);
  return {
    account: {
      id: s.accountId,
      name: s.name,
      currency: a?.currency ?? "USD",
      leverage: s.leverage,
      balance: a?.balance ?? 0,
      equity,
      unrealizedPl: a?.unrealizedPl ?? 0,
      marginUsed,
      freeMargin: equity - marginUsed,
      marginLevel: marginUsed > 0 ? (equity / marginUsed) * 100 : null,
    },
    quote: s.quotes[s.symbol] ?? null,
    positions: s.positions.map((p) => positionView(p, s.quotes)),
    orders: s.orders.map(orderView),
    historyVersion: version,
    history,
    equityVersion: 0,
    events: fresh.map((f) => fillEvent(f, history)),
  };
}
