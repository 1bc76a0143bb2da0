/**
 * A local stand-in for OANDA's v20 REST and streaming API, for connector tests. It keeps one
 * netting account and implements the endpoints the connector uses, with v20's JSON shapes
 * (string decimals, UNIX times): POST/GET orders (by id or @clientId), PUT orders/cancel,
 * openTrades, trades/{id}/orders, openPositions, positions/{instrument}/close, account
 * summary, transactions/{id}, transactions/sinceid, the pricing stream with HEARTBEAT
 * lines, and PUT orders/{id} (replace a pending order). Like v20 it refuses a duplicate
 * client id only while the first order is PENDING; once filled, the same client id is
 * accepted again (that is why the connector must look orders up instead of resending).
 * Faults: dropNext(method, path prefix) applies a request and then destroys the socket
 * without answering.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type Json = Record<string, unknown>;

interface V20Order {
  id: string;
  type: string;
  instrument: string;
  units: number;
  price?: number;
  state: "PENDING" | "FILLED" | "CANCELLED";
  clientId?: string;
  createTime: number;
  fillingTransactionID?: string;
  tradeOpenedID?: string;
  cancelledTime?: number;
  stopLoss?: number;
  takeProfit?: number;
  /** The order request as received (fields this stand-in does not act on, e.g. trailing stops). */
  spec?: Json;
}

interface V20Trade {
  id: string;
  instrument: string;
  price: number;
  initialUnits: number;
  currentUnits: number;
  clientId?: string;
  stopLoss?: number;
  takeProfit?: number;
  openTime: number;
}

export interface V20ServerOptions {
  accountId?: string;
  token?: string;
  heartbeatMs?: number;
  balance?: number;
}

/** The local v20 server; all state is public for assertions. */
export class OandaV20Server {
  readonly accountId: string;
  readonly token: string;
  readonly orders: V20Order[] = [];
  readonly trades: V20Trade[] = [];
  readonly transactions: Json[] = [];
  readonly prices = new Map<string, { bid: number; ask: number }>();
  balance: number;
  /** Count of POST /orders calls received (including refused ones). */
  orderPosts = 0;
  /** Count of order replacements (PUT /orders/{id}) that passed the checks. */
  replaces = 0;
  private server: Server | undefined;
  private readonly streams = new Set<ServerResponse>();
  private readonly drops: { method: string; prefix: string }[] = [];
  private readonly heartbeatMs: number;
  private heartbeat: NodeJS.Timeout | undefined;
  private clock = 1_700_000_000;

  constructor(options: V20ServerOptions = {}) {
    this.accountId = options.accountId ?? "101-004-1234567-001";
    this.token = options.token ?? "test-oanda-token-0123456789abcdef";
    this.heartbeatMs = options.heartbeatMs ?? 5000;
    this.balance = options.balance ?? 100_000;
    this.prices.set("EUR_USD", { bid: 1.1, ask: 1.1002 });
    this.prices.set("USD_JPY", { bid: 150.1, ask: 150.12 });
  }

  /** Starts listening on 127.0.0.1 and returns the base URL. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.heartbeat = setInterval(
      () => this.broadcast({ type: "HEARTBEAT", time: this.now() }),
      this.heartbeatMs,
    );
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const s of this.streams) s.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next request matching method and path prefix is applied, then its socket is destroyed. */
  dropNext(method: string, prefix: string): void {
    this.drops.push({ method, prefix });
  }

  /** Cuts every open pricing stream (the client must reopen it). */
  cutStreams(): void {
    for (const s of this.streams) s.destroy();
    this.streams.clear();
  }

  get streamCount(): number {
    return this.streams.size;
  }

