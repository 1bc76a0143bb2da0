/** `forex-ai optimize <csv>`: grid or random search of strategy parameters over worker_threads. */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { runBacktest } from "../../core/backtest/engine.ts";
import { optimise } from "../../core/backtest/optimise.ts";
import { type ParamRange, parseConstraint } from "../../core/backtest/param-space.ts";
import type { BacktestSettings } from "../../core/backtest/types.ts";
import { DomainError } from "../../core/errors.ts";
import type { Stats } from "../../core/metrics/compute-stats.ts";
import type { StrategyDefinition } from "../../core/strategy/types.ts";
import { parseParam, SETTINGS_USAGE, takeSettingsFlag, wholeNumber } from "../backtest-args.ts";
import { BacktestPool } from "../backtest-pool.ts";
import { loadBarsCsv } from "../csv-load.ts";
import { type CliCommand, UsageError } from "../io.ts";
import { lookaheadOf, lookaheadWarning } from "../lookahead-arg.ts";
import { fmt, table } from "../report-table.ts";
import { checkSearch, rangeFlag } from "../search-args.ts";
import { isStrategyFile, loadStrategy } from "../strategy-arg.ts";

const USAGE = `forex-ai optimize <csv> --strategy ID --range name=start:stop:step ... [options] [--json]

Searches strategy parameters and ranks them by an objective statistic.

Options:
  --strategy ID|FILE      built-in strategy (default sma-cross) or a user strategy .js file
  --range name=a:b:step   parameter range, inclusive, repeatable (e.g. --range fast=5:30:5)
  --param name=value      parameter held fixed, repeatable
  --objective STAT        statistic to maximise (default sqn; e.g. returnPct, sharpe, profitFactor)
  --minimize              minimise the objective instead
  --constraint "a<b"      rule(s) every combination must meet, comma-separated
                          (default "fast<slow" when the strategy has both)
  --method grid|random    full grid (default) or random sample of it
  --samples N             random search: combinations to draw (default 100)
  --seed N                random search seed (default 1)
  --workers N             worker threads (default: one per core; 0 = run in this thread)
  --top N                 rows of the table output (default 10)
  --json                  print {"objective", "method", "evaluated", "best", "runs"}
${SETTINGS_USAGE}

Example:
  forex-ai optimize EURUSD_H1.csv --strategy sma-cross --range fast=5:30:5 --range slow=10:60:10 --objective sqn`;

interface OptimizeArgs {
  file: string;
  strategy: string;
  ranges: ParamRange[];
  fixed: Record<string, number>;
  settings: Partial<BacktestSettings>;
  objective: keyof Stats;
  minimize: boolean;
  constraint: string | undefined;
  method: "grid" | "random";
  samples: number;
  seed: number;
  workers: number;
  top: number;
  json: boolean;
}

function parseArgs(argv: string[]): OptimizeArgs {
  const a: OptimizeArgs = {
    file: "",
    strategy: "sma-cross",
    ranges: [],
    fixed: {},
    settings: {},
    objective: "sqn",
    minimize: false,
    constraint: undefined,
    method: "grid",
    samples: 100,
    seed: 1,
    workers: availableParallelism(),
    top: 10,
    json: false,
  };
  for (let i = 0; i < argv.length; ) {
    const flag = argv[i];
    const value = argv[i + 1];
    const used = takeSettingsFlag(argv, i, a.settings);
    if (used > 0) {
      i += used;
      continue;
    }
    i += 2;
    if (flag === "--strategy" && value) a.strategy = value;
    else if (flag === "--range") a.ranges.push(rangeFlag(value));
    else if (flag === "--param") parseParam(value, a.fixed);
    else if (flag === "--objective" && value) a.objective = value as keyof Stats;
    else if (flag === "--constraint" && value !== undefined) a.constraint = value;
    else if (flag === "--method" && (value === "grid" || value === "random")) a.method = value;
    else if (flag === "--samples") a.samples = wholeNumber(flag, value, 1);
    else if (flag === "--seed") a.seed = wholeNumber(flag, value, 0);
    else if (flag === "--workers") a.workers = wholeNumber(flag, value, 0);
    else if (flag === "--top") a.top = wholeNumber(flag, value, 0);
    else if (flag === "--json" || flag === "--minimize") {
      i -= 1;
      if (flag === "--json") a.json = true;
      else a.minimize = true;
    } else if (flag.startsWith("-")) throw new UsageError(`unknown option or missing value: ${flag}.`);
    else if (a.file) throw new UsageError(`one CSV file only (got "${a.file}" and "${flag}").`);
    else {
      a.file = flag;
      i -= 1;
    }
  }
  if (!a.file) throw new UsageError("give the CSV file of bars to optimise on.");
  if (a.ranges.length === 0) throw new UsageError("give at least one --range name=start:stop:step.");
  return a;
}

