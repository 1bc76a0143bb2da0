/**
 * `forex-ai walk-forward`: windows as core/backtest/walk-forward.ts lays them out, each
 * window's best parameters checked against an independent search (every grid point run
 * with runBacktest on the in-sample bars, best SQN kept), the stitched return checked as
 * the product of the windows' returns, anchored windows, the look-ahead warning for a user
 * file, and clear usage errors.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runBacktest } from "../../core/backtest/engine.ts";
import type { Bars } from "../../core/backtest/types.ts";
import { loadBarsCsv } from "../csv-load.ts";
import { main } from "../main.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SIM = join(ROOT, "test/fixtures/backtest/SIM_H1.csv");
const PEEK = join(ROOT, "test/fixtures/backtest/peek-init-user.js");

async function runCli(argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: ROOT });
  return { code, out, err };
}

function slice(bars: Bars, start: number, end: number): Bars {
  const out = {} as Record<string, Float64Array>;
  for (const [k, v] of Object.entries(bars)) if (v instanceof Float64Array) out[k] = v.subarray(start, end);
  return out as unknown as Bars;
}

const ARGS = [
  "--in-sample",
  "2000",
  "--out-of-sample",
  "1500",
  "--range",
  "fast=5:20:5",
  "--range",
  "slow=20:60:20",
];

interface Window {
  inSample: { start: number; end: number; from: string };
  outOfSample: { start: number; end: number; from: string; to: string };
  params: { fast: number; slow: number };
  inSampleScore: number;
  outOfSampleStats: { returnPct: number; trades: number };
}

describe("walk-forward command", () => {
  it("rolling windows: best in-sample parameters per window, stitched out-of-sample stats", async () => {
    const { code, out, err } = await runCli(["walk-forward", SIM, ...ARGS, "--json"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const r = JSON.parse(out) as { windows: Window[]; stats: { returnPct: number; trades: number } };
    // 8000 bars, IS 2000, OOS 1500: test windows start at 2000, 3500, 5000, 6500 (the last ends at 8000).
    expect(
      r.windows.map((w) => [w.inSample.start, w.inSample.end, w.outOfSample.start, w.outOfSample.end]),
    ).toEqual([
      [0, 2000, 2000, 3500],
      [1500, 3500, 3500, 5000],
      [3000, 5000, 5000, 6500],
      [4500, 6500, 6500, 8000],
    ]);
    // Independent search: every grid point with fast < slow, on the in-sample bars only.
    const bars = await loadBarsCsv(ROOT, SIM);
    for (const w of r.windows) {
      let best = { score: Number.NEGATIVE_INFINITY, fast: 0, slow: 0 };
      for (const fast of [5, 10, 15, 20])
        for (const slow of [20, 40, 60]) {
          if (fast >= slow) continue;
          const s = runBacktest({
            bars: slice(bars, w.inSample.start, w.inSample.end),
            strategy: "sma-cross",
            params: { fast, slow },
          }).stats.sqn;
          if (s > best.score) best = { score: s, fast, slow };
        }
      expect({ fast: w.params.fast, slow: w.params.slow }).toEqual({ fast: best.fast, slow: best.slow });
      expect(w.inSampleScore).toBeCloseTo(best.score, 12);
    }
    // Each window starts from the previous one's end: compounded returns give the total.
    const compounded = r.windows.reduce((acc, w) => acc * (1 + w.outOfSampleStats.returnPct / 100), 1);
    expect(r.stats.returnPct).toBeCloseTo((compounded - 1) * 100, 8);
    expect(r.stats.trades).toBe(r.windows.reduce((n, w) => n + w.outOfSampleStats.trades, 0));
    expect(r.windows[0].outOfSample.from).toBe(new Date(bars.time[2000]).toISOString().slice(0, 19));
  }, 60_000);

  it("--anchored: every in-sample window starts at the first bar; the text report lists the windows", async () => {
    const { code, out } = await runCli([
      "walk-forward",
      SIM,
      ...ARGS,
      "--anchored",
      "--objective",
      "returnPct",
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(
      /^walk-forward of sma-cross on .*SIM_H1\.csv: 4 windows \(anchored, in-sample 2000 bars, out-of-sample 1500 bars\)/,
    );
    expect(out).toContain("stitched out-of-sample");
    const json = JSON.parse((await runCli(["walk-forward", SIM, ...ARGS, "--anchored", "--json"])).out);
    expect(json.windows.map((w: Window) => w.inSample.start)).toEqual([0, 0, 0, 0]);
    expect(json.windows.map((w: Window) => w.inSample.end)).toEqual([2000, 3500, 5000, 6500]);
  }, 60_000);

  it("a user strategy with look-ahead in init is walked but carries the warning", async () => {
    const args = ["walk-forward", SIM, "--strategy", PEEK, "--in-sample", "3000", "--out-of-sample", "2500"];
    const text = await runCli([...args, "--range", "hold=1:1:1"]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^WARNING: Look-ahead: .*this\.up/);
    const json = JSON.parse((await runCli([...args, "--range", "hold=1:1:1", "--json"])).out);
    expect(json.lookahead.flagged).toBe(true);
    expect(json.lookahead.findings.map((f: { what: string }) => f.what)).toContain("this.up");
  }, 60_000);

  it("built-in strategies carry no look-ahead report", async () => {
    const json = JSON.parse((await runCli(["walk-forward", SIM, ...ARGS, "--json"])).out);
    expect(json.lookahead).toBeUndefined();
  }, 60_000);

  it("says what is missing or wrong", async () => {
    const noIs = await runCli(["walk-forward", SIM, "--out-of-sample", "500", "--range", "fast=5:10:5"]);
    expect(noIs.code).toBe(2);
    expect(noIs.err).toContain("give --in-sample N");
    const tooBig = await runCli([
      "walk-forward",
      SIM,
      "--in-sample",
      "9000",
      "--out-of-sample",
      "500",
      "--range",
      "fast=5:10:5",
    ]);
    expect(tooBig.code).toBe(2);
    expect(tooBig.err).toContain("8000 bars are not enough for a 9000-bar in-sample window");
    const badName = await runCli(["walk-forward", SIM, ...ARGS.slice(0, 4), "--range", "fats=5:10:5"]);
    expect(badName.code).toBe(2);
    expect(badName.err).toContain('no parameter "fats"');
  });
});
