// The relay in workerd: tickets and origins (checklist 20), roles and the 64 KB cap (21),
// dedupe with replay and conflicts (24-25), presence, revocation closing sockets with 1008
// (22), 1005 answered with 1000, and a room restored from storage alone (hibernation).
import { runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, fakeClock, register, registerWith2fa } from "../auth/testing.ts";
import { relayStub } from "./client.ts";
import type { RelayRoom } from "./relay-room.ts";
import {
  appTicket,
  env,
  inSeconds,
  joinApp,
  joinConnector,
  linkConnector,
  ORIGIN,
  openSocket,
  placeEurusd,
} from "./testing.ts";

// Sockets and Durable Objects are slow on a loaded machine: wait on conditions, longer.
vi.setConfig({ testTimeout: 30_000 });
afterEach(() => vi.restoreAllMocks());

describe("relay upgrade (checklist 20)", () => {
  it("refuses a foreign origin (403), a reused ticket (401) and a browser session without Origin (403)", async () => {
    const a = await register();
    const foreign = await openSocket(await appTicket(a), "https://evil.example.com");
    expect(foreign.status).toBe(403);
    const url = await appTicket(a);
    const first = await openSocket(url, ORIGIN);
    expect(first.status).toBe(101);
    const reused = await openSocket(url, ORIGIN);
    expect(reused.status).toBe(401);
    expect(reused.json).toMatchObject({ error: { code: "invalid_ticket" } });
    expect((await openSocket(await appTicket(a))).status).toBe(403);
    expect((await openSocket("/api/v1/relay?ticket=fxt_made_up", ORIGIN)).status).toBe(401);
  });

  it("refuses a ticket older than 60 s", async () => {
    const a = await register();
    const clock = fakeClock();
    const url = await appTicket(a);
    clock.advance(61_000);
    expect((await openSocket(url, ORIGIN)).status).toBe(401);
  });

  it("puts each user in their own room: user B's command never reaches user A's connector", async () => {
    const a = await register();
    const b = await register();
    const connectorA = await joinConnector((await linkConnector(a)).token);
    const appB = await joinApp(b);
    appB.send({ type: "command", key: "bkey-000000001", expiresAt: inSeconds(30), command: placeEurusd() });
    const error = await appB.next("error");
    expect(error).toMatchObject({ code: "connector_offline", key: "bkey-000000001" });
    const appA = await joinApp(a);
    appA.send({ type: "command", key: "akey-000000001", expiresAt: inSeconds(30), command: placeEurusd() });
    const forwarded = await connectorA.next("command");
    expect(forwarded.key).toBe("akey-000000001");
    expect(connectorA.count("command")).toBe(1);
  });
});

