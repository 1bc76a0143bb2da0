/**
 * Relay room Durable Object: one per user (named by the verified user id), linking the
 * user's connector to their app sessions and integrations. Thin: it wires hibernatable
 * WebSockets, DO storage and D1 effects to RelayRoomLogic (room.ts) and answers the
 * Worker's internal calls (connect, command, reads, closing sockets). No timers keep it
 * awake: presence and outage emails run on the alarm.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { d1RoomEffects } from "./effects.ts";
import { handleInternal } from "./internal.ts";
import type { ListOptions, PeerAttachment, PeersPort, RoomPeer, RoomStorage } from "./ports.ts";
import { RelayRoomLogic } from "./room.ts";

export class RelayRoom extends DurableObject<Env> {
  private logic: RelayRoomLogic | null = null;

  /** The room for `userId` (given by the Worker on every call, stored for alarms). */
  async room(userId?: string): Promise<RelayRoomLogic> {
    if (this.logic) return this.logic;
    const stored = await this.ctx.storage.get<string>("userId");
    const id = userId ?? stored;
    if (!id) throw new Error("relay room has no user yet");
    if (!stored) await this.ctx.storage.put("userId", id);
    this.logic = new RelayRoomLogic({
      userId: id,
      storage: doStorage(this.ctx.storage),
      peers: doPeers(this.ctx),
      effects: d1RoomEffects(this.env, Date.now),
      now: Date.now,
      newId: () => crypto.randomUUID(),
    });
    return this.logic;
  }

  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get("X-Relay-User") ?? undefined;
    return handleInternal(request, await this.room(userId), (peer) => {
      const pair = new WebSocketPair();
      this.ctx.acceptWebSocket(pair[1], [peer.role]);
      pair[1].serializeAttachment(peer);
      return pair[0];
    });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await (await this.room()).onMessage(wrap(ws), message);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // A client close without a code (1005) is answered with 1000, else the client hangs.
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // already closed
    }
    await (await this.room()).onClose(wrap(ws));
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await (await this.room()).onClose(wrap(ws));
  }

  override async alarm(): Promise<void> {
    await (await this.room()).alarm();
  }
}

function wrap(ws: WebSocket): RoomPeer {
  return {
    attachment: ws.deserializeAttachment() as PeerAttachment,
    // A peer can close between its message and our reply: the result is stored with the
    // command, so the peer gets it again when it resends the same key after reconnecting.
    send: (text) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      try {
        ws.send(text);
      } catch {
        // closed in the meantime
      }
    },
    close: (code, reason) => ws.close(code, reason),
    setAttachment: (a) => ws.serializeAttachment(a),
  };
}

function doPeers(ctx: DurableObjectState): PeersPort {
  return {
    all: () =>
      ctx
        .getWebSockets()
        .filter((ws) => ws.readyState === WebSocket.OPEN)
        .map(wrap),
  };
}

function doStorage(storage: DurableObjectStorage): RoomStorage {
  return {
    get: (key) => storage.get(key),
    put: (entries) => storage.put(entries),
    delete: async (key) => {
      await storage.delete(key);
    },
    list: <T>(o: ListOptions) => storage.list<T>(o),
    setAlarm: (at) => storage.setAlarm(at),
    getAlarm: () => storage.getAlarm(),
  };
}
