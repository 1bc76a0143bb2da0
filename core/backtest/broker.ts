/**
 * The matching engine: an order queue filled against one bar at a time, trades, cash,
 * costs and margin, exactly as docs/backtest-semantics.md describes. It knows nothing of
 * strategies or of the data set, so the paper broker (core/paper) steps the same engine one
 * quote at a time: it sets open = high = low = close = bid and `askOffset` = ask - bid, so
 * buys fill at the ask and sells at the bid. `quoteToAccount` converts quote-currency P/L,
 * swap and margin into the account currency, and `externalPl`/`externalMargin` add the rest
 * of a multi-symbol account. All three are neutral (0, 1, 0) in backtests, where x + 0 and
 * x * 1 leave every result bit-identical.
 * Order placing (the strategy-facing half) lives in BrokerApi (broker-api.ts).
 */
import { bookSwap, stopOut, trail } from "./account-upkeep.ts";
import { type CommissionRates, commissionOf, pyFloorDiv } from "./costs.ts";
import { bracketOrder, type Order, OrderKind, Trade } from "./order.ts";
import { TradeLog } from "./trade-log.ts";
import type { BacktestSettings, ExitReason } from "./types.ts";

// Module-local copies of imported bindings used on the hot path: under tsx (and other
// CommonJS-style transpilers) every reference to an import is a getter call.
const { Close: CLOSE, StopLoss: STOP_LOSS, TakeProfit: TAKE_PROFIT } = OrderKind;
const TradeClass = Trade;
const commissionFn = commissionOf;
const floorDiv = pyFloorDiv;
const bracket = bracketOrder;

/** SL and TP orders are contingent: they always fill at the bar's own prices. */
function isContingent(order: Order): boolean {
  return order.kind === STOP_LOSS || order.kind === TAKE_PROFIT;
}

/** Removes one item in place (unlike splice, allocates no result array). */
function removeItem<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at < 0) return;
  for (let k = at + 1; k < list.length; k++) list[k - 1] = list[k];
  list.pop();
}

/** The order queue, open and closed trades, cash; step() processes the current bar. */
export class Broker {
  readonly settings: BacktestSettings;
  readonly leverage: number;
  readonly rates: CommissionRates;
  cash: number;
  readonly orders: Order[] = [];
  readonly trades: Trade[] = [];
  /** Closed trades, column-wise. */
  readonly closed = new TradeLog();
  /** Orders the broker cancelled (insufficient margin); counted for the report. */
  cancelledOrders = 0;
  // The bar being processed and the one before it (trade-on-close fills there).
  index = -1;
  time = Number.NaN;
  open = Number.NaN;
  high = Number.NaN;
  low = Number.NaN;
  close = Number.NaN;
  prevTime = Number.NaN;
  prevClose = Number.NaN;
  /** Open trades that carry a trailing stop. */
  trailingCount = 0;
  private snapshot: Order[] = [];
  /** Bar time whose swap was booked last (the finalising pass must not book it twice). */
  swapBookedAt = Number.NaN;
  /** Ask minus bid of the current quote (0 for bars, which are one-sided). */
  askOffset = 0;
  /** Account-currency value of one unit of the quote currency (1 in backtests). */
  quoteToAccount = 1;
  /** Open P/L (account currency) of the account's positions in other symbols. */
  externalPl = 0;
  /** Margin (account currency) held by the account's positions in other symbols. */
  externalMargin = 0;
  private readonly swapOn: boolean;
  private readonly stopOutOn: boolean;

  constructor(settings: BacktestSettings) {
    this.settings = settings;
    this.leverage = 1 / settings.margin;
    this.cash = settings.cash;
    this.rates = {
      fixed: settings.commissionFixed,
      relative: settings.commission,
      perLot: settings.commissionPerLot,
      lotSize: settings.lotSize,
    };
    this.swapOn = settings.swapLong !== 0 || settings.swapShort !== 0;
    this.stopOutOn = settings.stopOutLevel > 0;
  }

  /** True when step() has work even with an empty queue (swap, stop-out, trailing stops). */
  get busy(): boolean {
    return this.swapOn || this.stopOutOn || this.trailingCount !== 0;
  }

  /** Makes bar `index` current (positional for speed: this runs once per bar). */
  setBar(
    index: number,
    time: number,
    open: number,
    high: number,
    low: number,
    close: number,
    prevTime: number,
    prevClose: number,
  ): void {
    this.index = index;
    this.time = time;
    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    this.prevTime = prevTime;
    this.prevClose = prevClose;
  }

  /** Step 1 of the loop: book swap, process the queue, apply stop-out, move trailing stops. */
  step(): void {
    if (this.swapOn && this.trades.length > 0) bookSwap(this);
    if (this.orders.length > 0) while (this.walk()) {}
    if (this.stopOutOn && this.trades.length > 0) stopOut(this);
    if (this.trailingCount !== 0) trail(this);
  }

