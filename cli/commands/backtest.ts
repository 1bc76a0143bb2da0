/** `forex-ai backtest <csv>`: one backtest of a built-in strategy, as JSON or a readable table. */
import { type BacktestSettings, runBacktest } from "../../core/backtest/index.ts";
import { DomainError } from "../../core/errors.ts";
import type { LookaheadReport } from "../../core/strategy/lookahead-check.ts";
import { STRATEGIES } from "../../core/strategy/registry.ts";
import { isoTime, parseParam, SETTINGS_USAGE, takeSettingsFlag, tradeJson } from "../backtest-args.ts";
import { loadBarsCsv } from "../csv-load.ts";
import { type CliCommand, UsageError } from "../io.ts";
import { lookaheadOf, lookaheadWarning } from "../lookahead-arg.ts";
import { statsTable, tradesTable } from "../report-table.ts";
import { loadStrategy } from "../strategy-arg.ts";

const USAGE = `forex-ai backtest <csv> [--strategy ID] [--param name=value ...] [options] [--json]

Runs one backtest on a CSV of bars (header row; time column first or named Time/Date).

Options:
  --strategy ID|FILE       ${STRATEGIES.map((s) => s.id).join(", ")} (default sma-cross),
                           or a .js file exporting init(ctx) and next(ctx, i)
  --param name=value       strategy parameter, repeatable (e.g. --param fast=10 --param slow=30)
  --trades N               rows of the trade list in the table output (default 20, 0 = none)
  --json                   print {"stats": {...}, "trades": [...]}
${SETTINGS_USAGE}

Strategies and parameters:
${STRATEGIES.map((s) => `  ${s.id}: ${s.params.map((p) => `${p.name}=${p.default}`).join(" ")}`).join("\n")}

Example:
  forex-ai backtest EURUSD_H1.csv --strategy sma-cross --param fast=10 --param slow=30 --json`;

interface BacktestArgs {
  file: string;
  strategy: string;
  params: Record<string, number>;
  settings: Partial<BacktestSettings>;
  json: boolean;
  tradeRows: number;
}

function parseArgs(argv: string[]): BacktestArgs {
  const out: BacktestArgs = {
    file: "",
    strategy: "sma-cross",
    params: {},
    settings: {},
    json: false,
    tradeRows: 20,
  };
  for (let i = 0; i < argv.length; ) {
    const a = argv[i];
    const used = takeSettingsFlag(argv, i, out.settings);
    if (used > 0) i += used;
    else if (a === "--json") i += 1;
    else if (a === "--strategy" && argv[i + 1] !== undefined) {
      out.strategy = argv[i + 1];
      i += 2;
    } else if (a === "--param") {
      parseParam(argv[i + 1], out.params);
      i += 2;
    } else if (a === "--trades") {
      out.tradeRows = Math.max(0, Math.floor(Number(argv[i + 1]) || 0));
      i += 2;
    } else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}.`);
    else if (out.file) throw new UsageError(`one CSV file only (got "${out.file}" and "${a}").`);
    else {
      out.file = a;
      i += 1;
    }
  }
  out.json = argv.includes("--json");
  if (!out.file) throw new UsageError("give the CSV file of bars to test on.");
  return out;
}

export const backtestCommand: CliCommand = {
  name: "backtest",
  summary: "Backtest a strategy on a CSV of bars",
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv);
    const bars = await loadBarsCsv(io.cwd, args.file);
    let result: ReturnType<typeof runBacktest>;
    let lookahead: LookaheadReport | null;
    try {
      const strategy = loadStrategy(args.strategy, io.cwd);
      result = runBacktest({ bars, strategy, params: args.params, settings: args.settings });
      lookahead = lookaheadOf(args.strategy, io.cwd, bars, result.params, args.settings);
    } catch (error) {
      if (error instanceof DomainError && error.code !== "cancelled") throw new UsageError(error.message);
      throw error;
    }
    if (args.json) {
      const json = { stats: result.stats, trades: result.trades.map(tradeJson) };
      io.stdout(`${JSON.stringify(lookahead ? { ...json, lookahead } : json)}\n`);
      return 0;
    }
    io.stdout(lookaheadWarning(lookahead));
    const n = bars.time.length;
    io.stdout(
      `${args.strategy} ${Object.entries(result.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ")} on ${args.file}: ${n} bars, ${isoTime(bars.time[0])} .. ${isoTime(bars.time[n - 1])}\n\n`,
    );
    io.stdout(`${statsTable(result.stats)}\n`);
    if (args.tradeRows > 0 && result.trades.length > 0)
      io.stdout(`\n${tradesTable(result.trades, args.tradeRows)}\n`);
    if (result.ruined) io.stdout("\nThe account was ruined (equity reached 0); the run stopped there.\n");
    return 0;
  },
};