  /** Sets a price, sends it to the streams and fills pending orders it crosses. */
  setPrice(instrument: string, bid: number, ask: number): void {
    this.prices.set(instrument, { bid, ask });
    this.broadcast({
      type: "PRICE",
      instrument,
      time: this.now(),
      status: "tradeable",
      tradeable: true,
      bids: [{ price: bid.toFixed(5), liquidity: 10_000_000 }],
      asks: [{ price: ask.toFixed(5), liquidity: 10_000_000 }],
      closeoutBid: bid.toFixed(5),
      closeoutAsk: ask.toFixed(5),
    });
    for (const order of this.orders) {
      if (order.state !== "PENDING" || order.instrument !== instrument || order.price === undefined) continue;
      const buy = order.units > 0;
      const crossed =
        order.type === "LIMIT"
          ? buy
            ? ask <= order.price
            : bid >= order.price
          : buy
            ? ask >= order.price
            : bid <= order.price;
      if (crossed) this.fill(order, "LIMIT_ORDER");
    }
    // Stop loss and take profit of open trades, filled at the touching side like v20.
    for (const trade of [...this.trades]) {
      if (trade.instrument !== instrument) continue;
      const long = trade.currentUnits > 0;
      const mark = long ? bid : ask;
      const sl = trade.stopLoss !== undefined && (long ? mark <= trade.stopLoss : mark >= trade.stopLoss);
      const tp =
        trade.takeProfit !== undefined && (long ? mark >= trade.takeProfit : mark <= trade.takeProfit);
      if (!sl && !tp) continue;
      const type = sl ? "STOP_LOSS" : "TAKE_PROFIT";
      const create = this.addTransaction({ type: `${type}_ORDER`, tradeID: trade.id, reason: "ON_FILL" });
      const order: V20Order = {
        id: String(create.id),
        type,
        instrument,
        units: -trade.currentUnits,
        state: "PENDING",
        createTime: this.clock,
      };
      this.orders.push(order);
      this.fill(order, `${type}_ORDER`);
    }
  }

  /** Fills recorded for a client id (ORDER_FILL transactions of orders carrying it). */
  fillsFor(clientId: string): Json[] {
    const ids = new Set(this.orders.filter((o) => o.clientId === clientId).map((o) => o.id));
    return this.transactions.filter((t) => t.type === "ORDER_FILL" && ids.has(String(t.orderID)));
  }

  private now(): string {
    this.clock += 1;
    return `${this.clock}.000000000`;
  }

  private broadcast(message: Json): void {
    const line = `${JSON.stringify(message)}\n`;
    for (const s of this.streams) s.write(line);
  }