  /** Cash plus the open P/L of every trade at the current close (shorts at the ask). */
  equity(): number {
    let pl = 0;
    const trades = this.trades;
    for (let k = 0; k < trades.length; k++) pl += trades[k].size * (this.close - trades[k].entryPrice);
    if (this.askOffset !== 0) {
      for (let k = 0; k < trades.length; k++) if (trades[k].size < 0) pl += trades[k].size * this.askOffset;
    }
    return this.cash + pl * this.quoteToAccount + this.externalPl;
  }

  /** The price a trade would close at now: the bid for longs, the ask for shorts. */
  exitPriceOf(trade: Trade): number {
    return trade.size < 0 ? this.close + this.askOffset : this.close;
  }

  /** Margin held by open trades at the current close. */
  marginUsed(): number {
    let used = 0;
    for (const t of this.trades) used += (Math.abs(t.size) * this.close) / this.leverage;
    return used * this.quoteToAccount + this.externalMargin;
  }

  /** max(0, equity - margin used). */
  marginAvailable(): number {
    return Math.max(0, this.equity() - this.marginUsed());
  }

  /** Net position in units (sum of open trade sizes). */
  position(): number {
    let size = 0;
    for (const t of this.trades) size += t.size;
    return size;
  }

  /** Entry price after spread: higher for buys, lower for sells. */
  adjustedPrice(size: number, price: number): number {
    return price * (1 + (size > 0 ? this.settings.spread : -this.settings.spread));
  }

  commission(size: number, price: number): number {
    return commissionFn(this.rates, size, price);
  }

  /** Puts an order in the queue: stop-losses and close orders at the front, others at the back. */
  enqueue(order: Order): Order {
    const q = this.orders;
    q.push(order);
    if (order.kind === STOP_LOSS || order.kind === CLOSE) {
      // to the front (a hand-written unshift: V8's is slow on these small arrays)
      for (let k = q.length - 1; k > 0; k--) q[k] = q[k - 1];
      q[0] = order;
    }
    return order;
  }

  /** Takes an order out of the queue (filled, cancelled, or its trade closed). */
  remove(order: Order): void {
    order.active = false;
    removeItem(this.orders, order);
  }

  /** Ruin (equity <= 0): every trade closes at the current close and cash becomes 0. */
  ruin(): void {
    while (this.trades.length > 0) {
      const t = this.trades[0];
      this.closeTrade(t, this.exitPriceOf(t), this.index, "ruin");
    }
    this.cash = 0;
  }

  /** One walk over a snapshot of the queue; true when it must be walked again. */
  private walk(): boolean {
    const n = this.orders.length;
    const snap = this.snapshot;
    for (let k = 0; k < n; k++) snap[k] = this.orders[k];
    let again = false;
    for (let k = 0; k < n; k++) {
      const order = snap[k];
      snap[k] = undefined as unknown as Order;
      if (order.active && this.fill(order)) again = true;
    }
    return again;
  }

  /** Tries to fill one order on the current bar; true when a new bracket needs a re-walk. */
  private fill(order: Order): boolean {
    const isLong = order.size > 0;
    const up = isLong ? this.askOffset : 0; // buys trade at the ask
    const high = this.high + up;
    const low = this.low + up;
    const stop = order.stop;
    const hasStop = !Number.isNaN(stop);
    if (hasStop) {
      if (!(isLong ? high >= stop : low <= stop)) return false;
      order.stop = Number.NaN; // a touched stop becomes a market or limit order
    }
    const limit = order.limit;
    const hasLimit = !Number.isNaN(limit);
    let price: number;
    if (hasLimit) {
      const hit = isLong ? low <= limit : high >= limit;
      const beforeStop = hit && hasStop && (isLong ? limit <= stop : limit >= stop);
      if (!hit || beforeStop) return false;
      const from = hasStop ? stop : this.open + up;
      price = isLong ? Math.min(from, limit) : Math.max(from, limit);
    } else {
      const onClose = this.settings.tradeOnClose && !isContingent(order);
      price = (onClose ? this.prevClose : this.open) + up;
      if (hasStop) price = isLong ? Math.max(price, stop) : Math.min(price, stop);
      if (this.settings.slippage !== 0)
        price *= 1 + (isLong ? this.settings.slippage : -this.settings.slippage);
    }
    const isMarket = !hasLimit && !hasStop;
    const at = isMarket && this.settings.tradeOnClose && !isContingent(order) ? this.index - 1 : this.index;
    if (order.parent !== null) {
      this.fillExit(order, order.parent, price, at);
      return false;
    }
    return this.fillEntry(order, price, at, isMarket, hasStop, hasLimit, high, low);
  }

  private fillExit(order: Order, trade: Trade, price: number, at: number): void {
    const size = Math.sign(order.size) * Math.min(Math.abs(trade.size), Math.abs(order.size));
    const reason: ExitReason =
      order.kind === STOP_LOSS ? "sl" : order.kind === TAKE_PROFIT ? "tp" : order.exitReason;
    if (trade.open) this.reduceTrade(trade, price, size, at, reason);
    if (order.active) this.remove(order);
  }

