// The trading API in workerd against a real relay room and a test connector socket:
// idempotency (same key -> same order), 202 pending, 503 offline and not queued, 409 on a
// changed body, reads, cancel/close, the trading rate class, API token scopes, webhooks
// and the live-trading switch (checklist 25, 27, 28).
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, fakeClock, register, registerWith2fa, totpAt } from "../auth/testing.ts";
import { env, joinApp, joinConnector, linkConnector } from "../relay/testing.ts";

// Sockets and Durable Objects are slow on a loaded machine: wait on conditions, longer.
vi.setConfig({ testTimeout: 30_000 });
afterEach(() => vi.restoreAllMocks());

const order = { symbol: "EURUSD", side: "buy", units: 10_000, type: "market" };
const fastEnv = { ...env, RATE_LIMIT_TIMEOUT_MS: "15000", TRADING_ACK_WAIT_MS: "300" };
const slowEnv = { ...env, RATE_LIMIT_TIMEOUT_MS: "15000", TRADING_ACK_WAIT_MS: "10000" };

async function connected() {
  const account = await register();
  const connector = await joinConnector((await linkConnector(account)).token);
  return { account, connector };
}

describe("POST /trading/orders", () => {
  it("answers 503 with a clear message when no connector is online, and queues nothing", async () => {
    const account = await register();
    const { token } = await linkConnector(account);
    const r = await call("/trading/orders", {
      token: account.accessToken,
      headers: { "Idempotency-Key": "offline-0001" },
      body: order,
    });
    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe("connector_offline");
    expect(r.json.error.message).toContain("not queued");
    const connector = await joinConnector(token);
    expect(connector.welcome.unacked).toEqual([]);
    expect(connector.count("command")).toBe(0);
  });

  it("returns the broker's result, and the same order (never a second one) for the same key", async () => {
    const { account, connector } = await connected();
    const headers = { "Idempotency-Key": "http-key-00001" };
    const pending = call("/trading/orders", {
      token: account.accessToken,
      headers,
      body: order,
      env: slowEnv,
    });
    const cmd = await connector.next("command");
    expect(cmd.command).toEqual({ action: "place", order });
    connector.send({
      type: "ack",
      key: cmd.key,
      result: { status: "filled", brokerOrderId: "B-1", fillPrice: 1.1002, filledUnits: 10_000, time: 7 },
    });
    const first = await pending;
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      key: "http-key-00001",
      action: "place",
      result: { status: "filled", fillPrice: 1.1002 },
    });
    const again = await call("/trading/orders", { token: account.accessToken, headers, body: order });
    expect(again.status).toBe(200);
    expect(again.json.orderId).toBe(first.json.orderId);
    const changed = await call("/trading/orders", {
      token: account.accessToken,
      headers,
      body: { ...order, units: 1 },
    });
    expect(changed.status).toBe(409);
    expect(changed.json.error.code).toBe("idempotency_conflict");
    const byId = await call(`/trading/orders/${first.json.orderId}`, { token: account.accessToken });
    expect(byId.json.result.brokerOrderId).toBe("B-1");
    expect(connector.count("command")).toBe(1);
  });

  it("answers 202 pending when the broker is slow; the order settles later", async () => {
    const { account, connector } = await connected();
    const r = await call("/trading/orders", {
      token: account.accessToken,
      headers: { "Idempotency-Key": "slow-key-00001" },
      body: order,
      env: fastEnv,
    });
    expect(r.status).toBe(202);
    expect(r.json.result.status).toBe("pending");
    const cmd = await connector.next("command");
    connector.send({ type: "ack", key: cmd.key, result: { status: "filled", fillPrice: 1.2, time: 8 } });
    connector.send({ type: "heartbeat", time: 9 });
    await connector.next("heartbeat");
    const later = await call(`/trading/orders/${r.json.orderId}`, { token: account.accessToken });
    expect(later.json.result).toMatchObject({ status: "filled", fillPrice: 1.2 });
  });

  it("requires an Idempotency-Key and names bad fields", async () => {
    const { account } = await connected();
    const noKey = await call("/trading/orders", { token: account.accessToken, body: order });
    expect(noKey.status).toBe(400);
    expect(noKey.text).toContain("idempotency-key");
    const bad = await call("/trading/orders", {
      token: account.accessToken,
      headers: { "Idempotency-Key": "bad-body-00001" },
      body: { ...order, type: "limit" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual([
      { path: "price", message: "price is required for limit and stop orders" },
    ]);
  });
});

describe("reads, cancel and close", () => {
  it("serves account, positions and history from the connector's reports, and forwards close and cancel", async () => {
    const { account, connector } = await connected();
    const broker = { kind: "paper", live: false } as const;
    connector.send({
      type: "account",
      account: {
        broker,
        currency: "USD",
        balance: 10_000,
        equity: 10_012,
        marginUsed: 367,
        unrealizedPl: 12,
        time: 1,
      },
    });
    connector.send({
      type: "positions",
      positions: [
        {
          id: "P1",
          symbol: "EURUSD",
          side: "buy",
          units: 10_000,
          openPrice: 1.1,
          openTime: 1,
          unrealizedPl: 12,
        },
      ],
    });
    connector.send({
      type: "fill",
      fill: {
        id: "F1",
        symbol: "EURUSD",
        side: "buy",
        units: 10_000,
        price: 1.1,
        reason: "order",
        realizedPl: 0,
        time: 1,
      },
    });
    connector.send({ type: "heartbeat", time: 2 });
    await connector.next("heartbeat");
    expect((await call("/trading/account", { token: account.accessToken })).json).toMatchObject({
      equity: 10_012,
    });
    expect((await call("/trading/positions", { token: account.accessToken })).json.positions[0].id).toBe(
      "P1",
    );
    expect(
      (await call("/trading/history", { token: account.accessToken })).json.fills.map(
        (f: { id: string }) => f.id,
      ),
    ).toEqual(["F1"]);
    const close = call("/trading/positions/EURUSD/close", {
      method: "POST",
      token: account.accessToken,
      headers: { "Idempotency-Key": "close-key-0001" },
      env: slowEnv,
    });
    const cmd = await connector.next("command");
    expect(cmd.command).toEqual({ action: "close", symbol: "EURUSD" });
    connector.send({
      type: "ack",
      key: cmd.key,
      result: { status: "closed", fillPrice: 1.1012, realizedPl: 12, time: 3 },
    });
    expect((await close).json.result).toMatchObject({ status: "closed", realizedPl: 12 });
    const cancel = call("/trading/orders/B-77", {
      method: "DELETE",
      token: account.accessToken,
      env: slowEnv,
    });
    const cancelCmd = await connector.next("command");
    expect(cancelCmd).toMatchObject({ key: "cancel:B-77", command: { action: "cancel", targetId: "B-77" } });
    connector.send({ type: "ack", key: cancelCmd.key, result: { status: "cancelled", time: 4 } });
    expect((await cancel).json.result.status).toBe("cancelled");
  });

  it("answers 503 for account and positions when offline, but still serves history", async () => {
    const account = await register();
    expect((await call("/trading/account", { token: account.accessToken })).status).toBe(503);
    expect((await call("/trading/positions", { token: account.accessToken })).status).toBe(503);
    expect((await call("/trading/history", { token: account.accessToken })).json).toEqual({ fills: [] });
  });

  it("limits the trading class to 30 requests a minute per user", async () => {
    const account = await register();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await call("/trading/history", { token: account.accessToken })).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    const other = await register();
    expect((await call("/trading/history", { token: other.accessToken })).status).toBe(200);
  });
});

