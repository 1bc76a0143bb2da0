/**
 * The local settings page: 127.0.0.1 only, the token on every request, the Host header
 * against DNS rebinding, cross-origin POSTs refused, secrets never echoed back (an empty
 * secret field keeps the stored one), and invalid settings refused naming the field with
 * nothing stored changed.
 */

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig, saveConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { SettingsServer } from "./settings-server.ts";

let dir: string;
let server: SettingsServer;
let base: string;
let saves = 0;
const OANDA_TOKEN = "oanda-secret-token-0123456789abcdef";

/** A raw HTTP request so the Host and Origin headers can be set freely. */
function call(
  path: string,
  options: { method?: string; host?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      {
        host: "127.0.0.1",
        port: url.port,
        path,
        method: options.method ?? "GET",
        headers: {
          Host: options.host ?? `127.0.0.1:${url.port}`,
          ...(body ? { "Content-Type": "application/json" } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => {
          text += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fxc-settings-"));
  await saveConfig(dir, {
    version: 1,
    server: "https://fx.example",
    connectorId: "c1",
    token: "fxc_connector_token_0123456789",
    name: "desk",
    broker: {
      kind: "oanda",
      environment: "practice",
      accountId: "101-004-1234567-001",
      apiToken: OANDA_TOKEN,
      symbols: ["EURUSD"],
      timeoutMs: 10_000,
    },
    settingsPort: 0,
  });
  saves = 0;
  server = new SettingsServer({ dir, port: 0, log: createLogger(() => {}), onSaved: () => saves++ });
  base = await server.start();
});

afterEach(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("settings page", () => {
  it("prints a 127.0.0.1 URL with a random token and checks the token on every request", async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    const token = server.token;
    expect((await call(`/?token=${token}`)).status).toBe(200);
    expect((await call("/")).status).toBe(403);
    expect((await call(`/?token=${token.slice(1)}x`)).status).toBe(403);
    expect((await call("/app.js")).status).toBe(403);
    expect((await call("/api/settings", { headers: { "X-Settings-Token": token } })).status).toBe(200);
  });

  it("refuses a foreign Host header (DNS rebinding) even with the right token", async () => {
    const res = await call(`/?token=${server.token}`, { host: "attacker.example:80" });
    expect(res.status).toBe(421);
    expect((await call(`/?token=${server.token}`, { host: `localhost:${new URL(base).port}` })).status).toBe(
      200,
    );
  });

  it("never sends a secret back, and keeps the stored one when the field is left empty", async () => {
    const headers = { "X-Settings-Token": server.token };
    const view = await call("/api/settings", { headers });
    expect(view.text).not.toContain(OANDA_TOKEN);
    expect(view.text).not.toContain("fxc_connector_token_0123456789");
    expect(JSON.parse(view.text)).toMatchObject({
      broker: { kind: "oanda", apiToken: "" },
      secrets: { oandaApiToken: true },
    });
    const saved = await call("/api/settings", {
      method: "POST",
      headers,
      body: {
        broker: {
          kind: "oanda",
          environment: "live",
          accountId: "101-004-1234567-001",
          apiToken: "",
          symbols: ["EURUSD", "USDJPY"],
        },
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.text).not.toContain(OANDA_TOKEN);
    const config = await loadConfig(dir);
    expect(config?.broker).toMatchObject({
      kind: "oanda",
      environment: "live",
      apiToken: OANDA_TOKEN,
      symbols: ["EURUSD", "USDJPY"],
    });
    expect(saves).toBe(1);
  });

  it("refuses invalid settings naming the field and keeps the stored config", async () => {
    const before = await readFile(join(dir, "config.json"), "utf8");
    const res = await call("/api/settings", {
      method: "POST",
      headers: { "X-Settings-Token": server.token },
      body: {
        broker: { kind: "mt5", port: 80 },
        bot: { enabled: true, strategy: "sma-cross", symbol: "eurusd", units: 0 },
      },
    });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text) as { fields: { path: string }[] };
    expect(body.fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(["broker.port", "bot.symbol", "bot.units"]),
    );
    expect(await readFile(join(dir, "config.json"), "utf8")).toBe(before);
    expect(saves).toBe(0);
  });

  it("refuses a cross-origin POST and sends a strict CSP", async () => {
    const res = await call("/api/settings", {
      method: "POST",
      headers: { "X-Settings-Token": server.token, Origin: "http://evil.example" },
      body: { broker: { kind: "paper" } },
    });
    expect(res.status).toBe(403);
    const page = await new Promise<string>((resolve) => {
      request(`${base}`, (r) => resolve(String(r.headers["content-security-policy"]))).end();
    });
    expect(page).toContain("frame-ancestors 'none'");
    expect(page).toContain("script-src 'self'");
  });
});
