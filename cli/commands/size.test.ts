/** `forex-ai size` end to end through main(): JSON figures, the readable line, exit 2 on bad input. */
import { describe, expect, it } from "vitest";
import { main } from "../main.ts";

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), cwd: "." };
  const code = await main(["size", ...args], io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

const EURUSD = ["--pair", "EURUSD", "--price", "1.10", "--balance", "10000", "--stop-pips", "50"];

describe("forex-ai size", () => {
  it("prints the issue's EURUSD example as JSON (hand-computed: 20,000 units, 733.33 margin)", async () => {
    const r = await run([...EURUSD, "--risk-pct", "1", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual(["lots", "marginRequired", "pipValue", "riskAmount", "units"]);
    expect(j.units).toBe(20_000);
    expect(j.lots).toBe(0.2);
    expect(j.pipValue).toBeCloseTo(2, 9);
    expect(j.riskAmount).toBeCloseTo(100, 9);
    expect(j.marginRequired).toBeCloseTo(733.33, 2);
  });

  it("sizes USDJPY to 30,000 despite 29999.999999999996 in doubles", async () => {
    const r = await run([
      "--pair",
      "USDJPY",
      "--price",
      "150",
      "--balance",
      "10000",
      "--risk-amount",
      "100",
      "--stop-pips",
      "50",
      "--json",
    ]);
    expect(JSON.parse(r.stdout).units).toBe(30_000);
  });

  it("uses the conversion rate for a cross and the lot step", async () => {
    const r = await run([
      "--pair",
      "EURGBP",
      "--price",
      "0.85",
      "--balance",
      "10000",
      "--risk-pct",
      "1",
      "--stop-pips",
      "40",
      "--conversion-rate",
      "1.25",
      "--lot-step",
      "1000",
      "--json",
    ]);
    const j = JSON.parse(r.stdout);
    expect(j.units).toBe(20_000);
    expect(j.marginRequired).toBeCloseTo(708.33, 2);
  });

  it("prints a readable line without --json", async () => {
    const r = await run([...EURUSD, "--risk-pct", "1"]);
    expect(r.stdout).toBe(
      "20000 units (0.2 lots) of EURUSD: 2.00 USD per pip, 100.00 USD at risk over 50 pips, margin 733.33 USD at 1:30\n",
    );
  });

  it.each([
    [
      ["--pair", "EURUSD", "--price", "1.1", "--balance", "10000", "--risk-pct", "1", "--stop-pips", "0"],
      /Stop distance in pips must be a number above 0/,
    ],
    [
      ["--pair", "EURUSD", "--price", "1.1", "--balance", "-10", "--risk-pct", "1", "--stop-pips", "50"],
      /Balance must be above 0/,
    ],
    [
      ["--pair", "FOOBAR", "--price", "1.1", "--balance", "10000", "--risk-pct", "1", "--stop-pips", "50"],
      /Unknown symbol "FOOBAR"/,
    ],
    [
      [
        "--pair",
        "EURGBP",
        "--price",
        "0.85",
        "--balance",
        "10000",
        "--risk-pct",
        "1",
        "--stop-pips",
        "50",
        "--account-currency",
        "CHF",
      ],
      /GBPCHF/,
    ],
    [["--pair", "EURUSD", "--price", "abc"], /--price needs a number/],
  ])("exits 2 with one sentence for bad input %#", async (args, message) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