describe("personal API tokens", () => {
  it("are shown once, hashed at rest, scoped (read vs trade) and revocable", async () => {
    const { account, connector } = await connected();
    const readTok = await call("/tokens", {
      token: account.accessToken,
      body: { name: "dashboard", scopes: ["read"] },
    });
    expect(readTok.status).toBe(201);
    expect(readTok.json.token).toMatch(/^fxa_/);
    const list = await call("/tokens", { token: account.accessToken });
    expect(list.json.tokens).toHaveLength(1);
    expect(list.text).not.toContain(readTok.json.token);
    const stored = await env.DB.prepare("SELECT token_hash FROM api_tokens WHERE id = ?")
      .bind(readTok.json.info.id)
      .first<{ token_hash: string }>();
    expect(stored?.token_hash).not.toContain(readTok.json.token.slice(4));
    expect((await call("/trading/history", { token: readTok.json.token })).status).toBe(200);
    const refused = await call("/trading/orders", {
      token: readTok.json.token,
      headers: { "Idempotency-Key": "tok-key-000001" },
      body: order,
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("insufficient_scope");
    const tradeTok = await call("/tokens", {
      token: account.accessToken,
      body: { name: "bot", scopes: ["trade"] },
    });
    const placed = call("/trading/orders", {
      token: tradeTok.json.token,
      headers: { "Idempotency-Key": "tok-key-000002" },
      body: order,
      env: slowEnv,
    });
    const cmd = await connector.next("command");
    connector.send({ type: "ack", key: cmd.key, result: { status: "filled", fillPrice: 1.1, time: 1 } });
    expect((await placed).status).toBe(201);
    expect(
      (await call(`/tokens/${readTok.json.info.id}`, { method: "DELETE", token: account.accessToken }))
        .status,
    ).toBe(204);
    expect((await call("/trading/history", { token: readTok.json.token })).status).toBe(401);
  });
});

describe("webhooks in", () => {
  it("turns a TradingView alert into one order per alert id", async () => {
    const { account, connector } = await connected();
    const hook = await call("/connector/webhooks", {
      token: account.accessToken,
      body: { name: "TradingView" },
    });
    expect(hook.status).toBe(201);
    const path = new URL(hook.json.url).pathname.replace("/api/v1", "");
    const alert = {
      id: "tv-1",
      symbol: "OANDA:EURUSD",
      side: "BUY",
      units: 5000,
      stopLoss: 1.09,
      takeProfit: 1.12,
    };
    const first = call(path, { body: alert, env: slowEnv });
    const cmd = await connector.next("command");
    expect(cmd.command).toEqual({
      action: "place",
      order: { symbol: "EURUSD", side: "buy", units: 5000, type: "market", stopLoss: 1.09, takeProfit: 1.12 },
    });
    connector.send({ type: "ack", key: cmd.key, result: { status: "filled", fillPrice: 1.1, time: 1 } });
    expect((await first).status).toBe(201);
    const repeat = await call(path, { body: alert });
    expect(repeat.status).toBe(200);
    expect(repeat.json.orderId).toBe((await first).json.orderId);
    expect(connector.count("command")).toBe(1);
    expect((await call("/hooks/fxh_unknown", { body: alert })).status).toBe(401);
    const noSize = await call(path, { body: { symbol: "EURUSD", side: "buy" } });
    expect(noSize.status).toBe(400);
    expect(noSize.text).toContain("give units, or riskPercent with a stopLoss");
  });

  it("sizes by risk % from the connector's equity and quote (hand-computed: 1% of 10,000 over 50 pips = 20,000 units)", async () => {
    const { account, connector } = await connected();
    const hook = await call("/connector/webhooks", { token: account.accessToken, body: { name: "risk" } });
    const path = new URL(hook.json.url).pathname.replace("/api/v1", "");
    connector.send({
      type: "account",
      account: {
        broker: { kind: "paper", live: false },
        currency: "USD",
        balance: 10_000,
        equity: 10_000,
        marginUsed: 0,
        unrealizedPl: 0,
        time: 1,
      },
    });
    connector.send({ type: "quotes", quotes: [{ symbol: "EURUSD", bid: 1.0998, ask: 1.1, time: 1 }] });
    connector.send({ type: "heartbeat", time: 2 });
    await connector.next("heartbeat");
    // USD account, EURUSD pip = 0.0001 -> $10 per pip per 100,000 units; $100 risk / 50 pips = $2/pip = 20,000 units.
    const placed = call(path, {
      body: { symbol: "EURUSD", side: "buy", riskPercent: 1, stopLoss: 1.095 },
      env: fastEnv,
    });
    const cmd = await connector.next("command");
    expect(cmd.command).toMatchObject({ action: "place", order: { units: 20_000, stopLoss: 1.095 } });
    expect((await placed).status).toBe(202);
  });
});

describe("live trading switch (checklist 28)", () => {
  it("refuses commands to a live broker until turned on with a fresh 2FA code", async () => {
    const account = await registerWith2fa();
    const connector = await joinConnector((await linkConnector(account)).token, {
      kind: "oanda",
      live: true,
    });
    const app = await joinApp(account);
    app.send({
      type: "command",
      key: "live-key-00001",
      expiresAt: Date.now() + 30_000,
      command: { action: "place", order } as never,
    });
    expect((await app.next("error")).message).toContain("live trading is off");
    const clock = fakeClock();
    clock.advance(30_000); // the next TOTP step: registration consumed the current one
    const noCode = await call("/connector/live-trading", {
      method: "PUT",
      token: account.accessToken,
      body: { enabled: true },
    });
    expect(noCode.status).toBe(403);
    expect(noCode.json.error.code).toBe("second_factor_required");
    const recovery = await call("/connector/live-trading", {
      method: "PUT",
      token: account.accessToken,
      body: { enabled: true, code: account.recoveryCodes[0] },
    });
    expect(recovery.status).toBe(403);
    const on = await call("/connector/live-trading", {
      method: "PUT",
      token: account.accessToken,
      body: { enabled: true, code: await totpAt(account.secret, clock.now()) },
    });
    expect(on.status).toBe(200);
    expect(on.json).toEqual({ enabled: true, twoFactorRequired: true });
    app.send({
      type: "command",
      key: "live-key-00002",
      expiresAt: Date.now() + 30_000,
      command: { action: "place", order } as never,
    });
    expect((await connector.next("command")).key).toBe("live-key-00002");
  });
});

describe("pairing", () => {
  it("uses a code once, lists, renames and revokes connectors, and keeps only the token's hash", async () => {
    const account = await register();
    const pairing = await call("/connector/pairings", { method: "POST", token: account.accessToken });
    expect(pairing.json.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const link = await call("/connector/link", {
      body: { code: pairing.json.code.toLowerCase().replace("-", ""), name: "box" },
    });
    expect(link.status).toBe(201);
    const reuse = await call("/connector/link", { body: { code: pairing.json.code } });
    expect(reuse.status).toBe(400);
    expect(reuse.json.error.code).toBe("invalid_pairing_code");
    const row = await env.DB.prepare("SELECT token_hash FROM connectors WHERE id = ?")
      .bind(link.json.connectorId)
      .first<{ token_hash: string }>();
    expect(row?.token_hash).toBeTruthy();
    expect(row?.token_hash).not.toBe(link.json.token);
    const renamed = await call(`/connector/connectors/${link.json.connectorId}`, {
      method: "PATCH",
      token: account.accessToken,
      body: { name: "desk" },
    });
    expect(renamed.status).toBe(204);
    expect(
      (await call("/connector/connectors", { token: account.accessToken })).json.connectors[0].name,
    ).toBe("desk");
    const other = await register();
    expect(
      (
        await call(`/connector/connectors/${link.json.connectorId}`, {
          method: "DELETE",
          token: other.accessToken,
        })
      ).status,
    ).toBe(404);
  });
});

describe("OpenAPI reference", () => {
  it("documents the trading, connector, token and webhook calls", async () => {
    const doc = await call("/openapi.json");
    expect(doc.status).toBe(200);
    for (const path of [
      "/trading/orders",
      "/trading/orders/{id}",
      "/trading/positions/{symbol}/close",
      "/trading/account",
      "/trading/history",
      "/connector/pairings",
      "/connector/link",
      "/connector/status",
      "/relay/tickets",
      "/tokens",
      "/hooks/{token}",
    ]) {
      expect(Object.keys(doc.json.paths)).toContain(path);
    }
  });
});
