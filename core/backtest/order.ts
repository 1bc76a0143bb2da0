/**
 * Orders and trades of the matching engine. Absent prices are NaN (never 0), so the hot
 * loop tests them with `x === x` and the objects keep one shape.
 */
import type { ExitReason, TradeRecord } from "./types.ts";

/** What an order does: open/net (entry), close a trade, or act as a trade's SL or TP. */
export const OrderKind = { Entry: 0, Close: 1, StopLoss: 2, TakeProfit: 3 } as const;
export type OrderKind = (typeof OrderKind)[keyof typeof OrderKind];

/** A pending order in the broker's queue. */
export class Order {
  /** False once filled, cancelled or removed with its trade. */
  active = true;
  /** Why the broker cancelled it, when it did. */
  cancelReason = "";
  /** For close orders: the exit reason recorded on the trade. */
  exitReason: ExitReason = "close";
  constructor(
    public size: number,
    public limit: number,
    public stop: number,
    public sl: number,
    public tp: number,
    public trailingStop: number,
    public kind: OrderKind,
    public parent: Trade | null,
    public tag: string,
  ) {}

  get isLong(): boolean {
    return this.size > 0;
  }

  /** SL and TP orders are contingent: they always fill at the bar's own prices. */
  get isContingent(): boolean {
    return this.kind === OrderKind.StopLoss || this.kind === OrderKind.TakeProfit;
  }
}

/** A trade's stop-loss (a stop order) or take-profit (a limit order) for the opposite size. */
export function bracketOrder(kind: OrderKind, trade: Trade, price: number): Order {
  const isStop = kind === OrderKind.StopLoss;
  const none = Number.NaN;
  return new Order(
    -trade.size,
    isStop ? none : price,
    isStop ? price : none,
    none,
    none,
    none,
    kind,
    trade,
    trade.tag,
  );
}

/** An open (then closed) trade. */
export class Trade {
  exitPrice = Number.NaN;
  exitBar = -1;
  exitTime = Number.NaN;
  /** Commissions charged so far (entry, then exit). */
  commission = 0;
  /** Swap credited so far (negative = paid). */
  swap = 0;
  slOrder: Order | null = null;
  tpOrder: Order | null = null;
  /** Trailing-stop distance in price units (NaN = none). */
  trailingStop = Number.NaN;
  open = true;
  exitReason: ExitReason = "close";
  constructor(
    public size: number,
    public entryPrice: number,
    public entryBar: number,
    public entryTime: number,
    public tag: string,
  ) {}

  /** Current stop-loss price (NaN = none). */
  get sl(): number {
    return this.slOrder ? this.slOrder.stop : Number.NaN;
  }

  /** Current take-profit price (NaN = none). */
  get tp(): number {
    return this.tpOrder ? this.tpOrder.limit : Number.NaN;
  }

  /** Profit in account currency at `price`, without commissions (open P/L). */
  profitAt(price: number): number {
    return this.size * (price - this.entryPrice);
  }

  /** The record users see: pnl net of both commissions and of swap; an open trade is valued at `mark`. */
  toRecord(mark?: { price: number; bar: number; time: number }): TradeRecord {
    const size = this.size;
    const exitPrice = this.open && mark ? mark.price : this.exitPrice;
    const costs = this.commission - this.swap;
    const pnl = size * (exitPrice - this.entryPrice) - costs;
    const gross = Math.sign(size) * (exitPrice / this.entryPrice - 1);
    const returnPct = (gross - costs / (Math.abs(size) * this.entryPrice)) * 100;
    return {
      size,
      entryBar: this.entryBar,
      exitBar: this.open && mark ? mark.bar : this.exitBar,
      entryPrice: this.entryPrice,
      exitPrice,
      pnl,
      returnPct,
      entryTime: this.entryTime,
      exitTime: this.open && mark ? mark.time : this.exitTime,
      commission: this.commission,
      swap: this.swap,
      exitReason: this.exitReason,
      tag: this.tag,
    };
  }
}
