/**
 * `forex-ai walk-forward <csv>`: rolling (or anchored) walk-forward analysis. Each in-sample
 * window is optimised (like `optimize`), its best parameters trade the next out-of-sample
 * window (indicators warmed up on the in-sample bars before it), and the out-of-sample
 * curves are stitched into one with its own statistics (core/backtest/walk-forward.ts).
 */

import { type ParamRange, parseConstraint } from "../../core/backtest/param-space.ts";
import type { BacktestSettings } from "../../core/backtest/types.ts";
import { localWalkRunners, walkForward, walkWindows } from "../../core/backtest/walk-forward.ts";
import { DomainError } from "../../core/errors.ts";
import type { Stats } from "../../core/metrics/compute-stats.ts";
import { isoTime, parseParam, SETTINGS_USAGE, takeSettingsFlag, wholeNumber } from "../backtest-args.ts";
import { loadBarsCsv } from "../csv-load.ts";
import { type CliCommand, UsageError } from "../io.ts";
import { lookaheadOf, lookaheadWarning } from "../lookahead-arg.ts";
import { fmt, table } from "../report-table.ts";
import { checkSearch, rangeFlag } from "../search-args.ts";
import { loadStrategy } from "../strategy-arg.ts";

const USAGE = `forex-ai walk-forward <csv> --strategy ID|FILE --in-sample N --out-of-sample M --range name=a:b:step ... [options] [--json]

Walk-forward analysis: optimise on each in-sample window, trade the best parameters on the
out-of-sample window after it, and stitch the out-of-sample results into one curve.

Options:
  --strategy ID|FILE      built-in strategy (default sma-cross) or a user strategy .js file
  --in-sample N           bars per in-sample (optimisation) window
  --out-of-sample M       bars per out-of-sample (test) window; the walk advances M bars
  --anchored              in-sample windows all start at the first bar (growing windows)
  --range name=a:b:step   parameter range, inclusive, repeatable (e.g. --range fast=5:50:5)
  --param name=value      parameter held fixed, repeatable
  --objective STAT        statistic to maximise in sample (default sqn)
  --minimize              minimise the objective instead
  --constraint "a<b"      rule(s) every combination must meet (default "fast<slow" when both exist)
  --method grid|random    full grid (default) or random sample of it
  --samples N             random search: combinations per window (default 100)
  --seed N                random search seed (default 1)
  --json                  print {"objective", "windows": [{inSample, outOfSample, params,
                          inSampleScore, outOfSampleStats}], "stats" (stitched), "trades"}
${SETTINGS_USAGE}

Example:
  forex-ai walk-forward EURUSD_H1.csv --strategy sma-cross --in-sample 2000 --out-of-sample 500 \\
    --range fast=5:50:5 --range slow=20:100:10 --objective sqn`;

interface WalkArgs {
  file: string;
  strategy: string;
  inSample: number;
  outOfSample: number;
  anchored: boolean;
  ranges: ParamRange[];
  fixed: Record<string, number>;
  settings: Partial<BacktestSettings>;
  objective: keyof Stats;
  minimize: boolean;
  constraint: string | undefined;
  method: "grid" | "random";
  samples: number;
  seed: number;
  json: boolean;
}

const SWITCHES = new Set(["--json", "--minimize", "--anchored"]);

function parseArgs(argv: string[]): WalkArgs {
  const a: WalkArgs = {
    file: "",
    strategy: "sma-cross",
    inSample: 0,
    outOfSample: 0,
    anchored: false,
    ranges: [],
    fixed: {},
    settings: {},
    objective: "sqn",
    minimize: false,
    constraint: undefined,
    method: "grid",
    samples: 100,
    seed: 1,
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
    if (SWITCHES.has(flag)) {
      if (flag === "--json") a.json = true;
      else if (flag === "--minimize") a.minimize = true;
      else a.anchored = true;
      i += 1;
      continue;
    }
    if (!flag.startsWith("-")) {
      if (a.file) throw new UsageError(`one CSV file only (got "${a.file}" and "${flag}").`);
      a.file = flag;
      i += 1;
      continue;
    }
    i += 2;
    if (flag === "--strategy" && value) a.strategy = value;
    else if (flag === "--in-sample") a.inSample = wholeNumber(flag, value, 2);
    else if (flag === "--out-of-sample") a.outOfSample = wholeNumber(flag, value, 2);
    else if (flag === "--range") a.ranges.push(rangeFlag(value));
    else if (flag === "--param") parseParam(value, a.fixed);
    else if (flag === "--objective" && value) a.objective = value as keyof Stats;
    else if (flag === "--constraint" && value !== undefined) a.constraint = value;
    else if (flag === "--method" && (value === "grid" || value === "random")) a.method = value;
    else if (flag === "--samples") a.samples = wholeNumber(flag, value, 1);
    else if (flag === "--seed") a.seed = wholeNumber(flag, value, 0);
    else throw new UsageError(`unknown option or missing value: ${flag}.`);
  }
  if (!a.file) throw new UsageError("give the CSV file of bars to walk forward on.");
  if (!a.inSample) throw new UsageError("give --in-sample N (bars per optimisation window, e.g. 2000).");
  if (!a.outOfSample) throw new UsageError("give --out-of-sample M (bars per test window, e.g. 500).");
  if (a.ranges.length === 0) throw new UsageError("give at least one --range name=start:stop:step.");
  return a;
}

