/**
 * The paper broker: a trading account without a broker, driven by bid/ask quotes and filled
 * by the SAME matching engine as backtests (core/backtest Broker), one engine per symbol.
 *
 * Public API (used by the app's Trade page, the connector's "paper" broker and ML bots):
 *   new PaperBroker(config)                 empty account (PaperAccountConfig, types.ts)
 *   PaperBroker.restore(state)              from save(); throws DomainError on a bad state
 *   onQuote(quote) -> PaperEvent[]          advance one symbol to a new bid/ask
 *   place(request) -> { orderId, events }   market/limit/stop with SL/TP; fills at once when
 *                                           marketable (market: now, at the ask or the bid)
 *   modifyOrder(id, change) / cancelOrder(id) -> PaperEvent[]
 *   modifyPosition(id, change)              move or remove SL/TP (null removes)
 *   closePosition(id, units?) -> PaperEvent[]   whole or partial close at the current quote
 *   account() positions() orders() history() equityCurve() quote(symbol)   read-only views
 *   curvePoints                             grows with every equity-curve point (redraw hint)
 *   setJournal(tradeId, note, tags)  importHistory(trades)  reset()
 *   save() -> PaperState                    JSON-safe value; restore(save()) is exact
 *
 * What fills assume (docs/trading.md): buys fill at the ask and sells at the bid, never in
 * between; a quote that gaps through a stop fills at the quote, a limit only when touched;
 * open positions are valued at the price they would close at (bid for buys, ask for sells).
 * Stop-out is account-wide (stopOut below): under the level, the largest loss in any symbol
 * closes first at its own symbol's quote, then the level is checked again.
 * Nothing here reads a clock: time comes with the quotes.
 */
import type { Broker } from "../backtest/broker.ts";
import { Order, OrderKind, type Trade } from "../backtest/order.ts";
import { resolveSettings } from "../backtest/settings.ts";
import type { BacktestSettings } from "../backtest/types.ts";
import { DomainError } from "../errors.ts";
import { symbolInfo } from "../market/symbols.ts";
import { closeUnitsProblem } from "../trading/close-units.ts";
import type { HistoryTrade } from "../trading/history-csv.ts";
import { type Book, newBook, quoteToAccount } from "./book.ts";
import { restoreBook, saveBook } from "./book-state.ts";
import { checkOrder, checkProtection, type Reference } from "./order-checks.ts";
import { type PaperState, paperStateSchema } from "./paper-state.ts";
import type {
  AccountView,
  ClosedTrade,
  EquityPoint,
  OrderChange,
  PaperAccountConfig,
  PaperEvent,
  PaperOrderRequest,
  PaperQuote,
  PositionChange,
  PositionView,
  WorkingOrderView,
} from "./types.ts";
import { closedTrades, openPl, orderView, ownMargin, positionViews } from "./views.ts";

const NO_EVENTS: readonly PaperEvent[] = Object.freeze([]);
/** One equity-curve point per hour of market time at most (and one per closed trade). */
const EQUITY_STEP_MS = 3_600_000;
/** The curve keeps at most this many points (thinned by half when it grows past). */
const EQUITY_MAX_POINTS = 4_000;

/** A paper trading account; see the module comment for the API. */
export class PaperBroker {
  readonly config: PaperAccountConfig;
  private readonly settings: BacktestSettings;
  private cash: number;
  private nextId = 1;
  private readonly books = new Map<string, Book>();
  /** Working entry orders by id. */
  private readonly entries = new Map<string, { order: Order; book: Book; time: number }>();
  private closed: ClosedTrade[] = [];
  private curve: EquityPoint[] = [];
  private marginCall = false;
  /** Account-wide stop-out line as a fraction (equity / used margin); 0 turns it off. */
  private readonly stopOutLevel: number;
  /** Points ever added to the equity curve: tells a viewer when to redraw it. */
  curvePoints = 0;

  constructor(config: PaperAccountConfig) {
    this.config = config;
    this.cash = config.balance;
    this.stopOutLevel = (config.stopOutPct ?? 50) / 100;
    // The engines' own stop-out is per symbol; the account-wide one is in stopOut() below.
    this.settings = resolveSettings({
      cash: config.balance,
      margin: 1 / config.leverage,
      hedging: config.hedging ?? false,
      commissionPerLot: config.commissionPerLot ?? 0,
      stopOutLevel: 0,
      swapLong: config.swapLong ?? 0,
      swapShort: config.swapShort ?? 0,
      finalize: false,
    });
  }

