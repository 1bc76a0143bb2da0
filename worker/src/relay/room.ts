/**
 * The relay room's logic, independent of the runtime: one instance per user room. Every
 * durable fact (commands, results, presence, account state, fills) lives in RoomStorage, so
 * a new instance over the same storage and sockets (after hibernation or a restart) carries
 * on exactly; memory holds only the latest quotes and HTTP waiters.
 */
import {
  BROADCAST_TYPES,
  decodeMessage,
  encodeMessage,
  type Fill,
  type Message,
  type MessageOf,
  maySend,
  type OutgoingMessage,
  PRESENCE_TIMEOUT_MS,
  type Quote,
  type Role,
} from "../../../core/protocol/index.ts";
import { CommandBook, CommandRefused, isFinal } from "./commands.ts";
import type {
  CommandRecord,
  PeerIdentity,
  PeersPort,
  RoomEffects,
  RoomPeer,
  RoomStorage,
  StoredPresence,
} from "./ports.ts";
import {
  activeConnector,
  EMPTY_PRESENCE,
  isOnline,
  OFFLINE_EMAIL_AFTER_MS,
  publicPresence,
} from "./presence.ts";

export interface RoomOptions {
  userId: string;
  storage: RoomStorage;
  peers: PeersPort;
  effects: RoomEffects;
  now: () => number;
  newId: () => string;
}

/** WebSocket close codes used by the relay. */
export const CLOSE = { normal: 1000, policy: 1008, tooBig: 1009 } as const;

const STATE_KEYS = {
  account: "state:account",
  positions: "state:positions",
  orders: "state:orders",
} as const;
const FILLS_PREFIX = "fill:";

export class RelayRoomLogic {
  readonly commands: CommandBook;
  private readonly quotes = new Map<string, Quote>();

  constructor(private readonly o: RoomOptions) {
    this.commands = new CommandBook({
      storage: o.storage,
      now: o.now,
      newId: o.newId,
      target: async () => {
        const peers = o.peers.all();
        const presence = await this.storedPresence();
        const peer = activeConnector(peers);
        if (!peer || !isOnline(presence, peers, o.now())) return null;
        const broker = peer.attachment.hello.broker;
        const live = broker ? broker.kind !== "paper" || broker.live : false;
        return { peer, connectorId: peer.attachment.connectorId ?? "", live };
      },
      liveTradingEnabled: () => o.effects.liveTradingEnabled(o.userId),
    });
  }

  /** Handles one frame from a socket; never throws (errors are answered on the socket). */
  async onMessage(peer: RoomPeer, data: string | ArrayBuffer): Promise<void> {
    if (typeof data !== "string")
      return this.reply(peer, {
        type: "error",
        code: "bad_message",
        message: "Send JSON text frames, not binary.",
      });
    const decoded = decodeMessage(data);
    if (!decoded.ok) {
      this.reply(peer, { type: "error", ...decoded.error });
      if (decoded.error.code === "too_large") peer.close(CLOSE.tooBig, "message too large (limit 64 KB)");
      return;
    }
    const message = decoded.message;
    const role = peer.attachment.role;
    if (!maySend(role, message.type)) {
      return this.reply(peer, {
        type: "error",
        code: "forbidden",
        message: `A ${role} socket may not send "${message.type}".`,
      });
    }
    try {
      await this.dispatch(peer, message);
    } catch (err) {
      console.error(
        JSON.stringify({
          level: "error",
          kind: "relay_message_failed",
          type: message.type,
          message: String(err),
        }),
      );
      this.reply(peer, {
        type: "error",
        code: "internal",
        message: "The relay could not handle this message; try again.",
      });
    }
  }

  private async dispatch(peer: RoomPeer, message: Message): Promise<void> {
    switch (message.type) {
      case "hello":
        return this.onHello(peer, message);
      case "heartbeat":
        if (peer.attachment.role === "connector") await this.touchConnector(peer);
        return this.reply(peer, { type: "heartbeat", time: this.o.now() });
      case "command":
        return this.onSocketCommand(peer, message);
      case "ack":
        return this.onAck(message);
      case "fill":
        return this.onFill(message.fill);
      case "quotes":
        for (const q of message.quotes) this.quotes.set(q.symbol, q);
        return this.broadcast(message, ["app", "api"]);
      case "account":
      case "positions":
      case "orders":
        await this.o.storage.put({ [STATE_KEYS[message.type]]: message });
        return this.broadcast(message, ["app", "api"]);
      default:
        return this.reply(peer, {
          type: "error",
          code: "bad_message",
          message: `Unexpected message "${message.type}".`,
        });
    }
  }