export const walkForwardCommand: CliCommand = {
  name: "walk-forward",
  summary: "Walk-forward analysis: optimise in sample, test out of sample, stitch the results",
  usage: USAGE,
  async run(argv, io) {
    const a = parseArgs(argv);
    const bars = await loadBarsCsv(io.cwd, a.file);
    const started = performance.now();
    try {
      const def = loadStrategy(a.strategy, io.cwd);
      const constraint = checkSearch(a, def);
      const names = def.params.map((p) => p.name);
      const defaults = { ...Object.fromEntries(def.params.map((p) => [p.name, p.default])), ...a.fixed };
      walkWindows(bars.time.length, a.inSample, a.outOfSample, a.anchored);
      const lookahead = lookaheadOf(a.strategy, io.cwd, bars, defaults, a.settings);
      const res = await walkForward({
        ranges: a.ranges,
        fixed: defaults,
        constraint: constraint ? parseConstraint(constraint, names) : undefined,
        method: a.method,
        samples: a.samples,
        seed: a.seed,
        objective: a.objective,
        minimize: a.minimize,
        time: bars.time,
        inSampleBars: a.inSample,
        outOfSampleBars: a.outOfSample,
        anchored: a.anchored,
        cash: a.settings.cash,
        ...localWalkRunners({ bars, strategy: def, settings: a.settings, lookback: a.inSample }),
      });
      const seconds = (performance.now() - started) / 1000;
      const t = bars.time;
      const windows = res.windows.map((w) => ({
        inSample: { from: isoTime(t[w.inSample.start]), to: isoTime(t[w.inSample.end - 1]), ...w.inSample },
        outOfSample: {
          from: isoTime(t[w.outOfSample.start]),
          to: isoTime(t[w.outOfSample.end - 1]),
          ...w.outOfSample,
        },
        params: w.params,
        inSampleScore: w.inSampleScore,
        outOfSampleStats: w.outOfSampleStats,
      }));
      if (a.json) {
        const json = {
          objective: a.objective,
          strategy: a.strategy,
          file: a.file,
          anchored: a.anchored,
          constraint,
          seconds,
          windows,
          stats: res.stats,
          trades: res.trades.length,
        };
        io.stdout(`${JSON.stringify(lookahead ? { ...json, lookahead } : json)}\n`);
        return 0;
      }
      io.stdout(lookaheadWarning(lookahead) + report(a, windows, res.stats, seconds));
      return 0;
    } catch (error) {
      if (error instanceof DomainError && error.code !== "cancelled") throw new UsageError(error.message);
      throw error;
    }
  },
};

function report(
  a: WalkArgs,
  windows: Array<{
    inSample: { from: string; to: string };
    outOfSample: { from: string; to: string };
    params: Record<string, number>;
    inSampleScore: number;
    outOfSampleStats: Stats;
  }>,
  stats: Stats,
  seconds: number,
): string {
  const names = a.ranges.map((r) => r.name);
  const obj = String(a.objective);
  const day = (s: string) => s.slice(0, 16).replace("T", " ");
  const rows = windows.map((w, k) => [
    String(k + 1),
    `${day(w.inSample.from)} .. ${day(w.inSample.to)}`,
    `${day(w.outOfSample.from)} .. ${day(w.outOfSample.to)}`,
    names.map((n) => `${n}=${w.params[n]}`).join(" "),
    fmt(w.inSampleScore, 3),
    fmt(w.outOfSampleStats[a.objective] as number, 3),
    String(w.outOfSampleStats.trades),
    fmt(w.outOfSampleStats.returnPct, 2),
  ]);
  const head =
    `walk-forward of ${a.strategy} on ${a.file}: ${windows.length} windows (${a.anchored ? "anchored" : "rolling"}, ` +
    `in-sample ${a.inSample} bars, out-of-sample ${a.outOfSample} bars), ${a.method} search ranked by ${obj}` +
    `${a.minimize ? " (min)" : ""}, ${seconds.toFixed(2)} s\n\n`;
  const windowTable = table(
    [
      "#",
      "in sample",
      "out of sample",
      "best params",
      `IS ${obj}`,
      `OOS ${obj}`,
      "OOS trades",
      "OOS return %",
    ],
    rows,
  );
  const summary = table(
    ["stitched out-of-sample", "value"],
    [
      ["return %", fmt(stats.returnPct, 2)],
      ["trades", String(stats.trades)],
      ["win rate %", fmt(stats.winRatePct, 1)],
      ["max drawdown %", fmt(stats.maxDrawdownPct, 2)],
      ["sharpe", fmt(stats.sharpe, 3)],
      ["sqn", fmt(stats.sqn, 3)],
      ["profit factor", fmt(stats.profitFactor, 3)],
    ],
  );
  return `${head}${windowTable}\n\n${summary}\n`;
}
