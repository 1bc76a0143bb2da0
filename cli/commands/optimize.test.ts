import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../main.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SIM = join(ROOT, "test/fixtures/backtest/SIM_H1.csv");

async function runCli(argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: ROOT });
  return { code, out, err };
}

describe("optimize command", () => {
  it("grid search in this thread: constraint fast<slow by default, ranked by sqn", async () => {
    const { code, out, err } = await runCli([
      "optimize",
      SIM,
      "--range",
      "fast=10:20:10",
      "--range",
      "slow=10:30:10",
      "--workers",
      "0",
      "--json",
    ]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.objective).toBe("sqn");
    expect(r.constraint).toBe("fast<slow");
    expect(
      r.runs
        .map((x: { params: { fast: number; slow: number } }) => `${x.params.fast}/${x.params.slow}`)
        .sort(),
    ).toEqual(["10/20", "10/30", "20/30"]);
    // the fixture run (sim-sma-10-30: SQN 2.147722045525413) is found with the same score
    const fixture = r.runs.find(
      (x: { params: { fast: number; slow: number } }) => x.params.fast === 10 && x.params.slow === 30,
    );
    expect(fixture.score).toBeCloseTo(2.147722045525413, 9);
    expect(r.best.score).toBe(Math.max(...r.runs.map((x: { score: number }) => x.score)));
  });

  it("worker threads give the same results as one thread", async () => {
    const args = [
      "optimize",
      SIM,
      "--range",
      "fast=5:15:5",
      "--range",
      "slow=20:40:20",
      "--method",
      "random",
      "--samples",
      "4",
      "--seed",
      "7",
      "--json",
    ];
    const one = JSON.parse((await runCli([...args, "--workers", "0"])).out);
    const two = JSON.parse((await runCli([...args, "--workers", "2"])).out);
    expect(two.runs.map((r: { params: unknown; score: number }) => [r.params, r.score])).toEqual(
      one.runs.map((r: { params: unknown; score: number }) => [r.params, r.score]),
    );
    expect(one.runs).toHaveLength(4);
  }, 60_000);

  it("optimises a user strategy file on worker threads like the built-in strategy", async () => {
    const args = ["--range", "fast=10:20:10", "--range", "slow=30:40:10", "--json"];
    const user = JSON.parse(
      (
        await runCli([
          "optimize",
          SIM,
          "--strategy",
          join(ROOT, "test/fixtures/backtest/sma-cross-user.js"),
          "--workers",
          "2",
          ...args,
        ])
      ).out,
    );
    const builtIn = JSON.parse((await runCli(["optimize", SIM, "--workers", "0", ...args])).out);
    type Run = { params: { fast: number; slow: number }; score: number };
    const key = (r: Run) => [r.params.fast, r.params.slow, r.score];
    expect(user.runs.map(key)).toEqual(builtIn.runs.map(key));
  }, 60_000);

  it("parameters without a range keep their defaults, also in the constraint", async () => {
    const { code, out } = await runCli([
      "optimize",
      SIM,
      "--range",
      "fast=5:10:5",
      "--workers",
      "0",
      "--json",
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(
      r.runs.map((x: { params: { fast: number; slow: number } }) => [x.params.fast, x.params.slow]).sort(),
    ).toEqual([
      [10, 30],
      [5, 30],
    ]);
  });

  it("rejects an unknown objective and a range on a missing parameter", async () => {
    const bad = await runCli([
      "optimize",
      SIM,
      "--range",
      "fast=5:10:5",
      "--objective",
      "profit",
      "--workers",
      "0",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown objective "profit"');
    const missing = await runCli(["optimize", SIM, "--range", "fats=5:10:5", "--workers", "0"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no parameter "fats"');
  });
});
