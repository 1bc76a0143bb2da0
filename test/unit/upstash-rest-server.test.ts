// The test Upstash REST server speaks the protocol @upstash/redis expects, in front of a
// real redis-server started here (and stopped afterwards).
import { Redis } from "@upstash/redis/cloudflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningRedis, startRedisServer } from "../support/redis-server.ts";
import { startUpstashRestServer, type UpstashRestServer } from "../support/upstash-rest-server.ts";

let redisServer: RunningRedis;
let rest: UpstashRestServer;
let redis: Redis;

beforeAll(async () => {
  redisServer = await startRedisServer();
  rest = await startUpstashRestServer({ redisPort: redisServer.port, token: "test-token" });
  redis = new Redis({ url: rest.url, token: rest.token, retry: false, enableTelemetry: false });
});

afterAll(async () => {
  await rest?.stop();
  await redisServer?.stop();
});

describe("Upstash REST server over a real redis-server", () => {
  it("runs single commands with base64-encoded results", async () => {
    expect(await redis.set("greeting", "héllo wörld")).toBe("OK");
    expect(await redis.get("greeting")).toBe("héllo wörld");
    expect(await redis.incrby("counter", 5)).toBe(5);
    expect(await redis.get("missing")).toBeNull();
  });

  it("answers errors as {error} and refuses a wrong token", async () => {
    await redis.set("text", "abc");
    await expect(redis.incr("text")).rejects.toThrow(/not an integer/);
    const intruder = new Redis({ url: rest.url, token: "wrong", retry: false, enableTelemetry: false });
    await expect(intruder.get("greeting")).rejects.toThrow(/Unauthorized/);
  });

  it("runs pipelines and MULTI/EXEC transactions", async () => {
    const p = redis.pipeline();
    p.set("p1", "a");
    p.incr("p2");
    p.get("p1");
    expect(await p.exec()).toEqual(["OK", 1, "a"]);
    const tx = redis.multi();
    tx.incr("t1");
    tx.incr("t1");
    expect(await tx.exec()).toEqual([1, 2]);
    expect(rest.requests.get("/pipeline")).toBeGreaterThanOrEqual(1);
    expect(rest.requests.get("/multi-exec")).toBeGreaterThanOrEqual(1);
  });

  it("strips the #!lua flags line and maps the client's SHA for EVALSHA", async () => {
    const script = "#!lua flags=allow-key-locking\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])";
    const loaded = redis.createScript<number>(script);
    // First EVALSHA misses (NOSCRIPT), EVAL loads the stripped script; then EVALSHA by the original SHA hits.
    expect(await loaded.exec(["lua-key"], ["2"])).toBe(2);
    expect(await redis.evalsha(loaded.sha1, ["lua-key"], ["3"])).toBe(5);
    const sha = await redis.scriptLoad(script);
    expect(sha).toBe(loaded.sha1);
    expect(await redis.scriptExists(sha)).toEqual([1]);
  });
});
