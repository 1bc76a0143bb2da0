// The app's relay socket against a relay stand-in (a real `ws` server on loopback speaking
// the protocol): hello/welcome, the key saved before the first send, a dropped connection
// mid-command, reconnect with a new ticket, the same key re-sent, one settled order.
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import {
  decodeMessage,
  encodeMessage,
  type Message,
  type OutgoingMessage,
} from "../../../core/protocol/index.ts";
import { backoffDelay, MemoryCommandStore, RelaySocket } from "./relay-socket.ts";

const servers: WebSocketServer[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function standIn(
  onMessage: (m: Message, reply: (m: OutgoingMessage) => void, drop: () => void) => void,
) {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  servers.push(server);
  await new Promise((r) => server.once("listening", r));
  let tickets = 0;
  server.on("connection", (socket) => {
    socket.on("message", (data) => {
      const decoded = decodeMessage(String(data));
      if (!decoded.ok) throw new Error(decoded.error.message);
      const reply = (m: OutgoingMessage) => socket.send(encodeMessage(m));
      if (decoded.message.type === "hello") {
        reply({
          type: "welcome",
          role: "app",
          sessionId: "s",
          time: 1,
          presence: { online: true, lastSeen: 1, broker: null, version: null },
        });
      }
      onMessage(decoded.message, reply, () => socket.terminate());
    });
  });
  const port = (server.address() as { port: number }).port;
  return {
    connectUrl: async () => `ws://127.0.0.1:${port}/api/v1/relay?ticket=t${++tickets}`,
    tickets: () => tickets,
  };
}

describe("RelaySocket", () => {
  it("saves the key before sending and, after a dropped connection, re-sends the same key once reconnected", async () => {
    const store = new MemoryCommandStore();
    const seen: string[] = [];
    let storedAtFirstSend = false;
    let drops = 0;
    const relay = await standIn((m, reply, drop) => {
      if (m.type !== "command") return;
      seen.push(m.key);
      if (seen.length === 1) {
        storedAtFirstSend = store.records.has(m.key);
        drops++;
        return drop(); // the connection dies before the relay answers
      }
      reply({ type: "received", key: m.key, orderId: "ord_1" });
      reply({
        type: "ack",
        key: m.key,
        orderId: "ord_1",
        result: { status: "filled", fillPrice: 1.1, time: 2 },
      });
    });
    const socket = new RelaySocket({
      connectUrl: relay.connectUrl,
      store,
      WebSocketImpl: WebSocket as never,
      random: () => 0.5,
      backoffBaseMs: 10,
    });
    const statuses: string[] = [];
    socket.onCommand((c) => statuses.push(c.status));
    socket.start();
    await new Promise<void>((resolve) => socket.onState((s) => s === "open" && resolve()));
    const result = await socket.submit({ action: "close", symbol: "EURUSD" });
    socket.stop();
    expect(storedAtFirstSend).toBe(true);
    expect(drops).toBe(1);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(relay.tickets()).toBeGreaterThanOrEqual(2);
    expect(result).toMatchObject({ status: "settled", orderId: "ord_1", result: { status: "filled" } });
    expect(statuses).toEqual(["sending", "pending", "settled"]);
    expect(store.records.size).toBe(0);
  });

  it("reports a refusal (no connector online) as failed and forgets the command", async () => {
    const store = new MemoryCommandStore();
    const relay = await standIn((m, reply) => {
      if (m.type === "command")
        reply({ type: "error", code: "connector_offline", message: "No connector is online", key: m.key });
    });
    const socket = new RelaySocket({
      connectUrl: relay.connectUrl,
      store,
      WebSocketImpl: WebSocket as never,
    });
    socket.start();
    const result = await socket.submit({ action: "cancel", targetId: "X" });
    socket.stop();
    expect(result).toMatchObject({ status: "failed", error: { code: "connector_offline" } });
    expect(store.records.size).toBe(0);
  });

  it("settles a command in the tab that sent it even when another tab sharing the store hears the ack too", async () => {
    const store = new MemoryCommandStore();
    const sockets = new Set<(m: OutgoingMessage) => void>();
    const relay = await standIn((m, reply) => {
      sockets.add(reply);
      if (m.type !== "command") return;
      // Like the relay: the ack goes to every app socket of the user.
      for (const send of sockets)
        send({
          type: "ack",
          key: m.key,
          orderId: "ord_9",
          result: { status: "filled", fillPrice: 1.3, time: 3 },
        });
    });
    const other = new RelaySocket({ connectUrl: relay.connectUrl, store, WebSocketImpl: WebSocket as never });
    const mine = new RelaySocket({ connectUrl: relay.connectUrl, store, WebSocketImpl: WebSocket as never });
    const open = (s: RelaySocket) =>
      new Promise<void>((resolve) => s.onState((st) => st === "open" && resolve()));
    const opened = Promise.all([open(other), open(mine)]);
    other.start();
    mine.start();
    await opened;
    // the other tab's socket must be known to the stand-in before the command goes out
    other.submit({ action: "cancel", targetId: "warm-up" });
    const result = await mine.submit({ action: "cancel", targetId: "Z" });
    other.stop();
    mine.stop();
    expect(result).toMatchObject({ status: "settled", orderId: "ord_9" });
  });

  it("backs off exponentially with full jitter, capped", () => {
    expect(backoffDelay(0, () => 0.999, 500, 30_000)).toBe(499);
    expect(backoffDelay(3, () => 0.5, 500, 30_000)).toBe(2000);
    expect(backoffDelay(20, () => 0.5, 500, 30_000)).toBe(15_000);
    expect(backoffDelay(5, () => 0, 500, 30_000)).toBe(0);
  });
});
