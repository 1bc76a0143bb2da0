/**
 * The connector's side of the relay: an outbound WebSocket (ws) to the user's RelayRoom.
 * Each connection starts with a single-use ticket (POST /api/v1/connector/tickets with the
 * connector token), then hello; the relay answers welcome (with the keys of commands it
 * forwarded and never saw acknowledged, which the session reconciles). Heartbeats every
 * HEARTBEAT_INTERVAL_MS; a socket silent for two intervals is dropped. Reconnects use
 * exponential backoff with full jitter. Nothing is queued while disconnected: send()
 * returns false and the caller decides (state is re-sent on welcome; acks are replayed
 * from the order journal when the relay lists the key as unacknowledged).
 */
import WebSocket from "ws";
import {
  decodeMessage,
  encodeMessage,
  HEARTBEAT_INTERVAL_MS,
  type Message,
  type MessageOf,
  type OutgoingMessage,
  ticketResponseSchema,
} from "../../core/protocol/index.ts";
import { nextDelay } from "./backoff.ts";
import type { Logger } from "./log.ts";

export interface RelayClientOptions {
  server: string;
  token: string;
  log: Logger;
  /** The hello fields (software, version, broker). */
  hello(): Omit<MessageOf<"hello">, "v" | "type">;
  onWelcome(message: MessageOf<"welcome">): void;
  onCommand(message: MessageOf<"command">): void;
  /** Any other message from the relay (errors, presence, heartbeats). */
  onMessage?(message: Message): void;
  /** Called when the token is refused (revoked or unlinked): the client stops. */
  onRevoked?(reason: string): void;
  heartbeatMs?: number;
  random?: () => number;
}

/** The relay connection states. */
export type RelayState = "connecting" | "open" | "closed" | "stopped";

/** Keeps one relay WebSocket open until stop(). */
export class RelayClient {
  state: RelayState = "closed";
  /** Incremented on every new socket; lets callers tell connections apart. */
  generation = 0;
  private socket: WebSocket | undefined;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;
  private beat: NodeJS.Timeout | undefined;
  private lastHeard = 0;
  private stopped = false;

  constructor(private readonly options: RelayClientOptions) {
    options.log.addSecret(options.token);
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.state = "stopped";
    clearTimeout(this.retry);
    clearInterval(this.beat);
    this.socket?.close(1000, "connector stopping");
    this.socket = undefined;
  }

  /** Sends now or not at all: false when the socket is not open (nothing is queued). */
  send(message: OutgoingMessage): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || this.state !== "open") return false;
    socket.send(encodeMessage(message));
    return true;
  }

  /** Closes the current socket abruptly (tests and the chaos benchmark); the client reconnects. */
  dropConnection(): void {
    this.socket?.terminate();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.state = "connecting";
    const { server, token, log } = this.options;
    let wsUrl: string;
    try {
      const response = await fetch(new URL("/api/v1/connector/tickets", server), {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(15_000),
      });
      if (response.status === 401 || response.status === 403) {
        const reason = "The server refused this connector's token (revoked or unlinked). Run link again.";
        log.error(reason);
        this.stop();
        this.options.onRevoked?.(reason);
        return;
      }
      if (!response.ok) throw new Error(`ticket request answered ${response.status}`);
      const ticket = ticketResponseSchema.parse(await response.json());
      log.addSecret(ticket.ticket);
      const url = new URL(ticket.url, server);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      wsUrl = url.toString();
    } catch (error) {
      log.warn(`Cannot reach the relay at ${server}: ${(error as Error).message}`);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) return;
    const socket = new WebSocket(wsUrl, { handshakeTimeout: 15_000, maxPayload: 64 * 1024 });
    this.socket = socket;
    this.generation++;
    socket.on("open", () => {
      this.state = "open";
      this.lastHeard = Date.now();
      socket.send(encodeMessage({ type: "hello", ...this.options.hello() }));
      this.startHeartbeat(socket);
    });
    socket.on("message", (data, isBinary) => {
      this.lastHeard = Date.now();
      if (isBinary) return;
      this.handle(data.toString());
    });
    socket.on("close", (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      clearInterval(this.beat);
      if (this.stopped) return;
      this.state = "closed";
      log.warn(
        `Relay connection closed (${code}${reason.length ? ` ${reason.toString()}` : ""}); reconnecting`,
      );
      this.scheduleReconnect();
    });
    socket.on("error", (error) => {
      log.warn(`Relay socket error: ${error.message}`);
    });
  }

  private handle(text: string): void {
    const decoded = decodeMessage(text);
    if (!decoded.ok) {
      this.options.log.warn(`Relay sent a message this connector cannot read: ${decoded.error.message}`);
      return;
    }
    const message = decoded.message;
    if (message.type === "welcome") {
      this.attempt = 0;
      this.options.onWelcome(message);
    } else if (message.type === "command") this.options.onCommand(message);
    else this.options.onMessage?.(message);
  }

  private startHeartbeat(socket: WebSocket): void {
    const interval = this.options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS;
    clearInterval(this.beat);
    this.beat = setInterval(() => {
      if (Date.now() - this.lastHeard > interval * 2 + 1000) {
        this.options.log.warn("The relay went silent; reconnecting");
        socket.terminate();
        return;
      }
      if (socket.readyState === WebSocket.OPEN)
        socket.send(encodeMessage({ type: "heartbeat", time: Date.now() }));
    }, interval);
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = nextDelay(this.attempt++, this.options.random ?? Math.random);
    this.retry = setTimeout(() => void this.connect(), delay);
  }
}
