/**
 * The CLI's look-ahead warnings: `backtest` and `optimize` of a user strategy file run the
 * look-ahead check and lead their output with the warning (and a `lookahead` report in
 * --json); a file reading past the current bar in next() fails with the line.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../main.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SIM = join(ROOT, "test/fixtures/backtest/SIM_H1.csv");
const PEEK = join(ROOT, "test/fixtures/backtest/peek-init-user.js");
const CLEAN = join(ROOT, "test/fixtures/backtest/sma-cross-user.js");

async function runCli(argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: ROOT });
  return { code, out, err };
}

describe("look-ahead in the CLI", () => {
  it("backtest of a flagged file: warning first, report in --json; a clean file has none", async () => {
    const text = await runCli(["backtest", SIM, "--strategy", PEEK]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(
      /^WARNING: Look-ahead: .*this\.up[\s\S]*\n {2}- bar (\d+) \([\d-]+T[\d:]+Z\) this\.up: this\.up\[\1\] is 1 with all the data, 0 with the data cut after bar \1\n/,
    );
    const json = JSON.parse((await runCli(["backtest", SIM, "--strategy", PEEK, "--json"])).out);
    expect(json.lookahead.flagged).toBe(true);
    const clean = JSON.parse((await runCli(["backtest", SIM, "--strategy", CLEAN, "--json"])).out);
    expect(clean.lookahead).toMatchObject({ flagged: false, findings: [] });
    expect((await runCli(["backtest", SIM, "--strategy", CLEAN])).out).not.toContain("WARNING");
  });

  it("optimize of a flagged file carries the warning", async () => {
    const { code, out } = await runCli([
      "optimize",
      SIM,
      "--strategy",
      PEEK,
      "--range",
      "hold=1:2:1",
      "--workers",
      "0",
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/^WARNING: Look-ahead: /);
  });

  it("a file reading ctx.close[i + 1] in next fails with the line", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fx-peek-"));
    const file = join(dir, "peek-next.js");
    await writeFile(
      file,
      "export function next(ctx, i) {\n  if (ctx.close[i + 1] > ctx.close[i]) ctx.buy();\n}\n",
    );
    const { code, err } = await runCli(["backtest", SIM, "--strategy", file]);
    expect(code).toBe(2);
    expect(err).toMatch(/Line 2: Look-ahead: ctx\.close\[\d+\] is read at bar \d+/);
  });
});
