/**
 * Read-only views of a paper account's books (positions, working orders) and the closed
 * trades a step added to an engine's trade log, in account currency.
 */
import type { Broker } from "../backtest/broker.ts";
import type { Order } from "../backtest/order.ts";
import type { ExitReason } from "../backtest/types.ts";
import type { Book } from "./book.ts";
import type { ClosedTrade, PositionView, WorkingOrderView } from "./types.ts";

/** Open P/L of one book's trades in account currency (without the external part). */
export function openPl(b: Broker): number {
  let pl = 0;
  for (const t of b.trades) pl += t.size * (b.exitPriceOf(t) - t.entryPrice);
  return pl * b.quoteToAccount;
}

/** Margin held by one book's own trades, in account currency. */
export function ownMargin(b: Broker): number {
  return b.marginUsed() - b.externalMargin;
}

function closeReason(r: ExitReason): ClosedTrade["reason"] {
  return r === "sl" || r === "tp" || r === "stop-out" || r === "reverse" ? r : "close";
}

/** Every open position of the books, valued at the price it would close at now. */
export function positionViews(books: Iterable<Book>): PositionView[] {
  const list: PositionView[] = [];
  for (const book of books) {
    const b = book.broker;
    for (const t of b.trades) {
      const current = b.exitPriceOf(t);
      const view: PositionView = {
        id: t.tag,
        symbol: book.symbol,
        side: t.size > 0 ? "buy" : "sell",
        units: Math.abs(t.size),
        openPrice: t.entryPrice,
        openTime: t.entryTime,
        currentPrice: current,
        unrealizedPl: t.size * (current - t.entryPrice) * b.quoteToAccount - t.commission + t.swap,
        pips: (Math.sign(t.size) * (current - t.entryPrice)) / book.info.pipSize,
      };
      if (!Number.isNaN(t.sl)) view.stopLoss = t.sl;
      if (!Number.isNaN(t.tp)) view.takeProfit = t.tp;
      list.push(view);
    }
  }
  return list;
}

/** A working entry order as the page and the connector see it. */
export function orderView(id: string, o: Order, symbol: string, time: number): WorkingOrderView {
  const isStop = !Number.isNaN(o.stop);
  const view: WorkingOrderView = {
    id,
    symbol,
    side: o.size > 0 ? "buy" : "sell",
    units: Math.abs(o.size),
    type: isStop ? "stop" : Number.isNaN(o.limit) ? "market" : "limit",
    time,
  };
  const price = isStop ? o.stop : o.limit;
  if (!Number.isNaN(price)) view.price = price;
  if (!Number.isNaN(o.sl)) view.stopLoss = o.sl;
  if (!Number.isNaN(o.tp)) view.takeProfit = o.tp;
  return view;
}

/** The trades the engine closed from log row `from` on, P/L converted at the current rate. */
export function closedTrades(book: Book, from: number, nextId: () => string): ClosedTrade[] {
  const b = book.broker;
  const log = b.closed;
  const out: ClosedTrade[] = [];
  for (let k = from; k < log.count; k++) {
    const size = log.size[k];
    const reason = log.record(k).exitReason;
    const trade: ClosedTrade = {
      id: nextId(),
      positionId: log.tags[k] ?? "",
      symbol: book.symbol,
      side: size > 0 ? "buy" : "sell",
      units: Math.abs(size),
      entryTime: log.entryTime[k],
      exitTime: log.exitTime[k],
      entryPrice: log.entryPrice[k],
      exitPrice: log.exitPrice[k],
      pnl: size * (log.exitPrice[k] - log.entryPrice[k]) * b.quoteToAccount - log.commission[k] + log.swap[k],
      commission: log.commission[k],
      swap: log.swap[k],
      reason: closeReason(reason),
      note: "",
      tags: [],
    };
    out.push(trade);
  }
  return out;
}
