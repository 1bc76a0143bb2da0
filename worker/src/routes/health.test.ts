// The health route's D1 probe, in workerd against the real local D1 (wrapped to count queries).
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { D1_PROBE_TTL_MS, probeD1 } from "./health.ts";

/** The real D1 binding with a count of prepare() calls; `failFrom` makes later calls throw. */
function countingDb(failFrom = Number.POSITIVE_INFINITY): { db: D1Database; calls: () => number } {
  let calls = 0;
  const db = {
    prepare(sql: string) {
      calls++;
      if (calls >= failFrom) throw new Error("D1 is down");
      return env.DB.prepare(sql);
    },
  } as unknown as D1Database;
  return { db, calls: () => calls };
}

describe("probeD1", () => {
  it("queries D1 once, then reuses the success until the TTL has passed", async () => {
    const { db, calls } = countingDb();
    const t0 = 1_000_000;
    expect(await probeD1(db, t0)).toBe(true);
    expect(await probeD1(db, t0 + 1)).toBe(true);
    expect(await probeD1(db, t0 + D1_PROBE_TTL_MS - 1)).toBe(true);
    expect(calls()).toBe(1);
    expect(await probeD1(db, t0 + D1_PROBE_TTL_MS)).toBe(true);
    expect(calls()).toBe(2);
  });

  it("never reuses a failure: each check asks D1 again", async () => {
    const { db, calls } = countingDb(1);
    expect(await probeD1(db, 5_000)).toBe(false);
    expect(await probeD1(db, 5_001)).toBe(false);
    expect(calls()).toBe(2);
  });

  it("reports D1 down once the last success is older than the TTL", async () => {
    const { db, calls } = countingDb(2);
    expect(await probeD1(db, 9_000)).toBe(true);
    expect(await probeD1(db, 9_000 + D1_PROBE_TTL_MS)).toBe(false);
    expect(await probeD1(db, 9_001 + D1_PROBE_TTL_MS)).toBe(false);
    expect(calls()).toBe(3);
  });

  it("keeps one cache per D1 binding", async () => {
    const a = countingDb();
    const b = countingDb();
    expect(await probeD1(a.db, 0)).toBe(true);
    expect(await probeD1(b.db, 1)).toBe(true);
    expect(a.calls() + b.calls()).toBe(2);
  });
});