describe("relay messages (checklist 21, 24, 25)", () => {
  it("lets only apps send commands and only connectors send state, fills and acks", async () => {
    const a = await register();
    const connector = await joinConnector((await linkConnector(a)).token);
    const app = await joinApp(a);
    app.send({ type: "quotes", quotes: [{ symbol: "EURUSD", bid: 1.1, ask: 1.1001, time: 1 }] });
    expect(await app.next("error")).toMatchObject({ code: "forbidden" });
    app.send({ type: "ack", key: "nokey-00000001", result: { status: "filled", time: 1 } });
    expect((await app.next("error")).message).toContain('may not send "ack"');
    connector.send({
      type: "command",
      key: "ckey-000000001",
      expiresAt: inSeconds(30),
      command: placeEurusd(),
    });
    expect(await connector.next("error")).toMatchObject({ code: "forbidden" });
    connector.send({ type: "quotes", quotes: [{ symbol: "EURUSD", bid: 1.1, ask: 1.1001, time: 1 }] });
    expect((await app.next("quotes")).quotes[0].symbol).toBe("EURUSD");
  });

  it("answers a malformed message with the field at fault, and closes on a frame over 64 KB (1009)", async () => {
    const a = await register();
    const app = await joinApp(a);
    app.send({ type: "command", key: "short", expiresAt: inSeconds(30), command: placeEurusd() });
    expect((await app.next("error")).message).toContain("key: idempotency key must be 8-64 characters");
    app.ws.send(JSON.stringify({ v: 2, type: "heartbeat", time: 1, pad: "x".repeat(70_000) }));
    expect(await app.next("error")).toMatchObject({ code: "too_large" });
    expect((await app.closed).code).toBe(1009);
  });

  it("stores, forwards once, replays the stored result for a repeated key and refuses a changed payload", async () => {
    const a = await register();
    const connector = await joinConnector((await linkConnector(a)).token);
    const app = await joinApp(a);
    const key = "dedupe-key-0001";
    app.send({ type: "command", key, expiresAt: inSeconds(30), command: placeEurusd() });
    const received = await app.next("received");
    const cmd = await connector.next("command");
    expect(cmd).toMatchObject({ key, orderId: received.orderId, command: placeEurusd() });
    // While pending, a repeat is answered "received" again and not forwarded.
    app.send({ type: "command", key, expiresAt: inSeconds(30), command: placeEurusd() });
    expect((await app.next("received")).orderId).toBe(received.orderId);
    connector.send({
      type: "ack",
      key,
      result: { status: "filled", fillPrice: 1.1001, filledUnits: 10_000, time: 2 },
    });
    const ack = await app.next("ack");
    expect(ack).toMatchObject({
      key,
      orderId: received.orderId,
      replayed: false,
      result: { status: "filled" },
    });
    app.send({ type: "command", key, expiresAt: inSeconds(30), command: placeEurusd() });
    expect(await app.next("ack")).toMatchObject({
      key,
      replayed: true,
      result: { status: "filled", fillPrice: 1.1001 },
    });
    app.send({ type: "command", key, expiresAt: inSeconds(30), command: placeEurusd(20_000) });
    expect(await app.next("error")).toMatchObject({ code: "idempotency_conflict", key });
    // A heartbeat round-trip orders the checks: the connector saw exactly one command.
    connector.send({ type: "heartbeat", time: 3 });
    await connector.next("heartbeat");
    expect(connector.count("command")).toBe(1);
  });

  it("refuses an expired command and never queues one while the connector is away", async () => {
    const a = await register();
    const { token } = await linkConnector(a);
    const app = await joinApp(a);
    app.send({ type: "command", key: "offline-key-01", expiresAt: inSeconds(30), command: placeEurusd() });
    expect(await app.next("error")).toMatchObject({ code: "connector_offline" });
    const connector = await joinConnector(token);
    expect(connector.welcome.unacked).toEqual([]);
    app.send({ type: "command", key: "expired-key-01", expiresAt: Date.now() - 1, command: placeEurusd() });
    expect(await app.next("error")).toMatchObject({ code: "command_expired" });
    connector.send({ type: "heartbeat", time: 3 });
    await connector.next("heartbeat");
    expect(connector.count("command")).toBe(0);
  });
});

describe("orders on the socket spend the trading budget (checklist 18)", () => {
  it("refuses the 31st new order in a minute, still replays a sent key, and the HTTP trading routes share the budget", async () => {
    const a = await register();
    const connector = await joinConnector((await linkConnector(a)).token);
    const app = await joinApp(a);
    // the trading class is 30 a minute per user (checklist 18); 30 new keys go through
    for (let i = 1; i <= 30; i++) {
      const key = `budget-key-${String(i).padStart(4, "0")}`;
      app.send({ type: "command", key, expiresAt: inSeconds(30), command: placeEurusd() });
      expect((await app.next("received")).key).toBe(key);
    }
    app.send({ type: "command", key: "budget-key-0031", expiresAt: inSeconds(30), command: placeEurusd() });
    const refused = await app.next("error");
    expect(refused).toMatchObject({ code: "rate_limited", key: "budget-key-0031" });
    expect(refused.message).toMatch(/limit is 30 per minute for trading\. Try again in \d+ s\./);
    // a key already sent is only answered from storage: no budget needed, nothing forwarded again
    app.send({ type: "command", key: "budget-key-0001", expiresAt: inSeconds(30), command: placeEurusd() });
    expect((await app.next("received")).key).toBe("budget-key-0001");
    connector.send({ type: "heartbeat", time: 3 });
    await connector.next("heartbeat");
    expect(connector.count("command")).toBe(30);
    // the same budget as the HTTP trading API: it is spent there too
    const http = await call("/trading/account", { token: a.accessToken });
    expect(http.status).toBe(429);
    expect(http.json).toMatchObject({ error: { code: "rate_limited" } });
  });
});

