/**
 * `forex-ai habits <trades.csv> [--balance N] [--drawdown-limit PCT] [--json]`: trade-habit
 * analytics of a trade history in the format of docs/ai.md (symbol, side, units, entryTime,
 * exitTime, entryPrice, exitPrice, pnl; extra columns ignored). A file with bad rows is
 * refused with every problem and its line number.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { analyzeHabits } from "../../core/analysis/trades/index.ts";
import { formatHistoryProblem, parseHistoryCsv } from "../../core/trading/history-csv.ts";
import { parseDataArgs } from "../data-args.ts";
import { type CliCommand, UsageError } from "../io.ts";

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0))
    throw new UsageError(`--${name} must be a number above 0 (got "${value}").`);
  return n;
}

const fmt = (n: number | undefined, d = 2) => (n === undefined || !Number.isFinite(n) ? "n/a" : n.toFixed(d));

export const habitsCommand: CliCommand = {
  name: "habits",
  summary: "Trade-habit analytics of a trade history CSV: style, figures, alerts, recommendations",
  usage: [
    "forex-ai habits <trades.csv> [--balance 10000] [--drawdown-limit 10] [--json]",
    "",
    "Reads a trade history (header: symbol,side,units,entryTime,exitTime,entryPrice,exitPrice,pnl;",
    "ISO 8601 UTC times; extra columns ignored) and reports the trading style, results by pair,",
    "session, weekday and hour, sizing consistency, and alerts: overtrading, revenge_trading,",
    "size_outlier, off_hours, drawdown_limit. Alert trades are indexes into the file's rows",
    "(0 = the first trade).",
    "  --balance         account balance before the first trade (drawdown in percent)",
    "  --drawdown-limit  drawdown limit in percent of the peak balance (needs --balance)",
    '  --json            prints {"style","stats","alerts":[{"type","message","trades","figures"}],',
    '                    "recommendations":[{"message","basis","figures"}]}',
    "Exit code 0 on success, 1 when the file has problems (listed by line), 2 on usage errors.",
  ].join("\n"),
  async run(argv, io) {
    const args = parseDataArgs(argv, ["balance", "drawdown-limit"], ["json"]);
    const startingBalance = positive(args.values.get("balance"), "balance");
    const drawdownLimitPct = positive(args.values.get("drawdown-limit"), "drawdown-limit");
    if (drawdownLimitPct !== undefined && startingBalance === undefined)
      throw new UsageError("--drawdown-limit needs --balance (the drawdown is a percent of the balance).");
    const text = await readFile(resolve(io.cwd, args.file), "utf8");
    const parsed = parseHistoryCsv(text);
    if (!parsed.ok) {
      const more = parsed.problemCount - parsed.problems.length;
      io.stderr(
        `${args.file}: ${parsed.problemCount} problem(s); nothing was analysed:\n` +
          parsed.problems.map((p) => `  ${formatHistoryProblem(p)}\n`).join("") +
          (more > 0 ? `  ... and ${more} more\n` : ""),
      );
      return 1;
    }
    const h = analyzeHabits(parsed.trades, { startingBalance, drawdownLimitPct });
    if (args.flags.has("json")) {
      const report = {
        style: h.style,
        stats: h.stats,
        alerts: h.alerts.map(({ type, message, trades, figures }) => ({ type, message, trades, figures })),
        recommendations: h.recommendations,
      };
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    const s = h.stats;
    const lines = [
      `Trades:     ${s.trades} (${s.wins} won, ${s.losses} lost, win rate ${fmt(s.winRatePct, 1)}%)`,
      `Style:      ${h.style} (median hold ${fmt(s.medianHoldMinutes, 0)} min)`,
      `Net pnl:    ${fmt(s.netPnl)} (profit factor ${fmt(s.profitFactor)}, expectancy ${fmt(s.expectancy)} per trade)`,
      `Drawdown:   ${fmt(s.maxDrawdown)}${s.maxDrawdownPct === undefined ? "" : ` (${fmt(s.maxDrawdownPct)}%)`}`,
      `Sizing:     ${s.sizing.consistent ? "consistent" : "inconsistent"} (variation ${fmt(s.sizing.cvPct, 0)}%)`,
      "",
      h.alerts.length ? `Alerts (${h.alerts.length}):` : "Alerts: none",
      ...h.alerts.map((a) => `  [${a.type}] ${a.message} (trades ${a.trades.join(", ")})`),
      "",
      h.recommendations.length ? "Recommendations:" : "Recommendations: none",
      ...h.recommendations.map((r) => `  - ${r.message}`),
    ];
    io.stdout(`${lines.join("\n")}\n`);
    return 0;
  },
};
