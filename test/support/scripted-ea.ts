/**
 * A scripted stand-in for the MetaTrader 5 Expert Advisor (connector/mql5/ForexAIConnector.mq5):
 * it connects to the connector's 127.0.0.1 socket and sends exactly the lines the EA sends
 * (hello, quote, pong, reply with the same fields and formats: units with 2 decimals, prices
 * with 8, times in ms). Its "terminal" is a small netting account with a contract size of
 * 100,000 and a volume step of 0.01 lots, so unit sizes round like the EA's UnitsToLots.
 * Fault: swallowNext(type) applies a request but never replies (a reply lost in flight).
 */
import { connect, type Socket } from "node:net";

type Json = Record<string, unknown>;

interface EaOrderRecord {
  ticket: number;
  comment: string;
  symbol: string;
  side: "buy" | "sell";
  units: number;
  state: "filled" | "pending" | "cancelled" | "rejected";
  price?: number;
  /** A working order's stop loss and take profit (0 = none), as the terminal keeps them. */
  sl?: number;
  tp?: number;
  position?: number;
  orderType: string;
}

const CONTRACT = 100_000;
const STEP = 0.01;

export class ScriptedEa {
  readonly orders: EaOrderRecord[] = [];
  /** Net position per symbol: units and average price. */
  readonly positions = new Map<
    string,
    { units: number; price: number; ticket: number; time: number; sl: number; tp: number }
  >();
  readonly prices = new Map<string, { bid: number; ask: number }>([["EURUSD", { bid: 1.1, ask: 1.1002 }]]);
  balance = 10_000;
  /** Every request line received, parsed. */
  readonly received: Json[] = [];
  private socket: Socket | undefined;
  private buffer = "";
  private nextTicket = 1000;
  private readonly swallow: string[] = [];
  /** When true the EA stops answering pings (a frozen terminal). */
  frozen = false;

  constructor(private readonly options: { port: number; key?: string; login?: number } = { port: 0 }) {}

