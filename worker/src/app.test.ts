import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("health", () => {
  it("reports version, time and a reachable D1", async () => {
    const res = await SELF.fetch("http://example.com/api/v1/health");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; version: string; time: string; d1: boolean };
    expect(body.status).toBe("ok");
    expect(body.d1).toBe(true);
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Math.abs(Date.parse(body.time) - Date.now())).toBeLessThan(60_000);
    expect(res.headers.get("X-Request-Id")).toBeTruthy();
  });
});

describe("errors", () => {
  it("answers unknown API paths with the JSON error shape", async () => {
    const res = await SELF.fetch("http://example.com/api/v1/nope");
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toContain("/api/v1/docs");
  });
});

describe("openapi", () => {
  it("serves the OpenAPI document with the health route", async () => {
    const res = await SELF.fetch("http://example.com/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/health");
  });

  it("serves the interactive reference from local assets", async () => {
    const res = await SELF.fetch("http://example.com/api/v1/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("/vendor/swagger-ui-dist/swagger-ui-bundle.js");
    expect(html).not.toContain("cdn.jsdelivr.net");
  });
});

describe("static assets", () => {
  it("serves the PWA's index.html at /", async () => {
    const res = await SELF.fetch("http://example.com/");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });

  it("falls back to index.html for client-side routes", async () => {
    const res = await SELF.fetch("http://example.com/backtest");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });

  it("serves the web manifest", async () => {
    const res = await SELF.fetch("http://example.com/manifest.webmanifest");
    expect(res.status).toBe(200);
    const manifest = (await res.json()) as { name: string; icons: unknown[] };
    expect(manifest.name).toBe("Forex AI");
    expect(manifest.icons.length).toBeGreaterThan(0);
  });
});

describe("cors", () => {
  it("allows a configured origin with credentials", async () => {
    const res = await SELF.fetch("http://example.com/api/v1/health", {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:8787", "Access-Control-Request-Method": "PUT" },
    });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("http://localhost:8787");
    expect(res.headers.get("Access-Control-Allow-Credentials")).toBe("true");
  });

  it("does not allow a foreign origin", async () => {
    const res = await SELF.fetch("http://example.com/api/v1/health", {
      headers: { Origin: "https://evil.example" },
    });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("malformed requests", () => {
  it("answers a broken JSON body with 400 and the JSON error shape, not a 500", async () => {
    const res = await SELF.fetch("http://example.com/api/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": "203.0.113.77" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message.length).toBeGreaterThan(0);
  });
});