describe("presence and reconnects (checklist 23)", () => {
  it("reports online, last seen, broker and version; offline once the connector leaves", async () => {
    const a = await register();
    const before = await call("/connector/status", { token: a.accessToken });
    expect(before.json).toEqual({ online: false, lastSeen: null, broker: null, version: null });
    const linked = await linkConnector(a);
    const connector = await joinConnector(linked.token);
    const status = await call("/connector/status", { token: a.accessToken });
    expect(status.json).toMatchObject({
      online: true,
      broker: { kind: "paper", live: false },
      version: "0.1.0",
      // which connector is online, so a bot made for another one does not trade on it
      connectorId: linked.connectorId,
    });
    expect(status.json.lastSeen).toBeGreaterThan(Date.now() - 60_000);
    const app = await joinApp(a);
    connector.ws.close(1000, "bye");
    expect((await app.next("presence")).presence.online).toBe(false);
    const after = await call("/connector/status", { token: a.accessToken });
    expect(after.json.online).toBe(false);
    expect(after.json.lastSeen).toBe(status.json.lastSeen);
  });

  it("answers a connector about itself with its own token: online, last seen, and whether it is the one online", async () => {
    const a = await register();
    const first = await linkConnector(a, "desk");
    const before = await call("/connector/self", { token: first.token });
    expect(before.json).toEqual({
      connectorId: first.connectorId,
      name: "desk",
      current: true,
      online: false,
      lastSeen: null,
      broker: null,
      version: null,
    });
    const socket = await joinConnector(first.token);
    const online = await call("/connector/self", { token: first.token });
    expect(online.json).toMatchObject({
      current: true,
      online: true,
      version: "0.1.0",
      broker: { kind: "paper" },
    });
    expect(online.json.lastSeen).toBeGreaterThan(Date.now() - 60_000);
    // a second connector of the same user is told the relay sees another one, not itself
    const second = await linkConnector(a, "laptop");
    const other = await call("/connector/self", { token: second.token });
    expect(other.json).toMatchObject({ name: "laptop", current: false, online: false, lastSeen: null });
    socket.ws.close(1000, "bye");
    expect((await call("/connector/self", { token: "fxc_not-a-real-token" })).status).toBe(401);
  });

  it("tells a reconnecting connector which forwarded commands it never acknowledged", async () => {
    const a = await register();
    const { token } = await linkConnector(a);
    const first = await joinConnector(token);
    const app = await joinApp(a);
    app.send({ type: "command", key: "unacked-key-01", expiresAt: inSeconds(30), command: placeEurusd() });
    await first.next("command");
    first.ws.close(1000, "network blip");
    await app.next("presence");
    const second = await joinConnector(token);
    expect(second.welcome.unacked).toEqual(["unacked-key-01"]);
    second.send({
      type: "ack",
      key: "unacked-key-01",
      result: { status: "filled", fillPrice: 1.1, time: 5 },
    });
    expect(await app.next("ack")).toMatchObject({ key: "unacked-key-01", result: { status: "filled" } });
    expect(second.count("command")).toBe(0);
  });

  it("answers a close without a code (1005) with 1000", async () => {
    const a = await register();
    const app = await joinApp(a);
    app.ws.close();
    expect((await app.closed).code).toBe(1000);
  });

  it("keeps working from storage alone after the room object is dropped (hibernation / restart)", async () => {
    const a = await register();
    const connector = await joinConnector((await linkConnector(a)).token);
    const app = await joinApp(a);
    const key = "hibernate-key-1";
    app.send({ type: "command", key, expiresAt: inSeconds(30), command: placeEurusd() });
    const { orderId } = await app.next("received");
    await connector.next("command");
    // Drop every in-memory structure, as eviction after hibernation would.
    await runInDurableObject(
      relayStub(env, a.userId) as unknown as DurableObjectStub<RelayRoom>,
      async (instance: RelayRoom) => {
        (instance as unknown as { logic: unknown }).logic = null;
      },
    );
    connector.send({ type: "ack", key, result: { status: "filled", fillPrice: 1.2, time: 9 } });
    expect(await app.next("ack")).toMatchObject({ key, orderId });
    await runInDurableObject(
      relayStub(env, a.userId) as unknown as DurableObjectStub<RelayRoom>,
      async (instance: RelayRoom) => {
        (instance as unknown as { logic: unknown }).logic = null;
      },
    );
    app.send({ type: "command", key, expiresAt: inSeconds(30), command: placeEurusd() });
    expect(await app.next("ack")).toMatchObject({ key, orderId, replayed: true });
    expect((await call("/connector/status", { token: a.accessToken })).json.online).toBe(true);
    expect(connector.count("command")).toBe(1);
  });
});

