/**
 * The local TCP server the MT5 Expert Advisor connects to (127.0.0.1 only). One EA session
 * at a time: a second connection replaces the first. Requests carry an id and are answered
 * by a reply with the same id; a request with no reply within the timeout rejects with
 * BrokerTimeoutError (the caller reconciles with a find request, never a resend).
 */
import { createServer, type Server, type Socket } from "node:net";
import type { Logger } from "../../log.ts";
import { BrokerTimeoutError, type Quote } from "../port.ts";
import {
  EA_PROTOCOL_VERSION,
  type EaDeal,
  type EaMessage,
  eaMessageSchema,
  type helloSchema,
} from "./ea-protocol.ts";

export const MAX_LINE_BYTES = 64 * 1024;
/** The connector pings the EA this often; an EA silent for three intervals is dropped. */
export const EA_PING_MS = 10_000;

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export interface EaServerOptions {
  port: number;
  timeoutMs: number;
  log: Logger;
  onQuote(quote: Quote): void;
  /** A deal the EA reports on its own (stop loss, take profit, stop-out). */
  onDeal?(deal: EaDeal): void;
  /** Required hello.key when set. */
  key?: string;
  pingMs?: number;
}

/** Listens for the EA and exchanges JSON lines with it. */
export class EaServer {
  private server: Server | undefined;
  private socket: Socket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private waiters: (() => void)[] = [];
  hello: ReturnType<typeof helloSchema.parse> | undefined;
  private lastHeard = 0;
  private pinger: NodeJS.Timeout | undefined;

  constructor(private readonly options: EaServerOptions) {}

  /** Starts listening; resolves with the bound port. */
  async listen(): Promise<number> {
    this.server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.options.port, "127.0.0.1", () => resolve());
    });
    const address = this.server.address();
    return typeof address === "object" && address ? address.port : this.options.port;
  }

  get connected(): boolean {
    return this.socket !== undefined && this.hello !== undefined;
  }

  /** Resolves when an EA has said hello. */
  waitForEa(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    clearInterval(this.pinger);
    this.socket?.destroy();
    this.failPending("connector stopping");
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Sends a request and resolves with the EA's reply fields (rejects on ok:false). */
  request(type: string, fields: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const socket = this.socket;
    if (!socket || !this.hello) {
      return Promise.reject(new BrokerTimeoutError("The MetaTrader 5 Expert Advisor is not connected"));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new BrokerTimeoutError(
            `The Expert Advisor did not answer "${type}" within ${this.options.timeoutMs} ms`,
          ),
        );
      }, this.options.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      socket.write(`${JSON.stringify({ id, type, ...fields })}\n`);
    });
  }

  private accept(socket: Socket): void {
    if (this.socket) {
      this.options.log.warn("A second Expert Advisor connected; the first is replaced");
      this.socket.destroy();
    }
    this.socket = socket;
    this.hello = undefined;
    this.lastHeard = Date.now();
    socket.setNoDelay(true);
    // Liveness: a terminal that froze or lost its network may leave the socket open.
    const pingMs = this.options.pingMs ?? EA_PING_MS;
    clearInterval(this.pinger);
    this.pinger = setInterval(() => {
      if (this.socket !== socket) return;
      if (Date.now() - this.lastHeard > pingMs * 3) {
        this.options.log.warn("The Expert Advisor stopped answering; dropping its connection");
        socket.destroy();
        return;
      }
      if (this.hello) socket.write(`${JSON.stringify({ id: 0, type: "ping" })}\n`);
    }, pingMs);
    let buffer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_LINE_BYTES && !buffer.includes("\n")) {
        this.options.log.warn(`The Expert Advisor sent a line over ${MAX_LINE_BYTES} bytes; disconnecting`);
        socket.destroy();
        return;
      }
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) this.handleLine(socket, line);
        newline = buffer.indexOf("\n");
      }
    });
    const gone = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.hello = undefined;
      this.failPending("the Expert Advisor disconnected");
      this.options.log.warn("MetaTrader 5 Expert Advisor disconnected");
    };
    socket.on("close", gone);
    socket.on("error", gone);
  }

  private handleLine(socket: Socket, line: string): void {
    this.lastHeard = Date.now();
    let message: EaMessage;
    try {
      message = eaMessageSchema.parse(JSON.parse(line));
    } catch {
      this.options.log.warn("The Expert Advisor sent a line that is not a protocol message; ignored");
      return;
    }
    if (message.type === "hello") {
      if (message.protocol !== EA_PROTOCOL_VERSION && message.protocol !== EA_PROTOCOL_VERSION - 1) {
        this.options.log.error(
          `The Expert Advisor speaks protocol ${message.protocol}; this connector speaks ${EA_PROTOCOL_VERSION}. Install the EA shipped with this connector.`,
        );
        socket.destroy();
        return;
      }
      if (this.options.key && message.key !== this.options.key) {
        this.options.log.error(
          "The Expert Advisor sent a wrong key; set InpKey to the key in the connector settings",
        );
        socket.destroy();
        return;
      }
      this.hello = message;
      this.options.log.info(
        `MetaTrader 5 Expert Advisor connected (account ${message.login} on ${message.server})`,
      );
      for (const wake of this.waiters.splice(0)) wake();
      return;
    }
    if (!this.hello) return; // nothing before hello
    if (message.type === "quote") {
      this.options.onQuote({
        symbol: message.symbol,
        bid: message.bid,
        ask: message.ask,
        time: message.time,
      });
      return;
    }
    if (message.type === "deal") {
      this.options.onDeal?.(message);
      return;
    }
    if (message.type === "reply") {
      const waiting = this.pending.get(message.id);
      if (!waiting) return; // a late reply after a timeout: the caller reconciles with find
      this.pending.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.ok) waiting.resolve(message as Record<string, unknown>);
      else waiting.reject(new Error(message.error ?? "the Expert Advisor refused the request"));
    }
  }

  private failPending(reason: string): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new BrokerTimeoutError(reason));
      this.pending.delete(id);
    }
  }
}
