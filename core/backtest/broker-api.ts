/**
 * The strategy-facing side of the broker: buy, sell, close, position. Validates every
 * order where it is placed so a strategy error names the bad price, not a later fill.
 */
import { DomainError } from "../errors.ts";
import type { Broker } from "./broker.ts";
import { Order, OrderKind, type Trade } from "./order.ts";
import type { OrderOptions } from "./types.ts";

/** "Full equity": the largest fraction below 1 (1 - 2^-52), as the reference uses. */
export const FULL_EQUITY = 1 - 2 ** -52;

const NONE = Number.NaN;
// Module-local copies of imported bindings used per order: under tsx (and other
// CommonJS-style transpilers) every reference to an import is a getter call.
const OrderClass = Order;
const { Entry: ENTRY, Close: CLOSE } = OrderKind;
/** Shared default so a plain buy()/sell() allocates nothing but its order. */
const NO_OPTIONS: OrderOptions = Object.freeze({});

function priceOpt(value: number | undefined, name: string): number {
  if (value === undefined || value === null) return NONE;
  if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
    throw new DomainError("invalid-order", `Order ${name} must be a positive price (got ${String(value)}).`);
  }
  return value;
}

/** What a strategy may do with the account. */
export class BrokerApi {
  constructor(private readonly broker: Broker) {}

  /** Net position in units (positive long, negative short, 0 flat). */
  get position(): number {
    return this.broker.position();
  }

  /** Open trades, oldest first (read-only view). */
  get trades(): readonly Trade[] {
    return this.broker.trades;
  }

  /** Pending orders in queue order (read-only view). */
  get orders(): readonly Order[] {
    return this.broker.orders;
  }

  /** Equity at the current bar's close. */
  get equity(): number {
    return this.broker.equity();
  }

  /** Cash (realised balance). */
  get cash(): number {
    return this.broker.cash;
  }

  /** Places a buy order (market unless limit/stop). Default size: full equity. */
  buy(options: OrderOptions = NO_OPTIONS): Order {
    return this.place(1, options);
  }

  /** Places a sell order (market unless limit/stop). Default size: full equity. */
  sell(options: OrderOptions = NO_OPTIONS): Order {
    return this.place(-1, options);
  }

  /** Closes `portion` (0 < p <= 1) of every open trade at the next fill. */
  closePosition(portion = 1): void {
    for (const trade of this.broker.trades) this.closeTrade(trade, portion);
  }

  /** Closes `portion` of one trade at the next fill; the close order goes to the queue front. */
  closeTrade(trade: Trade, portion = 1): Order {
    if (!(portion > 0 && portion <= 1)) {
      throw new DomainError("invalid-order", `Close portion must be in (0, 1] (got ${portion}).`);
    }
    const units = Math.max(1, Math.round(Math.abs(trade.size) * portion));
    const size = trade.size > 0 ? -units : units;
    return this.broker.enqueue(new OrderClass(size, NONE, NONE, NONE, NONE, NONE, CLOSE, trade, trade.tag));
  }

  /** Sets or moves a trade's stop-loss. */
  setStopLoss(trade: Trade, price: number): void {
    this.broker.setStopLoss(trade, priceOpt(price, "stop-loss"));
  }

  /** Sets or moves a trade's take-profit. */
  setTakeProfit(trade: Trade, price: number): void {
    this.broker.setTakeProfit(trade, priceOpt(price, "take-profit"));
  }

  /** Cancels a pending order. */
  cancel(order: Order): void {
    if (order.active) this.broker.remove(order);
  }

  private place(side: 1 | -1, o: OrderOptions): Order {
    const size = side * this.units(o);
    const limit = priceOpt(o.limit, "limit");
    const stop = priceOpt(o.stop, "stop");
    const sl = priceOpt(o.sl, "stop-loss");
    const tp = priceOpt(o.tp, "take-profit");
    let trailing = NONE;
    if (o.trailingStop !== undefined) trailing = priceOpt(o.trailingStop, "trailing-stop distance");
    const ref = !Number.isNaN(limit)
      ? limit
      : !Number.isNaN(stop)
        ? stop
        : this.broker.adjustedPrice(size, this.broker.close);
    const ok = side > 0 ? !(sl >= ref) && !(tp <= ref) : !(sl <= ref) && !(tp >= ref);
    if (!ok) {
      const want = side > 0 ? "SL < entry < TP" : "TP < entry < SL";
      throw new DomainError(
        "invalid-order",
        `Bracket prices must satisfy ${want} (SL ${sl}, entry ${ref}, TP ${tp}).`,
      );
    }
    return this.broker.enqueue(new OrderClass(size, limit, stop, sl, tp, trailing, ENTRY, null, o.tag ?? ""));
  }

  private units(o: OrderOptions): number {
    if (o.lots !== undefined) {
      const units = Math.round(o.lots * this.broker.settings.lotSize);
      if (!(units >= 1))
        throw new DomainError("invalid-order", `Order of ${o.lots} lots is less than one unit.`);
      return units;
    }
    const size = o.size ?? FULL_EQUITY;
    if (!((size > 0 && size < 1) || (Number.isInteger(size) && size >= 1))) {
      throw new DomainError(
        "invalid-order",
        `Order size must be a fraction of equity in (0, 1) or whole units >= 1 (got ${size}); use a positive size with buy/sell.`,
      );
    }
    return size;
  }
}