  private fillEntry(
    order: Order,
    price: number,
    at: number,
    isMarket: boolean,
    hasStop: boolean,
    hasLimit: boolean,
    high: number,
    low: number,
  ): boolean {
    const adjusted = this.adjustedPrice(order.size, price);
    const perUnit =
      adjusted * this.quoteToAccount + this.commission(order.size, price) / Math.abs(order.size);
    let size = order.size;
    if (-1 < size && size < 1) {
      size = Math.sign(size) * floorDiv(this.marginAvailable() * this.leverage * Math.abs(size), perUnit);
      if (size === 0) return this.cancel(order);
    }
    let need = size;
    if (!this.settings.hedging) need = this.net(need, price, at);
    if (Math.abs(need) * perUnit > this.marginAvailable() * this.leverage) return this.cancel(order);
    let again = false;
    if (need !== 0) {
      this.openTrade(order, adjusted, need, at);
      const sl = order.sl;
      const tp = order.tp;
      if (!Number.isNaN(sl) || !Number.isNaN(tp)) {
        if (isMarket) again = true;
        else if (hasStop && !hasLimit && !Number.isNaN(tp)) {
          again = order.size > 0 ? tp <= high && !(sl >= low) : tp >= low && !(sl <= high);
        }
      }
    }
    this.remove(order);
    return again;
  }

  /** Netting: closes or reduces opposite trades, oldest first; returns the size left to open. */
  private net(need: number, price: number, at: number): number {
    const trades = this.trades;
    let k = 0;
    while (k < trades.length && need !== 0) {
      const trade = trades[k];
      if (trade.size > 0 === need > 0) k++;
      else if (Math.abs(need) >= Math.abs(trade.size)) {
        this.closeTrade(trade, price, at, "reverse"); // removes trades[k]
        need += trade.size;
      } else {
        this.reduceTrade(trade, price, need, at, "reverse");
        need = 0;
      }
    }
    return need;
  }

  private cancel(order: Order): boolean {
    order.cancelReason = "insufficient-margin";
    this.cancelledOrders++;
    this.remove(order);
    return false;
  }

  private openTrade(order: Order, price: number, size: number, at: number): void {
    const time = at === this.index ? this.time : this.prevTime;
    const trade = new TradeClass(size, price, at, time, order.tag);
    this.trades.push(trade);
    const c = this.commission(size, price);
    this.cash -= c;
    trade.commission += c;
    if (!Number.isNaN(order.tp)) this.setTakeProfit(trade, order.tp);
    if (!Number.isNaN(order.sl)) this.setStopLoss(trade, order.sl);
    if (!Number.isNaN(order.trailingStop)) {
      trade.trailingStop = order.trailingStop;
      this.trailingCount++;
      const start = size > 0 ? price - order.trailingStop : price + order.trailingStop;
      if (!(size > 0 ? start <= trade.sl : start >= trade.sl)) this.setStopLoss(trade, start);
    }
  }

  /** Sets (or moves, keeping its place in the queue) a trade's stop-loss. */
  setStopLoss(trade: Trade, price: number): void {
    if (trade.slOrder?.active) {
      trade.slOrder.stop = price;
      return;
    }
    trade.slOrder = this.enqueue(bracket(STOP_LOSS, trade, price));
  }

  /** Sets (or moves) a trade's take-profit. */
  setTakeProfit(trade: Trade, price: number): void {
    if (trade.tpOrder?.active) {
      trade.tpOrder.limit = price;
      return;
    }
    trade.tpOrder = this.enqueue(bracket(TAKE_PROFIT, trade, price));
  }

  /** Reduces a trade by `size` (opposite sign); the reduced part is closed as its own trade. */
  private reduceTrade(trade: Trade, price: number, size: number, at: number, reason: ExitReason): void {
    const left = trade.size + size;
    if (left === 0) {
      this.closeTrade(trade, price, at, reason);
      return;
    }
    const share = Math.abs(size) / Math.abs(trade.size);
    trade.size = left;
    if (trade.slOrder !== null) trade.slOrder.size = -left;
    if (trade.tpOrder !== null) trade.tpOrder.size = -left;
    const part = new TradeClass(-size, trade.entryPrice, trade.entryBar, trade.entryTime, trade.tag);
    part.commission = trade.commission * share;
    part.swap = trade.swap * share;
    trade.commission -= part.commission;
    trade.swap -= part.swap;
    this.trades.push(part);
    this.closeTrade(part, price, at, reason);
  }

  /** Closes a whole trade at `price` on bar `at`: exit commission, then the P/L, into cash. */
  closeTrade(trade: Trade, price: number, at: number, reason: ExitReason): void {
    removeItem(this.trades, trade);
    if (trade.slOrder?.active) this.remove(trade.slOrder);
    if (trade.tpOrder?.active) this.remove(trade.tpOrder);
    trade.open = false;
    if (!Number.isNaN(trade.trailingStop)) this.trailingCount--;
    trade.exitPrice = price;
    trade.exitBar = at;
    trade.exitTime = at === this.index ? this.time : this.prevTime;
    trade.exitReason = reason;
    const c = this.commission(trade.size, price);
    this.cash -= c;
    trade.commission += c;
    this.cash += trade.size * (price - trade.entryPrice) * this.quoteToAccount;
    this.closed.push(trade);
  }
}
