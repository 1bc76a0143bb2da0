// The Upstash rate-limit backend: the real @upstash/ratelimit through our adapter and the
// rate-limit middleware, against a real redis-server behind the test Upstash REST server;
// then a hanging and a failing Redis (checklist 19: auth and trading fail closed, data open).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Env } from "../../worker/src/env.ts";
import { rateLimit } from "../../worker/src/middleware/rate-limit/index.ts";
import { type ErrorJson, rateLimitTestApp } from "../../worker/src/middleware/rate-limit/testing.ts";
import { upstashStore } from "../../worker/src/services/ratelimit/upstash.ts";
import {
  type HangingServer,
  type RunningRedis,
  startHangingServer,
  startRedisServer,
} from "../support/redis-server.ts";
import { RespClient } from "../support/resp-client.ts";
import { startUpstashRestServer, type UpstashRestServer } from "../support/upstash-rest-server.ts";

const app = rateLimitTestApp((routes) => {
  routes.post("/login", rateLimit("auth"), (c) => c.json({ ok: true }));
  routes.post("/order", rateLimit("trading"), (c) => c.json({ ok: true }));
  routes.get("/data", rateLimit("data"), (c) => c.json({ ok: true }));
  routes.get("/ml", rateLimit("ml"), (c) => c.json({ ok: true }));
});
const envFor = (rest: { url: string; token: string }) =>
  ({ UPSTASH_REDIS_REST_URL: rest.url, UPSTASH_REDIS_REST_TOKEN: rest.token }) as unknown as Env;
let ipCounter = 0;
const call = (env: Env, path: string, ip = `198.51.100.${++ipCounter}`) =>
  app.request(
    path,
    { method: path === "/data" || path === "/ml" ? "GET" : "POST", headers: { "CF-Connecting-IP": ip } },
    env,
  );

describe("Upstash backend against a real redis-server", () => {
  let redisServer: RunningRedis;
  let rest: UpstashRestServer;
  beforeAll(async () => {
    redisServer = await startRedisServer();
    rest = await startUpstashRestServer({ redisPort: redisServer.port, token: "rl-token" });
  });
  afterAll(async () => {
    await rest?.stop();
    await redisServer?.stop();
  });

  it("counts with @upstash/ratelimit and refuses past the limit with a retry time", async () => {
    const store = upstashStore({ url: rest.url, token: rest.token, timeoutMs: 2000, prefix: "store-test" });
    const rules = [{ limit: 3, windowMs: 60_000, label: "minute" }];
    for (let i = 0; i < 3; i++) {
      const d = await store.limit("k1", rules);
      expect(d.success).toBe(true);
      expect(d.quota).toMatchObject({ limit: 3, remaining: 2 - i });
    }
    const denied = await store.limit("k1", rules);
    expect(denied.success).toBe(false);
    if (!denied.success) {
      expect(denied.retryAfterMs).toBeGreaterThanOrEqual(1);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(denied.rule.limit).toBe(3);
    }
    expect((await store.limit("k2", rules)).success).toBe(true);
    expect(rest.requests.get("/pipeline")).toBeGreaterThan(0); // auto-pipelined EVALSHA/EVAL
    const direct = await RespClient.connect(redisServer.port);
    const [keys] = await direct.send([["KEYS", "store-test:*"]]);
    direct.close();
    expect((keys as Buffer[]).map(String).some((k) => k.startsWith("store-test:minute:k1:"))).toBe(true);
  });

  it("applies the hour window when the minute window still has room", async () => {
    const store = upstashStore({ url: rest.url, token: rest.token, timeoutMs: 2000, prefix: "hour-test" });
    const rules = [
      { limit: 5, windowMs: 60_000, label: "minute" },
      { limit: 2, windowMs: 3_600_000, label: "hour" },
    ];
    await store.limit("h", rules);
    await store.limit("h", rules);
    const denied = await store.limit("h", rules);
    expect(denied.success).toBe(false);
    if (!denied.success) expect(denied.rule.label).toBe("hour");
  });

  it("answers the 6th sign-in in a minute with 429, Retry-After and the limit", async () => {
    const env = envFor(rest);
    const ip = "192.0.2.10";
    for (let i = 0; i < 5; i++) expect((await call(env, "/login", ip)).status).toBe(200);
    const res = await call(env, "/login", ip);
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    const body = (await res.json()) as ErrorJson;
    expect(body.error).toEqual({
      code: "rate_limited",
      message: `Too many requests: the limit is 5 per minute for sign-in. Try again in ${retryAfter} s.`,
      requestId: "test-request",
    });
    expect((await call(env, "/login", "192.0.2.11")).status).toBe(200);
  });
});

