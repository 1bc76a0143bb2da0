/**
 * The honesty checks of issue 10, through the real CLI in Node (wasm backend): 20,000 H1
 * bars of a seeded random walk must give out-of-sample accuracy 0.5 +- 0.03 (more would
 * mean the pipeline leaks the future), and an AR(1) series with coefficient 0.5 must give
 * at least 0.62 (the reference: P(next direction = last) = 1/2 + asin(0.5)/pi = 2/3).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { syntheticBars } from "../../core/ml/synthetic.ts";
import { main } from "../main.ts";

const dir = mkdtempSync(join(tmpdir(), "forex-ai-train-"));

function csvOf(phi: number, seed: number): string {
  const b = syntheticBars({ count: 20_000, seed, phi });
  const lines = ["time,open,high,low,close,volume"];
  for (let i = 0; i < b.length; i++)
    lines.push(`${b.time[i]},${b.open[i]},${b.high[i]},${b.low[i]},${b.close[i]},${b.volume[i]}`);
  const file = join(dir, `phi-${phi}-${seed}.csv`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

async function train(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(["train", ...args], {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    cwd: dir,
  });
  return { code, out, err };
}

describe("forex-ai train (honesty checks)", () => {
  it("random walk: out-of-sample accuracy within 0.5 +- 0.03", { timeout: 240_000 }, async () => {
    const r = await train([csvOf(0, 101), "--model", "mlp", "--horizon", "1", "--seed", "5", "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(["model", "samples", "oos", "backtest"]);
    expect(json.model).toBe("mlp");
    expect(json.samples).toBeGreaterThan(10_000);
    expect(Object.keys(json.oos)).toEqual(["accuracy", "precision", "recall", "f1"]);
    expect(Math.abs(json.oos.accuracy - 0.5)).toBeLessThanOrEqual(0.03);
    expect(json.backtest.trades).toBeGreaterThan(0);
  });

  it("AR(1) with coefficient 0.5: out-of-sample accuracy >= 0.62, progress per window on stderr", {
    timeout: 240_000,
  }, async () => {
    const r = await train([csvOf(0.5, 202), "--model", "mlp", "--horizon", "1", "--seed", "5"]);
    expect(r.code).toBe(0);
    expect(r.err.match(/^window \d\/4: out-of-sample accuracy/gm)).toHaveLength(4);
    const accuracy = Number(/accuracy (\d\.\d+)/.exec(r.out)?.[1]);
    expect(accuracy).toBeGreaterThanOrEqual(0.62);
  });

  it("bad arguments say what to fix", async () => {
    const r = await train(["x.csv", "--model", "svm"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--model must be one of logreg, mlp, cnn, gru \(got svm\)/);
    const missing = await train(["--model", "mlp"]);
    expect(missing.err).toMatch(/give the CSV file/);
  });
});