export const optimizeCommand: CliCommand = {
  name: "optimize",
  summary: "Optimise strategy parameters (grid or random search, worker threads)",
  usage: USAGE,
  async run(argv, io) {
    const a = parseArgs(argv);
    const bars = await loadBarsCsv(io.cwd, a.file);
    let def: StrategyDefinition;
    let constraintText: string;
    let keep: ((p: Record<string, number>) => boolean) | undefined;
    try {
      def = loadStrategy(a.strategy, io.cwd);
      constraintText = checkSearch(a, def);
      const names = def.params.map((p) => p.name);
      keep = constraintText ? parseConstraint(constraintText, names) : undefined;
    } catch (error) {
      if (error instanceof DomainError) throw new UsageError(error.message);
      throw error;
    }
    const defaults = { ...Object.fromEntries(def.params.map((p) => [p.name, p.default])), ...a.fixed };
    const lookahead = lookaheadOf(a.strategy, io.cwd, bars, defaults, a.settings);
    const local = (params: Record<string, number>) =>
      runBacktest({ bars, strategy: def, params, settings: a.settings }).stats;
    // workers load a strategy file themselves (functions cannot cross threads)
    const shared = isStrategyFile(a.strategy) ? resolve(io.cwd, a.strategy) : a.strategy;
    const pool =
      a.workers > 0 ? new BacktestPool(a.workers, { bars, strategy: shared, settings: a.settings }) : null;
    const started = performance.now();
    try {
      const result = await optimise({
        ranges: a.ranges,
        fixed: defaults,
        constraint: keep,
        method: a.method,
        samples: a.samples,
        seed: a.seed,
        objective: a.objective,
        minimize: a.minimize,
        concurrency: Math.max(1, a.workers),
        runOne: pool ? (p) => pool.run(p) : local,
      });
      const seconds = (performance.now() - started) / 1000;
      if (a.json) {
        const { objective, best, runs } = result;
        const json = {
          objective,
          method: a.method,
          constraint: constraintText,
          evaluated: runs.length,
          seconds,
          best,
          runs,
        };
        io.stdout(`${JSON.stringify(lookahead ? { ...json, lookahead } : json)}\n`);
        return 0;
      }
      io.stdout(lookaheadWarning(lookahead) + report(a, result.runs, constraintText, seconds));
      return 0;
    } finally {
      await pool?.close();
    }
  },
};

function report(
  a: OptimizeArgs,
  runs: { params: Record<string, number>; score: number; stats: Stats }[],
  constraint: string,
  seconds: number,
): string {
  const names = a.ranges.map((r) => r.name);
  const rows = runs
    .slice(0, a.top)
    .map((r) => [
      ...names.map((n) => String(r.params[n])),
      fmt(r.score, 4),
      String(r.stats.trades),
      fmt(r.stats.returnPct, 2),
      fmt(r.stats.maxDrawdownPct, 2),
      fmt(r.stats.winRatePct, 1),
    ]);
  const head =
    `${a.method} search of ${a.strategy} on ${a.file}: ${runs.length} runs in ${seconds.toFixed(2)} s on ${a.workers || "no"} worker(s)` +
    `${constraint ? `, constraint ${constraint}` : ""}, ranked by ${String(a.objective)}${a.minimize ? " (min)" : ""}\n\n`;
  return `${head}${table([...names, String(a.objective), "trades", "return %", "max dd %", "win %"], rows)}\n`;
}