describe("Upstash backend when Redis hangs", () => {
  let hanging: HangingServer;
  let rest: UpstashRestServer;
  beforeAll(async () => {
    hanging = await startHangingServer();
    rest = await startUpstashRestServer({ redisPort: hanging.port, token: "rl-token" });
  });
  afterAll(async () => {
    await rest?.stop();
    await hanging?.stop();
  });

  it("adapter reports @upstash/ratelimit's timeout as unavailable instead of success", async () => {
    const store = upstashStore({ url: rest.url, token: rest.token, timeoutMs: 200 });
    await expect(store.limit("x", [{ limit: 5, windowMs: 60_000, label: "minute" }])).rejects.toThrow(
      /redis timeout/,
    );
  });

  it("fails closed for auth and trading within the short timeout (503)", async () => {
    const env = envFor(rest);
    for (const path of ["/login", "/order"]) {
      const started = Date.now();
      const res = await call(env, path);
      expect(res.status).toBe(503);
      expect(((await res.json()) as ErrorJson).error.code).toBe("rate_limiter_unavailable");
      expect(Date.now() - started).toBeLessThan(3000); // default store timeout is 1 s
    }
  });

  it("fails open for data and ml, and logs it", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const env = envFor(rest);
      expect((await call(env, "/data")).status).toBe(200);
      expect((await call(env, "/ml")).status).toBe(200);
      const logged = warn.mock.calls.map((args) => String(args[0]));
      expect(
        logged.some((l) => l.includes('"rate_limiter_unavailable"') && l.includes('"class":"data"')),
      ).toBe(true);
      expect(logged.some((l) => l.includes('"outcome":"allowed"') && l.includes('"class":"ml"'))).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("Upstash backend when Redis errors", () => {
  let redisServer: RunningRedis;
  let rest: UpstashRestServer;
  beforeAll(async () => {
    redisServer = await startRedisServer();
    rest = await startUpstashRestServer({ redisPort: redisServer.port, token: "rl-token" });
    await redisServer.stop(); // the REST server now gets connection errors from Redis
  });
  afterAll(async () => {
    await rest?.stop();
  });

  it("adapter turns the thrown error into unavailable", async () => {
    const store = upstashStore({ url: rest.url, token: rest.token, timeoutMs: 2000 });
    await expect(store.limit("x", [{ limit: 5, windowMs: 60_000, label: "minute" }])).rejects.toThrow(
      /redis error/,
    );
  });

  it("refuses auth and trading with 503 and lets data through with a log line", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const env = envFor(rest);
      expect((await call(env, "/login")).status).toBe(503);
      expect((await call(env, "/order")).status).toBe(503);
      expect((await call(env, "/data")).status).toBe(200);
      expect(error.mock.calls.some((args) => String(args[0]).includes('"outcome":"refused"'))).toBe(true);
      expect(warn.mock.calls.some((args) => String(args[0]).includes('"reason":"redis error"'))).toBe(true);
    } finally {
      error.mockRestore();
      warn.mockRestore();
    }
  });

  it("also fails closed when the REST endpoint itself is unreachable", async () => {
    const env = envFor({ url: "http://127.0.0.1:9", token: "x" });
    expect((await call(env, "/login")).status).toBe(503);
  });
});