  private async onHello(peer: RoomPeer, hello: MessageOf<"hello">): Promise<void> {
    if (!(await this.o.effects.stillAuthorised(peer.attachment))) return this.revokedClose(peer);
    const at = this.o.now();
    peer.setAttachment({
      ...peer.attachment,
      hello: { software: hello.software, version: hello.version, broker: hello.broker, at },
    });
    const isConnector = peer.attachment.role === "connector";
    if (isConnector) {
      await this.o.storage.put({
        presence: {
          connectorId: peer.attachment.connectorId ?? null,
          lastSeen: at,
          broker: hello.broker ?? null,
          version: hello.version,
          offlineNotifiedAt: null,
        } satisfies StoredPresence,
      });
      await this.o.storage.setAlarm(at + PRESENCE_TIMEOUT_MS + 1000);
    }
    const presence = await this.presence();
    this.reply(peer, {
      type: "welcome",
      role: peer.attachment.role,
      sessionId: peer.attachment.socketId,
      time: at,
      presence,
      ...(isConnector ? { unacked: await this.commands.unacked() } : {}),
    });
    if (isConnector) this.broadcast({ type: "presence", presence }, ["app", "api"]);
    else await this.sendSnapshot(peer);
  }

  /** Latest state to a newly joined app or API socket, so it never waits for the next tick. */
  private async sendSnapshot(peer: RoomPeer): Promise<void> {
    for (const key of Object.values(STATE_KEYS)) {
      const state = await this.o.storage.get<Message>(key);
      if (state) peer.send(encodeMessage(state as OutgoingMessage));
    }
    if (this.quotes.size > 0) this.reply(peer, { type: "quotes", quotes: [...this.quotes.values()] });
  }

  private async touchConnector(peer: RoomPeer): Promise<void> {
    const stored = await this.storedPresence();
    const at = this.o.now();
    const wasOnline = isOnline(stored, this.o.peers.all(), at);
    await this.o.storage.put({
      presence: {
        ...stored,
        connectorId: peer.attachment.connectorId ?? stored.connectorId,
        lastSeen: at,
        offlineNotifiedAt: null,
      },
    });
    await this.o.storage.setAlarm(at + PRESENCE_TIMEOUT_MS + 1000);
    if (!wasOnline) this.broadcast({ type: "presence", presence: await this.presence() }, ["app", "api"]);
  }

  private async onSocketCommand(peer: RoomPeer, message: MessageOf<"command">): Promise<void> {
    if (!(await this.o.effects.stillAuthorised(peer.attachment))) return this.revokedClose(peer);
    // a new order spends the user's trading budget (shared with the HTTP trading routes); a
    // resent key only gets its stored result back
    if (!(await this.commands.known(message.key))) {
      const refused = await this.o.effects.spendTradingBudget(this.o.userId);
      if (refused)
        return this.reply(peer, { type: "error", code: "rate_limited", message: refused, key: message.key });
    }
    try {
      const { kind, record } = await this.commands.submit({
        key: message.key,
        expiresAt: message.expiresAt,
        command: message.command,
        source: { kind: "app", sessionId: peer.attachment.sessionId ?? "" },
      });
      if (kind === "duplicate" && isFinal(record.result)) return this.reply(peer, ackOf(record, true));
      this.reply(peer, { type: "received", key: record.key, orderId: record.orderId });
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      this.reply(peer, { type: "error", code: err.code, message: err.message, key: message.key });
    }
  }

  private async onAck(message: MessageOf<"ack">): Promise<void> {
    const record = await this.commands.acknowledge(message.key, message.result);
    if (!record) return;
    this.broadcast(ackOf(record, false), ["app"]);
  }

  private async onFill(fill: Fill): Promise<void> {
    const seen = `fillid:${fill.id}`;
    if (await this.o.storage.get(seen)) return;
    const key = `${FILLS_PREFIX}${String(fill.time).padStart(15, "0")}:${fill.id}`;
    await this.o.storage.put({ [key]: fill, [seen]: key });
    this.broadcast({ type: "fill", fill }, ["app", "api"]);
    const event =
      fill.reason === "stop_out"
        ? ({
            kind: "stop_out",
            symbol: fill.symbol,
            units: fill.units,
            price: fill.price,
            realizedPl: fill.realizedPl,
          } as const)
        : ({
            kind: "fill",
            symbol: fill.symbol,
            side: fill.side,
            units: fill.units,
            price: fill.price,
            realizedPl: fill.realizedPl,
          } as const);
    await this.o.effects.notify(this.o.userId, event);
  }

