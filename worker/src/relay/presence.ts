/**
 * Connector presence: heartbeats and hellos refresh a stored last-seen time; a connector is
 * online while its socket is open and it was heard from within PRESENCE_TIMEOUT_MS (close
 * events can be missing). The room's alarm turns silence into "offline" and, after five
 * minutes, the offline email.
 */
import { type ConnectorPresence, PRESENCE_TIMEOUT_MS } from "../../../core/protocol/index.ts";
import type { PeerAttachment, RoomPeer, StoredPresence } from "./ports.ts";

/** Offline this long -> the opted-in "connector offline" email. */
export const OFFLINE_EMAIL_AFTER_MS = 5 * 60_000;

export const EMPTY_PRESENCE: StoredPresence = {
  connectorId: null,
  lastSeen: null,
  broker: null,
  version: null,
  offlineNotifiedAt: null,
};

type HelloedConnector = RoomPeer & {
  attachment: PeerAttachment & { hello: NonNullable<PeerAttachment["hello"]> };
};

/** The connector socket commands go to: the one that said hello last. */
export function activeConnector(peers: RoomPeer[]): HelloedConnector | null {
  let best: HelloedConnector | null = null;
  for (const peer of peers) {
    const a = peer.attachment;
    if (a.role !== "connector" || !a.hello) continue;
    if (!best || a.hello.at > best.attachment.hello.at) best = peer as HelloedConnector;
  }
  return best;
}

/** Whether the stored presence, given the open sockets, counts as online at `now`. */
export function isOnline(stored: StoredPresence, peers: RoomPeer[], now: number): boolean {
  const active = activeConnector(peers);
  if (!active || stored.lastSeen === null) return false;
  return now - stored.lastSeen <= PRESENCE_TIMEOUT_MS;
}

/** The public view sent to apps and returned by GET /connector/status. */
export function publicPresence(stored: StoredPresence, peers: RoomPeer[], now: number): ConnectorPresence {
  return {
    online: isOnline(stored, peers, now),
    lastSeen: stored.lastSeen,
    broker: stored.broker,
    version: stored.version,
    ...(stored.connectorId ? { connectorId: stored.connectorId } : {}),
  };
}
