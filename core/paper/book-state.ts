/**
 * Save and restore of one symbol's matching engine (core/backtest Broker): open trades and
 * the order queue in queue order with SL/TP/close orders linked to their trades, and the
 * quote the book stands on. Plain JSON (NaN written as null); a restore is exact, so a
 * reloaded book fills the next quote exactly as the saved one would have.
 */
import { z } from "zod";
import { Broker } from "../backtest/broker.ts";
import { bracketOrder, Order, OrderKind, Trade } from "../backtest/order.ts";
import type { BacktestSettings } from "../backtest/types.ts";

const num = z.number().finite();
/** A number that may be absent (NaN in the engine, null in JSON). */
const opt = num.nullable();

export const tradeStateSchema = z.object({
  id: z.string(),
  size: num,
  entryPrice: num,
  entryBar: num,
  entryTime: num,
  commission: num,
  swap: num,
  trailingStop: opt,
});

export const orderStateSchema = z.object({
  /** entry orders: their id (also the id of the position they open); others: "" */
  id: z.string(),
  kind: z.number().int().min(0).max(3),
  size: num,
  limit: opt,
  stop: opt,
  sl: opt,
  tp: opt,
  trailingStop: opt,
  /** id of the trade an SL, TP or close order belongs to */
  parent: z.string().nullable(),
});

export const bookStateSchema = z.object({
  symbol: z.string(),
  index: z.number().int(),
  time: opt,
  bid: opt,
  ask: opt,
  prevTime: opt,
  prevBid: opt,
  swapBookedAt: opt,
  trades: z.array(tradeStateSchema),
  queue: z.array(orderStateSchema),
});
export type BookState = z.infer<typeof bookStateSchema>;

const out = (x: number): number | null => (Number.isNaN(x) ? null : x);
const back = (x: number | null): number => (x === null ? Number.NaN : x);

/** The engine's state as JSON-safe data. */
export function saveBook(symbol: string, b: Broker): BookState {
  return {
    symbol,
    index: b.index,
    time: out(b.time),
    bid: out(b.close),
    ask: out(b.close + b.askOffset),
    prevTime: out(b.prevTime),
    prevBid: out(b.prevClose),
    swapBookedAt: out(b.swapBookedAt),
    trades: b.trades.map((t) => ({
      id: t.tag,
      size: t.size,
      entryPrice: t.entryPrice,
      entryBar: t.entryBar,
      entryTime: t.entryTime,
      commission: t.commission,
      swap: t.swap,
      trailingStop: out(t.trailingStop),
    })),
    queue: b.orders.map((o) => ({
      id: o.kind === OrderKind.Entry ? o.tag : "",
      kind: o.kind,
      size: o.size,
      limit: out(o.limit),
      stop: out(o.stop),
      sl: out(o.sl),
      tp: out(o.tp),
      trailingStop: out(o.trailingStop),
      parent: o.parent ? o.parent.tag : null,
    })),
  };
}

/** A Broker standing exactly where `state` was saved. */
export function restoreBook(state: BookState, settings: BacktestSettings): Broker {
  const b = new Broker(settings);
  const bid = back(state.bid);
  b.setBar(state.index, back(state.time), bid, bid, bid, bid, back(state.prevTime), back(state.prevBid));
  b.askOffset = Number.isNaN(bid) ? 0 : back(state.ask) - bid;
  b.swapBookedAt = back(state.swapBookedAt);
  const byId = new Map<string, Trade>();
  for (const t of state.trades) {
    const trade = new Trade(t.size, t.entryPrice, t.entryBar, t.entryTime, t.id);
    trade.commission = t.commission;
    trade.swap = t.swap;
    trade.trailingStop = back(t.trailingStop);
    if (!Number.isNaN(trade.trailingStop)) b.trailingCount++;
    byId.set(t.id, trade);
    b.trades.push(trade);
  }
  for (const o of state.queue) {
    const parent = o.parent === null ? null : (byId.get(o.parent) ?? null);
    let order: Order;
    if ((o.kind === OrderKind.StopLoss || o.kind === OrderKind.TakeProfit) && parent) {
      order = bracketOrder(o.kind, parent, back(o.kind === OrderKind.StopLoss ? o.stop : o.limit));
      order.size = o.size;
      if (o.kind === OrderKind.StopLoss) parent.slOrder = order;
      else parent.tpOrder = order;
    } else {
      const tag = parent ? parent.tag : o.id;
      order = new Order(
        o.size,
        back(o.limit),
        back(o.stop),
        back(o.sl),
        back(o.tp),
        back(o.trailingStop),
        o.kind as OrderKind,
        parent,
        tag,
      );
    }
    b.orders.push(order);
  }
  return b;
}
