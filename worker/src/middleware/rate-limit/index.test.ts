// Rate-limit middleware on the Durable Object backend, in workerd with the real bindings.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hashKey, rateLimit } from "./index.ts";
import { type ErrorJson, rateLimitTestApp } from "./testing.ts";

const app = rateLimitTestApp((routes) => {
  routes.post("/login", rateLimit("auth"), (c) => c.json({ ok: true }));
  routes.post(
    "/forgot",
    rateLimit("auth", {
      key: async (c) =>
        `ip:${c.req.header("CF-Connecting-IP") ?? "local"}:email:${await hashKey((await c.req.json()).email)}`,
    }),
    (c) => c.json({ ok: true }),
  );
  routes.get("/data", rateLimit("data"), (c) => c.json({ ok: true }));
  routes.post("/order", rateLimit("trading"), (c) => c.json({ ok: true }));
});
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

function call(path: string, init: { ip: string; method?: string; body?: unknown; user?: string }) {
  const headers: Record<string, string> = { "CF-Connecting-IP": init.ip, "Content-Type": "application/json" };
  if (init.user) headers["X-Test-User"] = init.user;
  return app.request(
    path,
    { method: init.method ?? "POST", headers, body: init.body ? JSON.stringify(init.body) : undefined },
    env,
  );
}

describe("rateLimit on the Durable Object backend", () => {
  it("refuses the 6th sign-in attempt in a minute with 429, Retry-After and the limit", async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await call("/login", { ip })).status).toBe(200);
    const res = await call("/login", { ip });
    expect(res.status).toBe(429);
    const retryAfter = res.headers.get("Retry-After");
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toBe(
      `Too many requests: the limit is 5 per minute for sign-in. Try again in ${retryAfter} s.`,
    );
  });

  it("keeps separate counts per IP", async () => {
    const a = freshIp();
    const b = freshIp();
    for (let i = 0; i < 5; i++) await call("/login", { ip: a });
    expect((await call("/login", { ip: a })).status).toBe(429);
    expect((await call("/login", { ip: b })).status).toBe(200);
  });

  it("keeps separate counts per email with a custom key", async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      expect((await call("/forgot", { ip, body: { email: "a@example.com" } })).status).toBe(200);
    }
    expect((await call("/forgot", { ip, body: { email: "A@example.com " } })).status).toBe(429);
    expect((await call("/forgot", { ip, body: { email: "b@example.com" } })).status).toBe(200);
  });

  it("keeps classes apart: an exhausted auth limit leaves data and trading alone", async () => {
    const ip = freshIp();
    for (let i = 0; i < 6; i++) await call("/login", { ip });
    expect((await call("/login", { ip })).status).toBe(429);
    expect((await call("/data", { ip, method: "GET" })).status).toBe(200);
    expect((await call("/order", { ip })).status).toBe(200);
  });

  it("limits data at 60 per minute, keyed by user when signed in", async () => {
    const ip = freshIp();
    for (let i = 0; i < 60; i++) {
      expect((await call("/data", { ip, method: "GET", user: "user-1" })).status).toBe(200);
    }
    const res = await call("/data", { ip, method: "GET", user: "user-1" });
    expect(res.status).toBe(429);
    expect(((await res.json()) as ErrorJson).error.message).toContain(
      "the limit is 60 per minute for data requests",
    );
    expect((await call("/data", { ip, method: "GET", user: "user-2" })).status).toBe(200);
  });
});