  private addTransaction(tx: Json): Json {
    const full = {
      id: String(this.transactions.length + 1),
      accountID: this.accountId,
      time: this.now(),
      ...tx,
    };
    this.transactions.push(full);
    return full;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return send(res, 401, { errorMessage: "Insufficient authorization to perform request." });
    }
    const url = new URL(req.url ?? "/", "http://x");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json) : {};
    const prefix = `/v3/accounts/${this.accountId}`;
    if (!url.pathname.startsWith(prefix))
      return send(res, 404, { errorMessage: "Invalid value specified for 'accountID'" });
    const path = url.pathname.slice(prefix.length);
    const [status, answer] = this.route(req.method ?? "GET", path, url, body, res);
    if (status === 0) return; // stream kept open
    const dropAt = this.drops.findIndex((d) => d.method === req.method && path.startsWith(d.prefix));
    if (dropAt >= 0) {
      this.drops.splice(dropAt, 1);
      req.socket.destroy();
      return;
    }
    send(res, status, { ...answer, lastTransactionID: String(this.transactions.length) });
  }

  private route(method: string, path: string, url: URL, body: Json, res: ServerResponse): [number, Json] {
    const decoded = decodeURIComponent(path);
    if (method === "GET" && path === "/pricing/stream") {
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Transfer-Encoding": "chunked" });
      res.write(`${JSON.stringify({ type: "HEARTBEAT", time: this.now() })}\n`);
      this.streams.add(res);
      res.on("close", () => this.streams.delete(res));
      return [0, {}];
    }
    if (method === "POST" && path === "/orders") return this.createOrder(body.order as Json);
    if (method === "GET" && path === "/summary") return [200, { account: this.summary() }];
    if (method === "GET" && path === "/openTrades")
      return [200, { trades: this.trades.map((t) => tradeJson(t, this.unrealized(t))) }];
    if (method === "GET" && path === "/pendingOrders")
      return [200, { orders: this.orders.filter((o) => o.state === "PENDING").map(orderJson) }];
    const tradeMatch = decoded.match(/^\/trades\/([^/]+)$/);
    if (method === "GET" && tradeMatch) {
      const trade = this.trades.find((t) => t.id === tradeMatch[1]);
      if (!trade)
        return [404, { errorCode: "NO_SUCH_TRADE", errorMessage: "The Trade specified does not exist" }];
      return [200, { trade: tradeJson(trade, this.unrealized(trade)) }];
    }
    if (method === "GET" && path === "/openPositions") return [200, { positions: this.positionsJson() }];
    if (method === "GET" && path === "/transactions/sinceid") {
      const since = Number(url.searchParams.get("id") ?? 0);
      return [200, { transactions: this.transactions.filter((t) => Number(t.id) > since) }];
    }
    let m = decoded.match(/^\/transactions\/(\d+)$/);
    if (method === "GET" && m) {
      const tx = this.transactions.find((t) => t.id === m![1]);
      return tx
        ? [200, { transaction: tx }]
        : [404, { errorMessage: "Transaction not found", errorCode: "NO_SUCH_TRANSACTION" }];
    }
    m = decoded.match(/^\/orders\/([^/]+)(\/cancel)?$/);
    if (m) {
      const order = this.findOrder(m[1]);
      if (!order)
        return [404, { errorCode: "NO_SUCH_ORDER", errorMessage: "The Order specified does not exist" }];
      if (method === "GET" && !m[2]) return [200, { order: orderJson(order) }];
      if (method === "PUT" && !m[2]) return this.replaceOrder(order, body.order as Json);
      if (method === "PUT" && m[2]) {
        if (order.state !== "PENDING")
          return [
            404,
            { errorCode: "ORDER_DOESNT_EXIST", errorMessage: "The Order specified does not exist" },
          ];
        order.state = "CANCELLED";
        order.cancelledTime = this.clock;
        const tx = this.addTransaction({
          type: "ORDER_CANCEL",
          orderID: order.id,
          clientOrderID: order.clientId,
          reason: "CLIENT_REQUEST",
        });
        return [200, { orderCancelTransaction: tx }];
      }
    }
    m = decoded.match(/^\/trades\/([^/]+)\/orders$/);
    if (method === "PUT" && m) {
      const trade = this.trades.find((t) => t.id === m![1]);
      if (!trade)
        return [404, { errorCode: "NO_SUCH_TRADE", errorMessage: "The Trade specified does not exist" }];
      if ("stopLoss" in body)
        trade.stopLoss = body.stopLoss ? Number((body.stopLoss as Json).price) : undefined;
      if ("takeProfit" in body)
        trade.takeProfit = body.takeProfit ? Number((body.takeProfit as Json).price) : undefined;
      return [200, {}];
    }
    m = decoded.match(/^\/positions\/([A-Z]{3}_[A-Z]{3})\/close$/);
    if (method === "PUT" && m) return this.closePosition(m[1], body);
    return [404, { errorMessage: `No route ${method} ${path}` }];
  }

  /** PUT /orders/{id}: cancels a pending order and creates its replacement in one step. */
  private replaceOrder(order: V20Order, spec: Json | undefined): [number, Json] {
    if (order.state !== "PENDING")
      return [404, { errorCode: "ORDER_DOESNT_EXIST", errorMessage: "The Order specified does not exist" }];
    if (!spec || spec.type !== order.type || spec.instrument !== order.instrument)
      return [
        400,
        { errorCode: "INVALID_REPLACEMENT", errorMessage: "A replacing Order must keep type and instrument" },
      ];
    this.replaces++;
    const [status, created] = this.createOrder(spec, false);
    if (status !== 201) return [status, created];
    order.state = "CANCELLED";
    order.cancelledTime = this.clock;
    const replacing = created.orderCreateTransaction as Json;
    const cancel = this.addTransaction({
      type: "ORDER_CANCEL",
      orderID: order.id,
      clientOrderID: order.clientId,
      reason: "CLIENT_REQUEST_REPLACED",
      replacedByOrderID: replacing.id,
    });
    return [201, { orderCancelTransaction: cancel, ...created }];
  }

  private findOrder(spec: string): V20Order | undefined {
    if (spec.startsWith("@")) return this.orders.find((o) => o.clientId === spec.slice(1));
    return this.orders.find((o) => o.id === spec);
  }

  private createOrder(spec: Json, post = true): [number, Json] {
    if (post) this.orderPosts++;
    const clientId = (spec.clientExtensions as Json | undefined)?.id as string | undefined;
    const instrument = String(spec.instrument);
    const units = Number(spec.units);
    if (!this.prices.has(instrument) || !Number.isFinite(units) || units === 0) {
      const tx = this.addTransaction({ type: "MARKET_ORDER_REJECT", rejectReason: "INSTRUMENT_UNKNOWN" });
      return [
        400,
        {
          orderRejectTransaction: tx,
          errorCode: "INSTRUMENT_UNKNOWN",
          errorMessage: "Instrument unknown or units zero",
        },
      ];
    }
    if (clientId && this.orders.some((o) => o.clientId === clientId && o.state === "PENDING")) {
      const tx = this.addTransaction({
        type: `${spec.type}_ORDER_REJECT`,
        rejectReason: "CLIENT_ORDER_ID_ALREADY_EXISTS",
      });
      return [
        400,
        {
          orderRejectTransaction: tx,
          errorCode: "CLIENT_ORDER_ID_ALREADY_EXISTS",
          errorMessage: "The client Order ID specified is already assigned to another pending Order",
        },
      ];
    }
    const create = this.addTransaction({
      type: `${spec.type}_ORDER`,
      instrument,
      units: String(units),
      reason: "CLIENT_ORDER",
      clientExtensions: spec.clientExtensions,
    });
    const order: V20Order = {
      id: String(create.id),
      type: String(spec.type),
      instrument,
      units,
      price: spec.price === undefined ? undefined : Number(spec.price),
      state: "PENDING",
      clientId,
      createTime: this.clock,
      stopLoss: spec.stopLossOnFill ? Number((spec.stopLossOnFill as Json).price) : undefined,
      takeProfit: spec.takeProfitOnFill ? Number((spec.takeProfitOnFill as Json).price) : undefined,
      spec,
    };
    this.orders.push(order);
    if (order.type !== "MARKET") return [201, { orderCreateTransaction: create }];
    const fill = this.fill(order, "MARKET_ORDER");
    return [
      201,
      {
        orderCreateTransaction: create,
        orderFillTransaction: fill,
        relatedTransactionIDs: [create.id, fill.id],
      },
    ];
  }

  /** Fills an order at the current price, netting against opposite trades first (FIFO). */
  private fill(order: V20Order, reason: string): Json {
    const price = this.prices.get(order.instrument)!;
    const fillPrice = order.units > 0 ? price.ask : price.bid;
    let remaining = order.units;
    let pl = 0;
    const closed: Json[] = [];
    for (const trade of [...this.trades]) {
      if (remaining === 0) break;
      if (trade.instrument !== order.instrument || Math.sign(trade.currentUnits) === Math.sign(remaining))
        continue;
      const take =
        Math.min(Math.abs(trade.currentUnits), Math.abs(remaining)) * Math.sign(trade.currentUnits);
      const tradePl = (fillPrice - trade.price) * take;
      pl += tradePl;
      trade.currentUnits -= take;
      remaining += take;
      closed.push({ tradeID: trade.id, units: String(-take), realizedPL: tradePl.toFixed(4) });
      if (trade.currentUnits === 0) this.trades.splice(this.trades.indexOf(trade), 1);
    }
    this.balance += pl;
    const id = String(this.transactions.length + 1);
    let tradeOpened: Json | undefined;
    if (remaining !== 0) {
      this.trades.push({
        id,
        instrument: order.instrument,
        price: fillPrice,
        initialUnits: remaining,
        currentUnits: remaining,
        // like v20, the trade takes the order's tradeClientExtensions (else its own)
        clientId: ((order.spec?.tradeClientExtensions as Json | undefined)?.id as string) ?? order.clientId,
        stopLoss: order.stopLoss,
        takeProfit: order.takeProfit,
        openTime: this.clock,
      });
      tradeOpened = { tradeID: id, units: String(remaining), price: String(fillPrice) };
    }
    const tx = this.addTransaction({
      type: "ORDER_FILL",
      reason,
      orderID: order.id,
      clientOrderID: order.clientId,
      instrument: order.instrument,
      units: String(order.units),
      price: String(fillPrice),
      pl: pl.toFixed(4),
      accountBalance: this.balance.toFixed(4),
      tradeOpened,
      tradesClosed: closed.length ? closed : undefined,
    });
    order.state = "FILLED";
    order.fillingTransactionID = String(tx.id);
    order.tradeOpenedID = tradeOpened ? id : undefined;
    return tx;
  }

  private closePosition(instrument: string, body: Json): [number, Json] {
    const net = this.trades
      .filter((t) => t.instrument === instrument)
      .reduce((s, t) => s + t.currentUnits, 0);
    const long = "longUnits" in body;
    if (net === 0 || (long ? net < 0 : net > 0)) {
      return [
        400,
        {
          errorCode: "CLOSEOUT_POSITION_DOESNT_EXIST",
          errorMessage: "The Position requested to be closed out does not exist",
        },
      ];
    }
    const requested = String(long ? body.longUnits : body.shortUnits);
    const units = requested === "ALL" ? Math.abs(net) : Number(requested);
    const ext = (long ? body.longClientExtensions : body.shortClientExtensions) as Json | undefined;
    const create = this.addTransaction({
      type: "MARKET_ORDER",
      instrument,
      units: String(long ? -units : units),
      reason: "POSITION_CLOSEOUT",
      clientExtensions: ext,
    });
    const order: V20Order = {
      id: String(create.id),
      type: "MARKET",
      instrument,
      units: long ? -units : units,
      state: "PENDING",
      clientId: ext?.id as string | undefined,
      createTime: this.clock,
    };
    this.orders.push(order);
    const fill = this.fill(order, "MARKET_ORDER_POSITION_CLOSEOUT");
    const side = long ? "long" : "short";
    return [200, { [`${side}OrderCreateTransaction`]: create, [`${side}OrderFillTransaction`]: fill }];
  }

  private unrealized(trade: V20Trade): number {
    const price = this.prices.get(trade.instrument)!;
    const mark = trade.currentUnits > 0 ? price.bid : price.ask;
    return (mark - trade.price) * trade.currentUnits;
  }

  private summary(): Json {
    const upl = this.trades.reduce((s, t) => s + this.unrealized(t), 0);
    const used = this.trades.reduce((s, t) => s + Math.abs(t.currentUnits * t.price) / 30, 0);
    return {
      id: this.accountId,
      currency: "USD",
      balance: this.balance.toFixed(4),
      NAV: (this.balance + upl).toFixed(4),
      unrealizedPL: upl.toFixed(4),
      marginUsed: used.toFixed(4),
      marginAvailable: (this.balance + upl - used).toFixed(4),
      openTradeCount: this.trades.length,
      pendingOrderCount: this.orders.filter((o) => o.state === "PENDING").length,
      lastTransactionID: String(this.transactions.length),
    };
  }

  private positionsJson(): Json[] {
    const byInstrument = new Map<string, V20Trade[]>();
    for (const t of this.trades)
      byInstrument.set(t.instrument, [...(byInstrument.get(t.instrument) ?? []), t]);
    return [...byInstrument].map(([instrument, trades]) => {
      const side = (list: V20Trade[]) => {
        const units = list.reduce((s, t) => s + t.currentUnits, 0);
        const avg = units === 0 ? 0 : list.reduce((s, t) => s + t.price * t.currentUnits, 0) / units;
        return {
          units: String(units),
          averagePrice: units ? avg.toFixed(5) : undefined,
          tradeIDs: list.map((t) => t.id),
          unrealizedPL: list.reduce((s, t) => s + this.unrealized(t), 0).toFixed(4),
        };
      };
      const upl = trades.reduce((s, t) => s + this.unrealized(t), 0);
      return {
        instrument,
        long: side(trades.filter((t) => t.currentUnits > 0)),
        short: side(trades.filter((t) => t.currentUnits < 0)),
        unrealizedPL: upl.toFixed(4),
      };
    });
  }
}