  /** Connects and sends hello, like the EA's TryConnect(). */
  async connect(): Promise<void> {
    const socket = connect(this.options.port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("error", reject);
    });
    this.socket = socket;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      this.buffer += chunk;
      let nl = this.buffer.indexOf("\n");
      while (nl >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        if (line) this.handle(JSON.parse(line) as Json);
        nl = this.buffer.indexOf("\n");
      }
    });
    const hello: Json = {
      type: "hello",
      protocol: 1,
      ea: "ForexAIConnector 1.00",
      login: String(this.options.login ?? 5012345),
      server: "MetaQuotes-Demo",
      currency: "USD",
    };
    if (this.options.key) hello.key = this.options.key;
    this.send(hello);
  }

  disconnect(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  /** Sends a raw line (for protocol-error tests). */
  sendRaw(line: string): void {
    this.socket?.write(`${line}\n`);
  }

  /** Sends a quote line like the EA's SendQuotes(). */
  quote(symbol: string, bid: number, ask: number, timeMs: number): void {
    this.prices.set(symbol, { bid, ask });
    this.send({ type: "quote", symbol, bid: num(bid), ask: num(ask), time: timeMs });
  }

  /**
   * The terminal's stop loss (or take profit) closes the position at `price`: the position goes
   * and a deal line is sent, like the EA's OnTradeTransaction.
   */
  triggerProtection(symbol: string, reason: "sl" | "tp", price: number): void {
    const p = this.positions.get(symbol);
    if (!p) throw new Error(`no ${symbol} position`);
    const profit = (price - p.price) * p.units;
    this.balance += profit;
    this.positions.delete(symbol);
    this.send({
      type: "deal",
      deal: this.nextTicket++,
      order: this.nextTicket++,
      symbol,
      side: p.units > 0 ? "sell" : "buy",
      units: round(Math.abs(p.units), 2),
      price: num(price),
      profit: round(profit, 2),
      reason,
      time: Date.now(),
    });
  }

  /** The next request of this type is applied but never answered. */
  swallowNext(type: string): void {
    this.swallow.push(type);
  }

  /** Filled orders carrying a comment. */
  fillsFor(comment: string): EaOrderRecord[] {
    return this.orders.filter((o) => o.comment === comment && o.state === "filled");
  }

  private send(message: Json): void {
    this.socket?.write(`${JSON.stringify(message)}\n`);
  }

  private reply(id: number, fields: Json): void {
    const at = this.swallow.indexOf(String(this.received.at(-1)?.type));
    if (at >= 0) {
      this.swallow.splice(at, 1);
      return;
    }
    this.send({ type: "reply", id, ok: true, ...fields });
  }

  private replyError(id: number, error: string): void {
    this.send({ type: "reply", id, ok: false, error });
  }

  private handle(request: Json): void {
    this.received.push(request);
    const id = Number(request.id);
    switch (request.type) {
      case "ping":
        if (!this.frozen) this.send({ type: "pong" });
        return;
      case "account": {
        const profit = [...this.positions].reduce((s, [sym, p]) => s + this.profit(sym, p.units, p.price), 0);
        this.reply(id, {
          currency: "USD",
          balance: round(this.balance, 2),
          equity: round(this.balance + profit, 2),
          profit: round(profit, 2),
          margin: 0,
          marginFree: round(this.balance + profit, 2),
        });
        return;
      }
      case "positions":
        this.reply(id, {
          positions: [...this.positions].map(([symbol, p]) => ({
            ticket: p.ticket,
            symbol,
            side: p.units > 0 ? "buy" : "sell",
            units: round(Math.abs(p.units), 2),
            price: num(p.price),
            time: p.time,
            sl: num(p.sl),
            tp: num(p.tp),
            profit: round(this.profit(symbol, p.units, p.price), 2),
          })),
        });
        return;
      case "orders":
        this.reply(id, {
          orders: this.orders
            .filter((o) => o.state === "pending")
            .map((o) => ({
              ticket: o.ticket,
              symbol: o.symbol,
              side: o.side,
              units: round(o.units, 2),
              type: o.orderType,
              price: num(o.price ?? 0),
              sl: num(o.sl ?? 0),
              tp: num(o.tp ?? 0),
              time: 1_700_000_000_000,
              comment: o.comment,
            })),
        });
        return;
      case "place":
        this.place(id, request);
        return;
      case "find":
        this.find(id, String(request.comment));
        return;
      case "close":
        this.close(id, request);
        return;
      case "modify": {
        const entry = [...this.positions].find(([, p]) => p.ticket === Number(request.ticket));
        const working = this.orders.find((o) => o.ticket === Number(request.ticket) && o.state === "pending");
        if (!entry && working) {
          // OrderModify: -1 keeps a value (as the EA does); the price only when above 0
          if (Number(request.price) > 0) working.price = Number(request.price);
          if (Number(request.sl) >= 0) working.sl = Number(request.sl);
          if (Number(request.tp) >= 0) working.tp = Number(request.tp);
          const { ticket, symbol, side, units } = working;
          this.reply(id, this.fields(ticket, "accepted", symbol, side, units, 0, 0));
          return;
        }
        if (!entry) {
          this.replyError(id, `no open position or working order ${request.ticket}`);
          return;
        }
        if (Number(request.price) > 0) {
          this.replyError(id, "an open position has no price to change; move its stop loss or take profit");
          return;
        }
        const [symbol, p] = entry;
        if (Number(request.sl) >= 0) p.sl = Number(request.sl);
        if (Number(request.tp) >= 0) p.tp = Number(request.tp);
        const side = p.units > 0 ? "buy" : "sell";
        this.reply(id, this.fields(p.ticket, "accepted", symbol, side, Math.abs(p.units), 0, p.ticket));
        return;
      }
      case "cancel": {
        const order = this.orders.find((o) => o.ticket === Number(request.ticket) && o.state === "pending");
        if (!order) {
          this.replyError(id, `no working order ${request.ticket}`);
          return;
        }
        order.state = "cancelled";
        this.reply(id, this.fields(order.ticket, "cancelled", order.symbol, order.side, order.units, 0, 0));
        return;
      }
      default:
        this.replyError(id, `unknown request type ${request.type}`);
        return;
    }
  }

  private place(id: number, r: Json): void {
    const symbol = String(r.symbol);
    const price = this.prices.get(symbol);
    if (!price) {
      this.replyError(id, `unknown symbol ${symbol}`);
      return;
    }
    const lots = Math.round(Number(r.units) / CONTRACT / STEP) * STEP;
    if (lots < STEP) {
      this.replyError(id, "size below the symbol's minimum volume");
      return;
    }
    const units = lots * CONTRACT;
    const side = r.side === "buy" ? "buy" : "sell";
    const order: EaOrderRecord = {
      ticket: this.nextTicket++,
      comment: String(r.comment),
      symbol,
      side,
      units,
      state: "pending",
      orderType: String(r.orderType),
    };
    this.orders.push(order);
    if (r.orderType !== "market") {
      Object.assign(order, { price: Number(r.price), sl: Number(r.sl) || 0, tp: Number(r.tp) || 0 });
      this.reply(id, this.fields(order.ticket, "pending", symbol, side, units, 0, 0));
      return;
    }
    this.fill(order);
    this.reply(id, this.fields(order.ticket, "filled", symbol, side, units, order.price!, order.position!));
  }

  private fill(order: EaOrderRecord): void {
    const price = this.prices.get(order.symbol)!;
    const at = order.side === "buy" ? price.ask : price.bid;
    const signed = order.side === "buy" ? order.units : -order.units;
    const p = this.positions.get(order.symbol);
    if (!p)
      this.positions.set(order.symbol, {
        units: signed,
        price: at,
        ticket: order.ticket,
        time: Date.now(),
        sl: 0,
        tp: 0,
      });
    else {
      const next = p.units + signed;
      if (Math.sign(p.units) !== Math.sign(signed))
        this.balance += this.profit(order.symbol, -signed, p.price, at);
      if (Math.abs(next) < 1e-9) this.positions.delete(order.symbol);
      else if (Math.sign(next) === Math.sign(p.units) && Math.sign(p.units) === Math.sign(signed))
        this.positions.set(order.symbol, {
          ...p,
          units: next,
          price: (p.price * p.units + at * signed) / next,
        });
      else this.positions.set(order.symbol, { ...p, units: next });
    }
    order.state = "filled";
    order.price = at;
    order.position = this.positions.get(order.symbol)?.ticket ?? order.ticket;
  }

  private find(id: number, comment: string): void {
    const order = [...this.orders].reverse().find((o) => o.comment === comment);
    if (!order) {
      this.reply(id, { found: false });
      return;
    }
    this.reply(id, {
      found: true,
      ...this.fields(
        order.ticket,
        order.state,
        order.symbol,
        order.side,
        order.units,
        order.price ?? 0,
        order.position ?? 0,
      ),
    });
  }

  private close(id: number, r: Json): void {
    const symbol = String(r.symbol);
    const p = this.positions.get(symbol);
    if (!p || (Number(r.ticket) > 0 && p.ticket !== Number(r.ticket))) {
      this.replyError(id, `no open ${symbol} position to close`);
      return;
    }
    const want = Number(r.units) > 0 ? Math.min(Number(r.units), Math.abs(p.units)) : Math.abs(p.units);
    const order: EaOrderRecord = {
      ticket: this.nextTicket++,
      comment: String(r.comment),
      symbol,
      side: p.units > 0 ? "sell" : "buy",
      units: want,
      state: "pending",
      orderType: "market",
    };
    this.orders.push(order);
    this.fill(order);
    this.reply(id, this.fields(order.ticket, "filled", symbol, order.side, want, order.price!, 0));
  }

  private profit(symbol: string, units: number, open: number, at?: number): number {
    const price = this.prices.get(symbol)!;
    const mark = at ?? (units > 0 ? price.bid : price.ask);
    return (mark - open) * units;
  }

  /** The fields of EA's OrderFields(): prices omitted when 0, like the MQL5 source. */
  private fields(
    ticket: number,
    state: string,
    symbol: string,
    side: string,
    units: number,
    price: number,
    position: number,
  ): Json {
    const out: Json = { ticket, state, symbol, side, units: round(units, 2), time: Date.now() };
    if (price > 0) out.price = num(price);
    if (position > 0) out.position = position;
    return out;
  }
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function num(value: number): number {
  return Number(value.toFixed(8));
}
