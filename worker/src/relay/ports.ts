/**
 * The relay room's ports: the sockets it talks to, its durable storage, and the side
 * effects it asks the host for (authorisation re-checks, the live-trading switch, emails).
 * The Durable Object implements them over the runtime; tests use memory-storage.ts.
 */
import type { BrokerInfo, CommandBody, CommandResult, Role } from "../../../core/protocol/index.ts";

/** Who is on a socket: fixed when the ticket is redeemed, kept in the socket attachment. */
export interface PeerIdentity {
  socketId: string;
  role: Role;
  userId: string;
  /** app sockets: the session that minted the ticket */
  sessionId?: string;
  /** connector sockets */
  connectorId?: string;
  /** api sockets */
  apiTokenId?: string;
  connectedAt: number;
}

/** What a peer said in its hello, kept in the attachment too. */
export interface PeerAttachment extends PeerIdentity {
  hello?: { software: string; version: string; broker?: BrokerInfo; at: number };
}

export interface RoomPeer {
  readonly attachment: PeerAttachment;
  send(text: string): void;
  close(code: number, reason: string): void;
  setAttachment(attachment: PeerAttachment): void;
}

export interface PeersPort {
  /** Sockets currently open in this room. */
  all(): RoomPeer[];
}

export interface ListOptions {
  prefix: string;
  limit?: number;
  reverse?: boolean;
}

/** Key-value storage with ordered listing (Durable Object storage or memory). */
export interface RoomStorage {
  get<T>(key: string): Promise<T | undefined>;
  put(entries: Record<string, unknown>): Promise<void>;
  delete(key: string): Promise<void>;
  list<T>(options: ListOptions): Promise<Map<string, T>>;
  setAlarm(at: number): Promise<void>;
  getAlarm(): Promise<number | null>;
}

export type NotificationEvent =
  | { kind: "fill"; symbol: string; side: string; units: number; price: number; realizedPl: number }
  | { kind: "stop_out"; symbol: string; units: number; price: number; realizedPl: number }
  | { kind: "connector_offline"; lastSeen: number };

export interface RoomEffects {
  /** Re-checks that the session, connector or API token behind a socket is still valid. */
  stillAuthorised(peer: PeerIdentity): Promise<boolean>;
  /** Whether the user turned on live trading (needed for any non-paper broker). */
  liveTradingEnabled(userId: string): Promise<boolean>;
  /** Sends an opted-in email; failures are logged by the host, never thrown. */
  notify(userId: string, event: NotificationEvent): Promise<void>;
  /**
   * Spends one order from the user's trading budget, the same one the HTTP trading routes
   * spend (checklist 18): null when allowed, else the refusal in words. Fails closed.
   */
  spendTradingBudget(userId: string): Promise<string | null>;
}

/** Where a command came from. */
export type CommandSource =
  | { kind: "app"; sessionId: string }
  | { kind: "api"; via: "session" | "token" | "webhook"; id: string };

/** A command as stored (key `cmd:<key>`), written before it is forwarded. */
export interface CommandRecord {
  key: string;
  orderId: string;
  fingerprint: string;
  command: CommandBody;
  expiresAt: number;
  createdAt: number;
  source: CommandSource;
  /** the connector it was forwarded to */
  connectorId: string;
  result: CommandResult;
}

/** The connector's presence as stored (key `presence`). */
export interface StoredPresence {
  connectorId: string | null;
  lastSeen: number | null;
  broker: BrokerInfo | null;
  version: string | null;
  /** when the offline email was sent for the current outage */
  offlineNotifiedAt: number | null;
}