  /** An account exactly as saved; bad or foreign data throws a DomainError naming the field. */
  static restore(value: unknown): PaperBroker {
    const parsed = paperStateSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError(
        "bad-paper-state",
        `Saved paper account is damaged at ${issue.path.join(".")}: ${issue.message}.`,
      );
    }
    const s: PaperState = parsed.data;
    const p = new PaperBroker(s.config);
    p.cash = s.cash;
    p.nextId = s.nextId;
    for (const state of s.books) {
      const book = newBook(state.symbol, restoreBook(state, p.settings));
      p.books.set(book.symbol, book);
      for (const order of book.broker.orders) {
        if (order.kind === OrderKind.Entry)
          p.entries.set(order.tag, { order, book, time: s.orderTimes[order.tag] ?? 0 });
      }
    }
    p.closed = s.history.map((t) => ({ ...t, tags: [...t.tags] }));
    p.curve = s.equity.map((e) => ({ ...e }));
    p.marginCall = s.marginCall;
    for (const book of p.books.values()) book.broker.quoteToAccount = p.rate(book);
    return p;
  }

  /** The account as a JSON-safe value; PaperBroker.restore(save()) continues exactly. */
  save(): PaperState {
    const orderTimes: Record<string, number> = {};
    for (const [id, e] of this.entries) orderTimes[id] = e.time;
    return {
      version: 1,
      config: structuredCloneConfig(this.config),
      cash: this.cash,
      nextId: this.nextId,
      books: [...this.books.values()].map((b) => saveBook(b.symbol, b.broker)),
      orderTimes,
      history: this.closed.map((t) => ({ ...t, tags: [...t.tags] })),
      equity: this.curve.map((e) => ({ ...e })),
      marginCall: this.marginCall,
    };
  }

  /** Advances `quote.symbol` to a new bid/ask and fills what it reaches. */
  onQuote(q: PaperQuote): readonly PaperEvent[] {
    if (!(q.bid > 0 && q.ask >= q.bid)) {
      throw new DomainError(
        "bad-quote",
        `Quote for ${q.symbol} needs 0 < bid <= ask (got ${q.bid} / ${q.ask}).`,
      );
    }
    let book = this.books.get(q.symbol);
    if (!book) {
      const fresh = newBook(q.symbol, this.settings);
      book = this.books.get(fresh.symbol) ?? fresh;
      this.books.set(fresh.symbol, book);
    }
    const b = book.broker;
    const prevTime = b.time;
    const prevBid = b.close;
    b.setBar(b.index + 1, q.time, q.bid, q.bid, q.bid, q.bid, prevTime, prevBid);
    b.askOffset = q.ask - q.bid;
    if (b.orders.length === 0 && b.trades.length === 0 && !this.othersOpen(book)) {
      // nothing to fill: keep the curve going and the conversion rates fresh
      if (this.books.size > 1) this.refreshRates();
      const last = this.curve[this.curve.length - 1];
      if (!last || q.time - last.time >= EQUITY_STEP_MS) {
        const a = this.account();
        this.curve.push({ time: q.time, equity: a.equity, balance: this.cash });
        this.curvePoints++;
        this.thinCurve();
      }
      return NO_EVENTS;
    }
    return this.run(book);
  }

  /** Places an order; a marketable one fills on the current quote before this returns. */
  place(req: PaperOrderRequest): { orderId: string; events: readonly PaperEvent[] } {
    const book = this.quotedBook(req.symbol);
    const ref = this.reference(book);
    checkOrder(req, ref);
    if (Number.isNaN(book.broker.quoteToAccount)) throw this.noRate(book);
    const id = String(this.nextId++);
    const size = req.side === "buy" ? req.units : -req.units;
    const none = Number.NaN;
    const order = new Order(
      size,
      req.type === "limit" ? (req.price as number) : none,
      req.type === "stop" ? (req.price as number) : none,
      req.stopLoss ?? none,
      req.takeProfit ?? none,
      req.trailingStop ?? none,
      OrderKind.Entry,
      null,
      id,
    );
    book.broker.enqueue(order);
    this.entries.set(id, { order, book, time: book.broker.time });
    return { orderId: id, events: this.run(book) };
  }

  /** Moves a working order's price or its SL/TP (null removes them). */
  modifyOrder(id: string, change: OrderChange): readonly PaperEvent[] {
    const entry = this.entries.get(id);
    if (!entry)
      throw new DomainError(
        "unknown-order",
        `There is no working order ${id}; it may have filled or been cancelled.`,
      );
    const o = entry.order;
    const isStop = !Number.isNaN(o.stop);
    const next: PaperOrderRequest = {
      symbol: entry.book.symbol,
      side: o.size > 0 ? "buy" : "sell",
      units: Math.abs(o.size),
      type: isStop ? "stop" : "limit",
      price: change.price ?? (isStop ? o.stop : o.limit),
      stopLoss: pick(change.stopLoss, o.sl),
      takeProfit: pick(change.takeProfit, o.tp),
    };
    checkOrder(next, this.reference(entry.book));
    if (isStop) o.stop = next.price as number;
    else o.limit = next.price as number;
    o.sl = next.stopLoss ?? Number.NaN;
    o.tp = next.takeProfit ?? Number.NaN;
    return this.run(entry.book);
  }

  /** Cancels a working order. */
  cancelOrder(id: string): readonly PaperEvent[] {
    const entry = this.entries.get(id);
    if (!entry)
      throw new DomainError(
        "unknown-order",
        `There is no working order ${id}; it may have filled or been cancelled.`,
      );
    entry.book.broker.remove(entry.order);
    this.entries.delete(id);
    return [
      {
        type: "cancel",
        orderId: id,
        symbol: entry.book.symbol,
        reason: "cancelled",
        time: entry.book.broker.time,
      },
    ];
  }

  /** Sets, moves or removes (null) an open position's stop-loss and take-profit. */
  modifyPosition(id: string, change: PositionChange): void {
    const { book, trade } = this.findTrade(id);
    const b = book.broker;
    checkProtection(trade.size > 0 ? "buy" : "sell", change, b.exitPriceOf(trade));
    if (change.stopLoss === null && trade.slOrder?.active) b.remove(trade.slOrder);
    else if (typeof change.stopLoss === "number") b.setStopLoss(trade, change.stopLoss);
    if (change.takeProfit === null && trade.tpOrder?.active) b.remove(trade.tpOrder);
    else if (typeof change.takeProfit === "number") b.setTakeProfit(trade, change.takeProfit);
  }

  /** Closes a position (or `units` of it) at the current quote. */
  closePosition(id: string, units?: number): readonly PaperEvent[] {
    const { book, trade } = this.findTrade(id);
    const all = Math.abs(trade.size);
    const n = units ?? all;
    const problem = closeUnitsProblem(n, all);
    if (problem) throw new DomainError("invalid-order", problem);
    const none = Number.NaN;
    const size = trade.size > 0 ? -n : n;
    book.broker.enqueue(new Order(size, none, none, none, none, none, OrderKind.Close, trade, trade.tag));
    return this.run(book);
  }

  /** Writes the journal of a closed trade. */
  setJournal(tradeId: string, note: string, tags: string[]): void {
    const t = this.closed.find((c) => c.id === tradeId);
    if (!t) throw new DomainError("unknown-trade", `There is no closed trade ${tradeId}.`);
    t.note = note;
    t.tags = tags.map((x) => x.trim()).filter((x) => x !== "");
  }

  /** Adds trades from elsewhere to the history (the balance is left as it is). */
  importHistory(trades: readonly HistoryTrade[]): number {
    for (const h of trades) {
      const id = `i${this.nextId++}`;
      this.closed.push({
        id,
        positionId: id,
        symbol: h.symbol,
        side: h.side,
        units: h.units,
        entryTime: h.entryTime,
        exitTime: h.exitTime,
        entryPrice: h.entryPrice,
        exitPrice: h.exitPrice,
        pnl: h.pnl,
        commission: 0,
        swap: 0,
        reason: "close",
        note: h.note ?? "",
        tags: h.tags ? [...h.tags] : [],
      });
    }
    this.closed.sort((a, b) => a.exitTime - b.exitTime);
    return trades.length;
  }

  /** Back to the starting balance: no positions, orders, history or curve. */
  reset(): void {
    this.cash = this.config.balance;
    this.books.clear();
    this.entries.clear();
    this.closed = [];
    this.curve = [];
    this.marginCall = false;
  }

  account(): AccountView {
    let pl = 0;
    let margin = 0;
    for (const book of this.books.values()) {
      pl += openPl(book.broker);
      margin += ownMargin(book.broker);
    }
    const equity = this.cash + pl;
    return {
      id: this.config.id,
      name: this.config.name,
      currency: this.config.currency,
      leverage: this.config.leverage,
      balance: this.cash,
      equity,
      unrealizedPl: pl,
      marginUsed: margin,
      freeMargin: equity - margin,
      marginLevel: margin > 0 ? (equity / margin) * 100 : null,
    };
  }

  positions(): PositionView[] {
    return positionViews(this.books.values());
  }

  orders(): WorkingOrderView[] {
    return [...this.entries].map(([id, e]) => orderView(id, e.order, e.book.symbol, e.time));
  }

  /** Closed trades, oldest first (copies). */
  history(): ClosedTrade[] {
    return this.closed.map((t) => ({ ...t, tags: [...t.tags] }));
  }

  equityCurve(): EquityPoint[] {
    return this.curve.map((e) => ({ ...e }));
  }

  /** The last quote of a symbol, if any. */
  quote(symbol: string): PaperQuote | undefined {
    const b = this.books.get(symbol)?.broker;
    if (!b || Number.isNaN(b.close)) return undefined;
    return { symbol, bid: b.close, ask: b.close + b.askOffset, time: b.time };
  }

  /** Steps one book on its current quote and turns what changed into events. */
  private run(book: Book): readonly PaperEvent[] {
    const b = book.broker;
    if (this.books.size > 1) this.refreshRates();
    else b.quoteToAccount = this.rate(book);
    this.syncExternals(book);
    b.cash = this.cash;
    const closedBefore = b.closed.count;
    const ordersBefore = b.orders.length;
    const tradesBefore = b.trades.length;
    b.step();
    this.cash = b.cash;
    let events: PaperEvent[] | null = null;
    if (
      b.closed.count !== closedBefore ||
      b.orders.length !== ordersBefore ||
      b.trades.length !== tradesBefore
    ) {
      events = this.collect(book, closedBefore);
    }
    const stopped = this.stopOut(b.time);
    if (stopped.length > 0) {
      events = events ?? [];
      events.push(...stopped);
      this.syncExternals(book);
      b.cash = this.cash;
    }
    const margin = this.checkMargin(b);
    if (margin) {
      events = events ?? [];
      events.push(margin);
    }
    this.track(b, b.closed.count !== closedBefore || stopped.length > 0);
    return events ?? NO_EVENTS;
  }

  private collect(book: Book, closedBefore: number): PaperEvent[] {
    const b = book.broker;
    const events: PaperEvent[] = [];
    for (const [id, e] of this.entries) {
      if (e.book !== book || e.order.active) continue;
      this.entries.delete(id);
      const o = e.order;
      if (o.cancelReason !== "") {
        events.push({
          type: "cancel",
          orderId: id,
          symbol: book.symbol,
          reason: o.cancelReason,
          time: b.time,
        });
        continue;
      }
      const side = o.size > 0 ? "buy" : "sell";
      const price = side === "buy" ? b.close + b.askOffset : b.close;
      events.push({
        type: "fill",
        orderId: id,
        positionId: id,
        symbol: book.symbol,
        side,
        units: Math.abs(o.size),
        price,
        time: b.time,
      });
    }
    for (const trade of closedTrades(book, closedBefore, () => `c${this.nextId++}`)) {
      this.closed.push(trade);
      events.push({ type: "close", trade });
    }
    return events;
  }

  /** Gives `book`'s engine the open P/L and margin of the account's other books. */
  private syncExternals(book: Book): void {
    let externalPl = 0;
    let externalMargin = 0;
    if (this.books.size > 1) {
      for (const other of this.books.values()) {
        if (other === book) continue;
        externalPl += openPl(other.broker);
        externalMargin += ownMargin(other.broker);
      }
    }
    book.broker.externalPl = externalPl;
    book.broker.externalMargin = externalMargin;
  }

  /** True when a book other than `book` holds an open position. */
  private othersOpen(book: Book): boolean {
    if (this.books.size < 2) return false;
    for (const other of this.books.values())
      if (other !== book && other.broker.trades.length > 0) return true;
    return false;
  }

  /**
   * Account-wide stop-out: while equity / used margin (all symbols, account currency) is
   * under the stop-out level, closes the position with the largest loss (price P/L in account
   * currency, whatever its symbol) at its own symbol's closing price (bid for longs, ask for
   * shorts), then checks again. Returns one close event per position, in closing order.
   */
  private stopOut(now: number): readonly PaperEvent[] {
    if (!(this.stopOutLevel > 0)) return NO_EVENTS;
    let events: PaperEvent[] | null = null;
    for (;;) {
      let pl = 0;
      let margin = 0;
      let worstBook: Book | null = null;
      let worst: Trade | null = null;
      let worstPl = 0;
      for (const book of this.books.values()) {
        const b = book.broker;
        if (b.trades.length === 0) continue;
        pl += openPl(b);
        margin += ownMargin(b);
        for (const t of b.trades) {
          const tradePl = t.profitAt(b.exitPriceOf(t)) * b.quoteToAccount;
          if (!worst || tradePl < worstPl) {
            worstBook = book;
            worst = t;
            worstPl = tradePl;
          }
        }
      }
      if (!worstBook || !worst || margin === 0 || (this.cash + pl) / margin >= this.stopOutLevel)
        return events ?? NO_EVENTS;
      const b = worstBook.broker;
      const before = b.closed.count;
      b.cash = this.cash;
      b.closeTrade(worst, b.exitPriceOf(worst), b.index, "stop-out");
      this.cash = b.cash;
      events = events ?? [];
      for (const trade of closedTrades(worstBook, before, () => `c${this.nextId++}`)) {
        trade.exitTime = now;
        this.closed.push(trade);
        events.push({ type: "close", trade });
      }
    }
  }

  /** Raises a margin call once when the level falls under the line; clears it above. */
  private checkMargin(b: Broker): PaperEvent | null {
    const used = b.marginUsed();
    if (used === 0) {
      this.marginCall = false;
      return null;
    }
    const level = (b.equity() / used) * 100;
    const line = this.config.marginCallPct ?? 100;
    if (level >= line) {
      this.marginCall = false;
      return null;
    }
    if (this.marginCall) return null;
    this.marginCall = true;
    return { type: "margin-call", marginLevel: level, time: b.time };
  }

  private track(b: Broker, force: boolean): void {
    const last = this.curve[this.curve.length - 1];
    if (!force && last && b.time - last.time < EQUITY_STEP_MS) return;
    this.curve.push({ time: b.time, equity: b.equity(), balance: this.cash });
    this.curvePoints++;
    this.thinCurve();
  }

  private thinCurve(): void {
    const n = this.curve.length;
    if (n > EQUITY_MAX_POINTS) this.curve = this.curve.filter((_, i) => i % 2 === 1 || i === n - 1);
  }

  private refreshRates(): void {
    for (const book of this.books.values()) book.broker.quoteToAccount = this.rate(book);
  }

  private rate(book: Book): number {
    const q = (symbol: string) => this.quote(symbol);
    return quoteToAccount(book.info, this.config.currency, q(book.symbol), q, this.config.conversionRates);
  }

  private noRate(book: Book): DomainError {
    const pair = `${book.info.quote}${this.config.currency}`;
    return new DomainError(
      "no-conversion-rate",
      `A ${this.config.currency} account trading ${book.symbol} needs a ${pair} rate: give it in the account's conversion rates or feed ${pair} quotes.`,
    );
  }

  private quotedBook(symbol: string): Book {
    const book = this.books.get(symbolInfo(symbol).symbol);
    if (!book || Number.isNaN(book.broker.close)) {
      throw new DomainError(
        "no-quote",
        `No price for ${symbol} yet: start the replay (or wait for a quote) first.`,
      );
    }
    book.broker.quoteToAccount = this.rate(book);
    return book;
  }

  private reference(book: Book): Reference {
    return { bid: book.broker.close, ask: book.broker.close + book.broker.askOffset };
  }

  private findTrade(id: string): { book: Book; trade: Trade } {
    for (const book of this.books.values()) {
      const trade = book.broker.trades.find((t) => t.tag === id);
      if (trade) return { book, trade };
    }
    throw new DomainError("unknown-position", `There is no open position ${id}; it may have been closed.`);
  }
}

function pick(change: number | null | undefined, current: number): number | undefined {
  if (change === null) return undefined;
  if (change !== undefined) return change;
  return Number.isNaN(current) ? undefined : current;
}

function structuredCloneConfig(c: PaperAccountConfig): PaperAccountConfig {
  const copy = { ...c };
  if (c.conversionRates) copy.conversionRates = { ...c.conversionRates };
  return copy;
}
