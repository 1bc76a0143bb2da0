// Issue 12 item 3 / issue 13 item 8 on the Upstash backend: the same scenarios as the
// Durable Object test (worker/src/middleware/rate-limit/class-scenarios.ts), through the
// real @upstash/ratelimit (data, ml) and the sliding-log script (auth, trading), against a
// real redis-server behind the test Upstash REST server, with the system clock faked
// (@upstash/ratelimit reads Date.now() itself; our adapter reads it too).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Env } from "../../worker/src/env.ts";
import {
  CLASS_TABLE,
  type Clock,
  hourWindow,
  minuteWindow,
  rollingWindows,
  type Send,
  scenarioApp,
} from "../../worker/src/middleware/rate-limit/class-scenarios.ts";
import { type RunningRedis, startRedisServer } from "../support/redis-server.ts";
import { startUpstashRestServer, type UpstashRestServer } from "../support/upstash-rest-server.ts";

let redisServer: RunningRedis;
let rest: UpstashRestServer;
let env: Env;
let run = 0;

beforeAll(async () => {
  redisServer = await startRedisServer();
  rest = await startUpstashRestServer({ redisPort: redisServer.port, token: "classes-token" });
  env = {
    UPSTASH_REDIS_REST_URL: rest.url,
    UPSTASH_REDIS_REST_TOKEN: rest.token,
    RATE_LIMIT_TIMEOUT_MS: "10000",
  } as unknown as Env;
});
afterAll(async () => {
  await rest?.stop();
  await redisServer?.stop();
});
afterEach(() => vi.useRealTimers());

const send: Send = (path, key) =>
  scenarioApp.request(path, { method: "POST", headers: { "CF-Connecting-IP": key } }, env);

function controlledClock(): Clock {
  vi.useFakeTimers({ toFake: ["Date"] });
  return {
    set(ms) {
      vi.setSystemTime(ms);
    },
  };
}

describe("rate-limit classes on the Upstash backend (real redis-server)", () => {
  for (const row of CLASS_TABLE) {
    it(`${row.klass}: ${row.perMinute} per minute, then 429 quoting the minute; room again a minute later`, async () => {
      await minuteWindow(row, send, controlledClock(), `up-min-${row.klass}-${++run}-${process.pid}`);
    });
    it(`${row.klass}: ${row.perHour} per hour, then 429 quoting the hour`, async () => {
      await hourWindow(row, send, controlledClock(), `up-hour-${row.klass}-${++run}-${process.pid}`);
    }, 120_000);
  }

  it("auth and trading never exceed their number in any rolling minute or hour", async () => {
    const clock = controlledClock();
    const auth = await rollingWindows(CLASS_TABLE[0], send, clock, `up-roll-auth-${process.pid}`, {
      minutes: 62,
      stepMs: 1000,
    });
    expect(auth.maxPerMinute).toBe(5);
    expect(auth.maxPerHour).toBe(50);
    const trading = await rollingWindows(CLASS_TABLE[1], send, clock, `up-roll-trading-${process.pid}`, {
      minutes: 20,
      stepMs: 250,
    });
    expect(trading.maxPerMinute).toBe(30);
    expect(trading.maxPerHour).toBe(500);
  }, 300_000);
});