function orderJson(o: V20Order): Json {
  const echoed: Json = {};
  for (const field of [
    "timeInForce",
    "positionFill",
    "gtdTime",
    "triggerCondition",
    "trailingStopLossOnFill",
    "guaranteedStopLossOnFill",
    "tradeClientExtensions",
  ])
    if (o.spec?.[field] !== undefined) echoed[field] = o.spec[field];
  return {
    ...echoed,
    id: o.id,
    type: o.type,
    instrument: o.instrument,
    units: String(o.units),
    price: o.price === undefined ? undefined : String(o.price),
    state: o.state,
    clientExtensions: o.clientId ? { id: o.clientId } : undefined,
    createTime: `${o.createTime}.000000000`,
    fillingTransactionID: o.fillingTransactionID,
    tradeOpenedID: o.tradeOpenedID,
    cancelledTime: o.cancelledTime ? `${o.cancelledTime}.000000000` : undefined,
    stopLossOnFill: o.stopLoss === undefined ? undefined : { price: String(o.stopLoss) },
    takeProfitOnFill: o.takeProfit === undefined ? undefined : { price: String(o.takeProfit) },
  };
}

function tradeJson(t: V20Trade, unrealizedPL: number): Json {
  return {
    id: t.id,
    openTime: `${t.openTime}.000000000`,
    unrealizedPL: unrealizedPL.toFixed(4),
    instrument: t.instrument,
    price: String(t.price),
    initialUnits: String(t.initialUnits),
    currentUnits: String(t.currentUnits),
    state: "OPEN",
    clientExtensions: t.clientId ? { id: t.clientId } : undefined,
    stopLossOrder: t.stopLoss === undefined ? undefined : { price: String(t.stopLoss) },
    takeProfitOrder: t.takeProfit === undefined ? undefined : { price: String(t.takeProfit) },
  };
}

function send(res: ServerResponse, status: number, body: Json): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
