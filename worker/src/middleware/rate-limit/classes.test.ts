// Issue 12 item 3 / issue 13 item 8 on the Durable Object backend (workerd, real DO):
// every class, both windows, the RateLimit fields, through the Worker's error handler,
// with the limiter's clock under test control. The Upstash twin is
// test/unit/upstash-ratelimit-classes.test.ts (same scenarios from class-scenarios.ts).
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { rateLimitClock } from "../../services/ratelimit/clock.ts";
import {
  CLASS_TABLE,
  type Clock,
  hourWindow,
  minuteWindow,
  rollingWindows,
  type Send,
  scenarioApp,
} from "./class-scenarios.ts";

const testEnv = { ...env, RATE_LIMIT_TIMEOUT_MS: "15000" };
let run = 0;
const send: Send = (path, key) =>
  scenarioApp.request(path, { method: "POST", headers: { "CF-Connecting-IP": key } }, testEnv);

function controlledClock(): Clock {
  let now = Date.now();
  vi.spyOn(rateLimitClock, "now").mockImplementation(() => now);
  return {
    set(ms) {
      now = ms;
    },
  };
}

afterEach(() => vi.restoreAllMocks());

describe("rate-limit classes on the Durable Object backend", () => {
  for (const row of CLASS_TABLE) {
    it(`${row.klass}: ${row.perMinute} per minute, then 429 quoting the minute; room again a minute later`, async () => {
      await minuteWindow(row, send, controlledClock(), `do-min-${row.klass}-${++run}-${Date.now()}`);
    });
    it(`${row.klass}: ${row.perHour} per hour, then 429 quoting the hour`, async () => {
      await hourWindow(row, send, controlledClock(), `do-hour-${row.klass}-${++run}-${Date.now()}`);
    }, 120_000);
  }

  it("auth and trading never exceed their number in any rolling minute or hour", async () => {
    const clock = controlledClock();
    const auth = await rollingWindows(CLASS_TABLE[0], send, clock, `do-roll-auth-${Date.now()}`, {
      minutes: 62,
      stepMs: 1000,
    });
    expect(auth.maxPerMinute).toBe(5);
    expect(auth.maxPerHour).toBe(50);
    const trading = await rollingWindows(CLASS_TABLE[1], send, clock, `do-roll-trading-${Date.now()}`, {
      minutes: 20,
      stepMs: 250,
    });
    expect(trading.maxPerMinute).toBe(30);
    expect(trading.maxPerHour).toBe(500);
  }, 300_000);
});
