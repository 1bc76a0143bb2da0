/**
 * Golden tests: the CLI path (main() in-process) must reproduce the reference results of
 * backtesting.py exactly: trade count, bars and sizes equal, money within 1e-9 relative,
 * statistics within 1e-6 relative. The SIM set is committed under test/fixtures/backtest;
 * the EURUSD set is read from ../shared/fixtures/backtest: without it the EURUSD tests are
 * skipped with a loud note, and fail under CI (test/support/shared-fixtures.ts).
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sharedFixtures } from "../../test/support/shared-fixtures.ts";
import { main } from "../main.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SIM_DIR = join(ROOT, "test/fixtures/backtest");
/** ../shared/fixtures/backtest (FOREX_AI_SHARED_FIXTURES overrides): run, skip loudly, or fail under CI. */
const SHARED = sharedFixtures(ROOT);
const SHARED_DIR = SHARED.dir;

interface Fixture {
  config: Record<string, number | boolean>;
  stats: Record<string, number>;
  trades: Record<string, number | string>[];
}

const PARAM_KEYS = new Set(["fast", "slow", "stopLoss", "takeProfit"]);
const FLAG_KEYS: Record<string, string> = {
  cash: "--cash",
  commission: "--commission",
  spread: "--spread",
  margin: "--margin",
};

/** The CLI argv that reproduces a fixture's config. */
function argvFor(csv: string, config: Fixture["config"]): string[] {
  const argv = ["backtest", csv, "--strategy", "sma-cross"];
  for (const [key, value] of Object.entries(config)) {
    if (PARAM_KEYS.has(key)) argv.push("--param", `${key}=${value}`);
    else if (key === "tradeOnClose") {
      if (value) argv.push("--trade-on-close");
    } else if (FLAG_KEYS[key]) argv.push(FLAG_KEYS[key], String(value));
    else throw new Error(`fixture config key ${key} has no CLI flag`);
  }
  argv.push("--json");
  return argv;
}

async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: ROOT });
  return { code, out, err };
}

function relErr(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

async function checkFixture(dir: string, csv: string, name: string): Promise<void> {
  const fixture: Fixture = JSON.parse(readFileSync(join(dir, name), "utf8"));
  const { code, out, err } = await runCli(argvFor(join(dir, csv), fixture.config));
  expect(err).toBe("");
  expect(code).toBe(0);
  const got = JSON.parse(out) as { stats: Record<string, number>; trades: Record<string, number | string>[] };
  expect(got.trades.length).toBe(fixture.trades.length);
  for (const [key, want] of Object.entries(fixture.stats)) {
    expect(typeof got.stats[key], `stats.${key}`).toBe("number");
    expect(relErr(got.stats[key], want), `stats.${key}: ${got.stats[key]} vs ${want}`).toBeLessThanOrEqual(
      1e-6,
    );
  }
  fixture.trades.forEach((want, i) => {
    const have = got.trades[i];
    for (const key of ["size", "entryBar", "exitBar", "entryTime", "exitTime"]) {
      expect(have[key], `trade ${i} ${key}`).toBe(want[key]);
    }
    for (const key of ["entryPrice", "exitPrice", "pnl", "returnPct"]) {
      const e = relErr(have[key] as number, want[key] as number);
      expect(e, `trade ${i} ${key}: ${have[key]} vs ${want[key]}`).toBeLessThanOrEqual(1e-9);
    }
  });
}

describe("backtest golden fixtures (SIM_H1, committed)", () => {
  for (const name of ["sim-sma-10-30.json", "sim-sma-15-40-all.json", "sim-sma-8-21-toc.json"]) {
    it(`reproduces ${name}`, () => checkFixture(SIM_DIR, "SIM_H1.csv", name));
  }
});

if (SHARED.mode === "skip") console.warn(SHARED.message);

describe("backtest golden fixtures (EURUSD_H1, from ../shared)", () => {
  for (const name of [
    "eurusd-sma-10-30.json",
    "eurusd-sma-10-30-costs-margin.json",
    "eurusd-sma-10-30-sltp.json",
  ]) {
    it.skipIf(SHARED.mode === "skip")(`reproduces ${name}`, () => {
      if (SHARED.mode === "fail") throw new Error(SHARED.message);
      return checkFixture(SHARED_DIR, "EURUSD_H1.csv", name);
    });
  }
});

describe("user strategy files", () => {
  it("sma-cross written as a user strategy reproduces sim-sma-10-30.json", async () => {
    const fixture: Fixture = JSON.parse(readFileSync(join(SIM_DIR, "sim-sma-10-30.json"), "utf8"));
    const file = join(SIM_DIR, "sma-cross-user.js");
    const { code, out } = await runCli([
      "backtest",
      join(SIM_DIR, "SIM_H1.csv"),
      "--strategy",
      file,
      "--json",
    ]);
    expect(code).toBe(0);
    const got = JSON.parse(out);
    expect(got.trades.length).toBe(fixture.trades.length);
    expect(relErr(got.stats.sqn, fixture.stats.sqn)).toBeLessThanOrEqual(1e-6);
    expect(got.trades.map((t: { exitBar: number }) => t.exitBar)).toEqual(
      fixture.trades.map((t) => t.exitBar),
    );
  });
});

describe("backtest command", () => {
  it("prints a readable table without --json", async () => {
    const { code, out } = await runCli([
      "backtest",
      join(SIM_DIR, "SIM_H1.csv"),
      "--param",
      "fast=10",
      "--param",
      "slow=30",
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/Trades\s+298/);
    expect(out).toMatch(/SQN\s+2\.148/);
    expect(out).toContain("entry time");
  });

  it("rejects an unknown parameter with a suggestion (exit 2)", async () => {
    const { code, err } = await runCli([
      "backtest",
      join(SIM_DIR, "SIM_H1.csv"),
      "--param",
      "fsat=10",
      "--json",
    ]);
    expect(code).toBe(2);
    expect(err).toContain('Did you mean "fast"?');
  });

  it("rejects an unknown strategy (exit 2)", async () => {
    const { code, err } = await runCli(["backtest", join(SIM_DIR, "SIM_H1.csv"), "--strategy", "sma-crosss"]);
    expect(code).toBe(2);
    expect(err).toContain('Did you mean "sma-cross"?');
  });

  it("runs every built-in strategy with its defaults", async () => {
    for (const id of ["ema-cross", "rsi-reversion", "bollinger-breakout", "macd", "donchian-breakout"]) {
      const { code, out } = await runCli([
        "backtest",
        join(SIM_DIR, "SIM_H1.csv"),
        "--strategy",
        id,
        "--json",
      ]);
      expect(code, id).toBe(0);
      const got = JSON.parse(out);
      expect(got.stats.trades, id).toBeGreaterThan(0);
      expect(got.trades.length, id).toBe(got.stats.trades);
    }
  });
});
