/**
 * The app's reconnecting relay socket (browser, or Node with `ws` in tests). It mints a
 * single-use ticket, opens the relay WebSocket, says hello, heartbeats, and reconnects with
 * jittered exponential backoff. Orders are exactly-once from here: each command's
 * idempotency key is saved (IndexedDB in the app) BEFORE it is sent, and every unsettled
 * command is re-sent with the same key after a reconnect, so the relay answers from its
 * store instead of placing it twice. A command is "placed" only on the broker-confirmed ack.
 */
import {
  type CommandBody,
  type CommandResult,
  DEFAULT_COMMAND_TTL_MS,
  decodeMessage,
  encodeMessage,
  HEARTBEAT_INTERVAL_MS,
  type Message,
  type OutgoingMessage,
} from "../../../core/protocol/index.ts";

/** sending: saved, not yet seen by the relay; pending: stored and forwarded by the relay. */
export type CommandStatus = "sending" | "pending" | "settled" | "failed";

export interface PendingCommand {
  key: string;
  expiresAt: number;
  command: CommandBody;
  status: CommandStatus;
  createdAt: number;
  orderId?: string;
  result?: CommandResult;
  error?: { code: string; message: string };
}

/** Where unsettled commands wait (IndexedDB in the app; memory in tests). */
export interface PendingCommandStore {
  put(record: PendingCommand): Promise<void>;
  remove(key: string): Promise<void>;
  list(): Promise<PendingCommand[]>;
}

export type SocketState = "connecting" | "open" | "closed";

interface MinimalSocket {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface RelaySocketOptions {
  /** Mints a ticket and returns the absolute ws(s):// URL to open. */
  connectUrl: () => Promise<string>;
  store: PendingCommandStore;
  WebSocketImpl?: new (url: string) => MinimalSocket;
  software?: string;
  version?: string;
  now?: () => number;
  random?: () => number;
  newKey?: () => string;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  heartbeatMs?: number;
}

/** Full-jitter exponential backoff: uniform in [0, min(max, base * 2^attempt)). */
export function backoffDelay(attempt: number, random: () => number, baseMs: number, maxMs: number): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}

const OPEN = 1;

export class RelaySocket {
  state: SocketState = "closed";
  private ws: MinimalSocket | null = null;
  private attempt = 0;
  private stopped = true;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;
  private readonly inFlight = new Map<string, PendingCommand>();
  private readonly messageListeners = new Set<(m: Message) => void>();
  private readonly commandListeners = new Set<(c: PendingCommand) => void>();
  private readonly stateListeners = new Set<(s: SocketState) => void>();
  private readonly o: Required<Omit<RelaySocketOptions, "WebSocketImpl">> &
    Pick<RelaySocketOptions, "WebSocketImpl">;

  constructor(options: RelaySocketOptions) {
    this.o = {
      software: "forex-ai-app",
      version: "0",
      now: () => Date.now(),
      random: Math.random,
      newKey: () => crypto.randomUUID(),
      backoffBaseMs: 500,
      backoffMaxMs: 30_000,
      heartbeatMs: HEARTBEAT_INTERVAL_MS,
      ...options,
    };
  }

