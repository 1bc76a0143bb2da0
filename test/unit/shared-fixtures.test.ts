/**
 * The gate of the tests that need ../shared: run when the fixtures exist, skip loudly
 * outside CI, fail under CI (so a CI run never passes without its goldens).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedFixtureMode, sharedFixtures } from "../support/shared-fixtures.ts";

describe("shared fixtures gate", () => {
  it("decides run / skip / fail from presence and CI", () => {
    expect(sharedFixtureMode(true, "true")).toBe("run");
    expect(sharedFixtureMode(true, undefined)).toBe("run");
    expect(sharedFixtureMode(false, "true")).toBe("fail");
    expect(sharedFixtureMode(false, "1")).toBe("fail");
    expect(sharedFixtureMode(false, undefined)).toBe("skip");
    expect(sharedFixtureMode(false, "false")).toBe("skip");
    expect(sharedFixtureMode(false, "0")).toBe("skip");
  });

  it("reads FOREX_AI_SHARED_FIXTURES and says what is missing", () => {
    const empty = mkdtempSync(join(tmpdir(), "fx-shared-"));
    const ci = sharedFixtures("/nowhere", "EURUSD_H1.csv", { FOREX_AI_SHARED_FIXTURES: empty, CI: "true" });
    expect(ci.mode).toBe("fail");
    expect(ci.message).toContain(join(empty, "EURUSD_H1.csv"));
    const local = sharedFixtures("/nowhere", "EURUSD_H1.csv", { FOREX_AI_SHARED_FIXTURES: empty });
    expect(local.mode).toBe("skip");
    expect(local.message).toMatch(/SKIPPED: .* do NOT run/);
    writeFileSync(join(empty, "EURUSD_H1.csv"), "Time,Open,High,Low,Close\n");
    expect(
      sharedFixtures("/nowhere", "EURUSD_H1.csv", { FOREX_AI_SHARED_FIXTURES: empty, CI: "true" }).mode,
    ).toBe("run");
  });
});
