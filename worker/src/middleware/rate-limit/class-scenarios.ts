/**
 * The rate-limit scenarios both backends must pass (imported only by tests: the Durable
 * Object one in workerd, the Upstash one in Node against a real redis-server). One table
 * of every class and both windows, written from the product's numbers (issue 12 item 3:
 * auth 5/min 50/h, trading 30/500, data 60/1000, ml 10/100) rather than read from the
 * code, so a changed limit fails; and a rolling-window check for the exact classes.
 * Each call goes through the Worker's real error handler (testing.ts mounts it).
 */
import { expect } from "vitest";
import { rateLimit } from "./index.ts";
import { rateLimitTestApp } from "./testing.ts";

export interface ClassRow {
  klass: "auth" | "trading" | "data" | "ml";
  path: string;
  perMinute: number;
  perHour: number;
  /** Words the 429 message uses for the class. */
  what: string;
}

/** The reference: issue 12 item 3 and docs/security.md item 18. */
export const CLASS_TABLE: readonly ClassRow[] = [
  { klass: "auth", path: "/auth", perMinute: 5, perHour: 50, what: "sign-in" },
  { klass: "trading", path: "/trading", perMinute: 30, perHour: 500, what: "trading" },
  { klass: "data", path: "/data", perMinute: 60, perHour: 1000, what: "data requests" },
  { klass: "ml", path: "/ml", perMinute: 10, perHour: 100, what: "AI requests" },
];

export const scenarioApp = rateLimitTestApp((routes) => {
  for (const row of CLASS_TABLE) routes.post(row.path, rateLimit(row.klass), (c) => c.json({ ok: true }));
});

export interface Clock {
  set(ms: number): void;
}

export type Send = (path: string, key: string) => Response | Promise<Response>;

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** A whole hour, so the approximate windows of data and ml start empty (reference = plain count). */
export const START = Date.UTC(2030, 0, 1, 10, 0, 0);

async function expectAllowed(res: Response, limit: number, remaining: number): Promise<void> {
  expect(res.status).toBe(200);
  expect(res.headers.get("RateLimit-Limit")).toBe(String(limit));
  expect(res.headers.get("RateLimit-Remaining")).toBe(String(remaining));
  expect(Number(res.headers.get("RateLimit-Reset"))).toBeGreaterThanOrEqual(1);
}

async function expectRefused(res: Response, row: ClassRow, limit: number, per: "minute" | "hour") {
  expect(res.status).toBe(429);
  const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
  const retryAfter = Number(res.headers.get("Retry-After"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(per === "minute" ? 60 : 3600);
  expect(body.error).toEqual({
    code: "rate_limited",
    message: `Too many requests: the limit is ${limit} per ${per} for ${row.what}. Try again in ${retryAfter} s.`,
    requestId: "test-request",
  });
  expect(res.headers.get("RateLimit-Limit")).toBe(String(limit));
  expect(res.headers.get("RateLimit-Remaining")).toBe("0");
  expect(res.headers.get("RateLimit-Policy")).toBe(`${row.perMinute};w=60, ${row.perHour};w=3600`);
}

/** perMinute pass, the next is refused quoting the minute; a minute later it passes again. */
export async function minuteWindow(row: ClassRow, send: Send, clock: Clock, key: string): Promise<void> {
  for (let i = 0; i < row.perMinute; i++) {
    clock.set(START + 1000 + i * 10);
    await expectAllowed(await send(row.path, key), row.perMinute, row.perMinute - 1 - i);
  }
  clock.set(START + 1000 + row.perMinute * 10);
  await expectRefused(await send(row.path, key), row, row.perMinute, "minute");
  clock.set(START + 1000 + 2 * MINUTE);
  expect((await send(row.path, key)).status).toBe(200);
}

/** perHour pass in bursts two minutes apart (never the minute limit); the next is refused quoting the hour. */
export async function hourWindow(row: ClassRow, send: Send, clock: Clock, key: string): Promise<void> {
  let sent = 0;
  for (let burst = 0; sent < row.perHour; burst++) {
    const size = Math.min(row.perMinute, row.perHour - sent);
    for (let i = 0; i < size; i++) {
      clock.set(START + 1000 + burst * 2 * MINUTE + i * 10);
      const res = await send(row.path, key);
      expect(res.status, `request ${sent + 1} of ${row.perHour} in the hour`).toBe(200);
      sent++;
    }
  }
  const last = START + 1000 + Math.ceil(row.perHour / row.perMinute) * 2 * MINUTE;
  expect(last).toBeLessThan(START + HOUR);
  clock.set(last);
  await expectRefused(await send(row.path, key), row, row.perHour, "hour");
}

/**
 * Bursts around every minute boundary (where the sliding-window approximation let 6 through
 * for 5); then, from the accepted times, the most in any rolling minute and hour.
 */
export async function rollingWindows(
  row: ClassRow,
  send: Send,
  clock: Clock,
  key: string,
  opts: { minutes: number; stepMs: number },
): Promise<{ maxPerMinute: number; maxPerHour: number; accepted: number }> {
  const accepted: number[] = [];
  for (let m = 0; m < opts.minutes; m++) {
    for (let t = 50_000; t < 70_000; t += opts.stepMs) {
      const now = START + m * MINUTE + t;
      clock.set(now);
      const res = await send(row.path, key);
      if (res.status === 200) accepted.push(now);
      else expect(res.status).toBe(429);
    }
  }
  const maxIn = (windowMs: number) => {
    let max = 0;
    let lo = 0;
    for (let hi = 0; hi < accepted.length; hi++) {
      while (accepted[lo] <= accepted[hi] - windowMs) lo++;
      max = Math.max(max, hi - lo + 1);
    }
    return max;
  };
  return { maxPerMinute: maxIn(MINUTE), maxPerHour: maxIn(HOUR), accepted: accepted.length };
}