  /** A socket closed: if it was the connector, apps learn at once and the alarm watches the outage. */
  async onClose(peer: RoomPeer): Promise<void> {
    if (peer.attachment.role !== "connector") return;
    const others = this.o.peers.all().filter((p) => p.attachment.socketId !== peer.attachment.socketId);
    if (activeConnector(others)) return;
    const stored = await this.storedPresence();
    this.broadcast(
      { type: "presence", presence: publicPresence(stored, others, this.o.now()) },
      ["app", "api"],
      others,
    );
    if (stored.lastSeen !== null) await this.o.storage.setAlarm(stored.lastSeen + OFFLINE_EMAIL_AFTER_MS);
  }

  /** Alarm: report silence as offline, and after five minutes send the offline email once. */
  async alarm(): Promise<void> {
    const stored = await this.storedPresence();
    const peers = this.o.peers.all();
    const now = this.o.now();
    if (isOnline(stored, peers, now) || stored.lastSeen === null) return;
    this.broadcast({ type: "presence", presence: publicPresence(stored, peers, now) }, ["app", "api"]);
    if (stored.offlineNotifiedAt !== null) return;
    const due = stored.lastSeen + OFFLINE_EMAIL_AFTER_MS;
    if (now < due) return this.o.storage.setAlarm(due);
    await this.o.storage.put({ presence: { ...stored, offlineNotifiedAt: now } });
    await this.o.effects.notify(this.o.userId, { kind: "connector_offline", lastSeen: stored.lastSeen });
  }

  /** Closes (1008) the sockets matching `filter`: logout, password/2FA change, revocation. */
  closePeers(filter: (peer: PeerIdentity) => boolean, reason: string): number {
    let closed = 0;
    for (const peer of this.o.peers.all()) {
      if (!filter(peer.attachment)) continue;
      peer.close(CLOSE.policy, reason);
      closed++;
    }
    return closed;
  }

  async presence() {
    return publicPresence(await this.storedPresence(), this.o.peers.all(), this.o.now());
  }

  async storedPresence(): Promise<StoredPresence> {
    return (await this.o.storage.get<StoredPresence>("presence")) ?? EMPTY_PRESENCE;
  }

  /** The connector's last published account, positions and working orders. */
  async snapshot() {
    const [account, positions, orders] = await Promise.all(
      Object.values(STATE_KEYS).map((k) => this.o.storage.get<Message>(k)),
    );
    return {
      account: account?.type === "account" ? account.account : null,
      positions: positions?.type === "positions" ? positions.positions : [],
      orders: orders?.type === "orders" ? orders.orders : [],
      quotes: [...this.quotes.values()],
    };
  }

  /** Fills, newest first. */
  async history(limit: number): Promise<Fill[]> {
    const fills = await this.o.storage.list<Fill>({ prefix: FILLS_PREFIX, reverse: true, limit });
    return [...fills.values()];
  }

  private revokedClose(peer: RoomPeer): void {
    peer.close(CLOSE.policy, "credentials revoked; sign in again");
  }

  private reply(peer: RoomPeer, message: OutgoingMessage): void {
    peer.send(encodeMessage(message));
  }

  private broadcast(message: OutgoingMessage | Message, roles: Role[], peers = this.o.peers.all()): void {
    if (!BROADCAST_TYPES.has(message.type) && message.type !== "presence" && message.type !== "ack") return;
    const { v: _v, ...rest } = message as Message;
    const text = encodeMessage(rest as OutgoingMessage);
    for (const peer of peers) {
      if (!roles.includes(peer.attachment.role) || !peer.attachment.hello) continue;
      try {
        peer.send(text);
      } catch {
        // A socket closing under us; its close handler tidies up.
      }
    }
  }
}

/** The ack an app sees for a stored record. */
export function ackOf(record: CommandRecord, replayed: boolean): OutgoingMessage {
  return { type: "ack", key: record.key, orderId: record.orderId, result: record.result, replayed };
}