  onMessage(listener: (m: Message) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onCommand(listener: (c: PendingCommand) => void): () => void {
    this.commandListeners.add(listener);
    return () => this.commandListeners.delete(listener);
  }

  onState(listener: (s: SocketState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.stopHeartbeat();
    this.ws?.close(1000, "bye");
    this.ws = null;
    this.setState("closed");
  }

  /**
   * Saves the command with a new idempotency key, then sends it (now if open, else on the
   * next connect). Resolves with the final state: settled (broker answered) or failed.
   */
  async submit(command: CommandBody, ttlMs = DEFAULT_COMMAND_TTL_MS): Promise<PendingCommand> {
    const now = this.o.now();
    const record: PendingCommand = {
      key: this.o.newKey(),
      expiresAt: now + ttlMs,
      command,
      status: "sending",
      createdAt: now,
    };
    const done = new Promise<PendingCommand>((resolve) => {
      const off = this.onCommand((c) => {
        if (c.key === record.key && (c.status === "settled" || c.status === "failed")) {
          off();
          resolve(c);
        }
      });
    });
    await this.o.store.put(record); // saved before sending (checklist 25)
    this.emitCommand(record);
    this.sendCommand(record);
    return done;
  }

  private sendCommand(record: PendingCommand): void {
    if (this.ws?.readyState !== OPEN || this.state !== "open") return;
    this.send({ type: "command", key: record.key, expiresAt: record.expiresAt, command: record.command });
  }

  private send(message: OutgoingMessage): void {
    this.ws?.send(encodeMessage(message));
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setState("connecting");
    let url: string;
    try {
      url = await this.o.connectUrl();
    } catch {
      return this.scheduleReconnect();
    }
    if (this.stopped) return;
    const Impl =
      this.o.WebSocketImpl ?? (globalThis.WebSocket as unknown as new (url: string) => MinimalSocket);
    const ws = new Impl(url);
    this.ws = ws;
    ws.onopen = () => this.send({ type: "hello", software: this.o.software, version: this.o.version });
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.lastHeard = this.o.now();
      const decoded = decodeMessage(String(ev.data));
      if (decoded.ok) void this.handle(decoded.message);
      // a frame this version cannot read (e.g. from a newer relay) is skipped, not fatal, but
      // said in the console so a mismatch is visible
      else
        console.warn(
          `relay: skipped a message this app cannot read (${decoded.error.code}): ${decoded.error.message}`,
        );
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.stopHeartbeat();
      this.scheduleReconnect();
    };
    ws.onerror = () => {};
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.setState("closed");
    const delay = backoffDelay(this.attempt++, this.o.random, this.o.backoffBaseMs, this.o.backoffMaxMs);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
  }

  private async handle(message: Message): Promise<void> {
    switch (message.type) {
      case "welcome":
        this.attempt = 0;
        this.setState("open");
        this.startHeartbeat();
        // Re-send every unsettled command with its original key: the relay replays or refuses, never doubles.
        for (const record of await this.o.store.list()) this.sendCommand(record);
        break;
      case "received":
        await this.update(message.key, { status: "pending", orderId: message.orderId });
        break;
      case "ack":
        if (message.result.status !== "pending") {
          await this.update(message.key, {
            status: "settled",
            orderId: message.orderId,
            result: message.result,
          });
        }
        break;
      case "error":
        if (message.key)
          await this.update(message.key, {
            status: "failed",
            error: { code: message.code, message: message.message },
          });
        break;
    }
    for (const l of this.messageListeners) l(message);
  }

  private async update(key: string, patch: Partial<PendingCommand>): Promise<void> {
    // Own commands are known in memory too: another tab sharing the store may settle the record first.
    const current = this.inFlight.get(key) ?? (await this.o.store.list()).find((c) => c.key === key);
    if (!current) return;
    const next = { ...current, ...patch };
    if (next.status === "settled" || next.status === "failed") await this.o.store.remove(key);
    else await this.o.store.put(next);
    this.emitCommand(next);
  }

  private emitCommand(record: PendingCommand): void {
    if (record.status === "settled" || record.status === "failed") this.inFlight.delete(record.key);
    else this.inFlight.set(record.key, record);
    for (const l of this.commandListeners) l(record);
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.lastHeard = this.o.now();
    this.heartbeatTimer = setInterval(() => {
      // Close events can be missing: silence for two beats means the socket is dead.
      if (this.o.now() - this.lastHeard > 2 * this.o.heartbeatMs + 1000) {
        this.ws?.close(4000, "no heartbeat");
        return;
      }
      this.send({ type: "heartbeat", time: this.o.now() });
    }, this.o.heartbeatMs);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private setState(state: SocketState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of this.stateListeners) l(state);
  }
}

/** In-memory store for tests and for environments without IndexedDB. */
export class MemoryCommandStore implements PendingCommandStore {
  readonly records = new Map<string, PendingCommand>();
  async put(record: PendingCommand): Promise<void> {
    this.records.set(record.key, structuredClone(record));
  }
  async remove(key: string): Promise<void> {
    this.records.delete(key);
  }
  async list(): Promise<PendingCommand[]> {
    return [...this.records.values()].map((r) => structuredClone(r));
  }
}