describe("closing sockets with 1008 (checklist 22)", () => {
  it("closes the connector's socket when it is revoked, and its token stops working", async () => {
    const a = await register();
    const { connectorId, token } = await linkConnector(a);
    const connector = await joinConnector(token);
    const del = await call(`/connector/connectors/${connectorId}`, {
      method: "DELETE",
      token: a.accessToken,
    });
    expect(del.status).toBe(204);
    expect((await connector.closed).code).toBe(1008);
    expect((await call("/connector/tickets", { method: "POST", token })).status).toBe(401);
  });

  it("closes a session's sockets on logout and every session's on password change", async () => {
    const a = await register();
    const app = await joinApp(a);
    await call("/auth/logout", { method: "POST", token: a.accessToken });
    expect((await app.closed).code).toBe(1008);

    const b = await register();
    const appB = await joinApp(b);
    const change = await call("/auth/password/change", {
      token: b.accessToken,
      body: { currentPassword: b.password, newPassword: "another sturdy passphrase 43" },
    });
    expect(change.status).toBe(200);
    expect((await appB.closed).code).toBe(1008);
  });

  it("closes other sessions' sockets when 2FA is turned off", async () => {
    const a = await registerWith2fa();
    const other = await call("/auth/login", { body: { email: a.email, password: a.password } });
    const second = await call("/auth/login-2fa", {
      body: { challenge: other.json.challenge, code: a.recoveryCodes[0] },
    });
    expect(second.status).toBe(200);
    const otherApp = await joinApp({ ...a, accessToken: second.json.accessToken });
    const mine = await joinApp(a);
    const off = await call("/totp/disable", {
      token: a.accessToken,
      body: { password: a.password, code: a.recoveryCodes[1] },
    });
    expect(off.status).toBe(200);
    expect((await otherApp.closed).code).toBe(1008);
    mine.send({ type: "heartbeat", time: 1 });
    expect(await mine.next("heartbeat")).toBeTruthy();
  });
});

describe("streaming for integrations (API token, role api)", () => {
  it("streams quotes and fills to an API-token socket, which may not send commands", async () => {
    const a = await register();
    const connector = await joinConnector((await linkConnector(a)).token);
    const tok = await call("/tokens", { token: a.accessToken, body: { name: "stream", scopes: ["read"] } });
    const ticket = await call("/relay/tickets", { method: "POST", token: tok.json.token });
    expect(ticket.status).toBe(201);
    const { socket } = await openSocket(ticket.json.url);
    if (!socket) throw new Error("api socket refused");
    socket.send({ type: "hello", software: "my-script", version: "1" });
    expect((await socket.next("welcome")).role).toBe("api");
    connector.send({ type: "quotes", quotes: [{ symbol: "GBPUSD", bid: 1.27, ask: 1.2702, time: 5 }] });
    expect((await socket.next("quotes")).quotes[0].symbol).toBe("GBPUSD");
    socket.send({ type: "command", key: "api-key-000001", expiresAt: inSeconds(30), command: placeEurusd() });
    expect(await socket.next("error")).toMatchObject({ code: "forbidden" });
    await call(`/tokens/${tok.json.info.id}`, { method: "DELETE", token: a.accessToken });
    expect((await socket.closed).code).toBe(1008);
  });
});

describe("identity re-checked from the socket attachment (checklist 22)", () => {
  it("closes with 1008 an app socket whose session ended without notice, on its next command", async () => {
    const a = await register();
    await joinConnector((await linkConnector(a)).token);
    const app = await joinApp(a);
    // Revoke in D1 only, as if the close call to the room had been lost.
    await env.DB.prepare("UPDATE sessions SET revoked_at = ? WHERE user_id = ?")
      .bind(Date.now(), a.userId)
      .run();
    app.send({ type: "command", key: "stale-session-1", expiresAt: inSeconds(30), command: placeEurusd() });
    expect((await app.closed).code).toBe(1008);
  });
});
