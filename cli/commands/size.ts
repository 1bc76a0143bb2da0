/**
 * `forex-ai size`: position size from risk and stop distance (core/risk/position-size.ts).
 * Bad input exits 2 with one sentence saying what to fix.
 */
import { DomainError } from "../../core/errors.ts";
import { positionSize, type SizingInput } from "../../core/risk/position-size.ts";
import type { CliCommand, CliIO } from "../io.ts";

const USAGE = `forex-ai size --pair PAIR --price P --balance B (--risk-pct X | --risk-amount A) --stop-pips N [options] [--json]

Units to trade so that a stop N pips away loses the chosen risk.

Options:
  --pair PAIR             e.g. EURUSD, USDJPY, EURGBP
  --price P               current price of the pair
  --balance B             account balance in account currency
  --risk-pct X            risk as % of balance (1 = 1%)
  --risk-amount A         risk as a cash amount in account currency
  --stop-pips N           distance to the stop-loss in pips
  --account-currency CCY  account currency (default USD)
  --conversion-rate R     quote-to-account rate when the account is neither base nor quote
                          (e.g. GBPUSD for EURGBP in a USD account)
  --lot-step N            round units down to a multiple of N (1, 1000, 10000, 100000; default 1)
  --leverage N            leverage 1:N for the margin (default 30)
  --json                  print {"units", "lots", "pipValue", "riskAmount", "marginRequired"}

Example:
  forex-ai size --pair EURUSD --price 1.10 --balance 10000 --risk-pct 1 --stop-pips 50`;

const NUMBER_FLAGS = {
  "--price": "price",
  "--balance": "balance",
  "--risk-pct": "riskPct",
  "--risk-amount": "riskAmount",
  "--stop-pips": "stopPips",
  "--conversion-rate": "conversionRate",
  "--lot-step": "lotStep",
  "--leverage": "leverage",
} as const satisfies Record<string, keyof SizingInput>;

class BadInput extends Error {}

function parseArgs(argv: string[]): { input: SizingInput; json: boolean } {
  const input: Partial<SizingInput> & Record<string, unknown> = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--json") {
      json = true;
      continue;
    }
    const value = argv[i + 1];
    if (flag === "--pair" || flag === "--account-currency") {
      if (value === undefined || value.startsWith("--")) throw new BadInput(`${flag} needs a value.`);
      input[flag === "--pair" ? "pair" : "accountCurrency"] = value;
      i++;
      continue;
    }
    if (flag in NUMBER_FLAGS) {
      const n = Number(value);
      if (value === undefined || value.trim() === "" || !Number.isFinite(n)) {
        throw new BadInput(`${flag} needs a number (got "${value ?? ""}").`);
      }
      input[NUMBER_FLAGS[flag as keyof typeof NUMBER_FLAGS]] = n;
      i++;
      continue;
    }
    throw new BadInput(`Unknown option "${flag}"; run forex-ai size --help for the list.`);
  }
  for (const flag of ["--pair", "--price", "--balance", "--stop-pips"]) {
    const key = flag === "--pair" ? "pair" : NUMBER_FLAGS[flag as keyof typeof NUMBER_FLAGS];
    if (input[key] === undefined) throw new BadInput(`Give ${flag}.`);
  }
  return { input: input as SizingInput, json };
}

const money = (n: number) => n.toFixed(2);

function fail(io: CliIO, message: string): number {
  io.stderr(`forex-ai size: ${message}\n`);
  return 2;
}

export const sizeCommand: CliCommand = {
  name: "size",
  summary: "Position size from risk % or amount and stop distance in pips",
  usage: USAGE,
  async run(argv, io) {
    try {
      const { input, json } = parseArgs(argv);
      const r = positionSize(input);
      if (json) {
        io.stdout(`${JSON.stringify(r)}\n`);
      } else {
        const ccy = (input.accountCurrency ?? "USD").toUpperCase();
        io.stdout(
          `${r.units} units (${r.lots} lots) of ${input.pair.toUpperCase()}: ${money(r.pipValue)} ${ccy} per pip, ` +
            `${money(r.riskAmount)} ${ccy} at risk over ${input.stopPips} pips, ` +
            `margin ${money(r.marginRequired)} ${ccy} at 1:${input.leverage ?? 30}\n`,
        );
      }
      return 0;
    } catch (error) {
      if (error instanceof BadInput || error instanceof DomainError) return fail(io, error.message);
      throw error;
    }
  },
};
