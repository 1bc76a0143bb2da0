/**
 * `forex-ai analyze <csv> [--timeframe H1] [--symbol EURUSD] [--json]`: the market analysis
 * of the end of a price file (core/analysis): regime and direction, ATR and its percentile
 * over the last year, support and resistance with touches, and a summary quoting its figures.
 */
import { analyzeMarket } from "../../core/analysis/index.ts";
import { resample, TIMEFRAME_MS } from "../../core/market/index.ts";
import { parseDataArgs, timeframeOption } from "../data-args.ts";
import { type CliCommand, UsageError } from "../io.ts";
import { parseFile } from "../read-file-chunks.ts";

export const analyzeCommand: CliCommand = {
  name: "analyze",
  summary: "Market analysis of the end of a price file: regime, volatility, levels, summary",
  usage: [
    "forex-ai analyze <file> [--timeframe H1] [--symbol EURUSD] [--json]",
    "",
    "Reads a price file (any format `data inspect` reads; naive times are UTC) and analyses",
    "its last bar: regime (trend / range / breakout) and direction (up / down / flat) from",
    "ADX(14), the SMA(50) slope and range compression; ATR(14) and its percentile over the",
    "last year; support and resistance from swing points with their touches; the session.",
    "  --timeframe  resample the file up to this timeframe first (M1 M5 M15 M30 H1 H4 D1 W1)",
    "  --symbol     the instrument, when the file name does not say it (for pips and digits)",
    '  --json       prints {"regime","direction","volatility":{"atr","percentile"},"levels":',
    '               [{"price","kind","touches"}],"summary"}',
    "Exit code 0 on success, 1 when the file cannot be read or is too short, 2 on usage errors.",
  ].join("\n"),
  async run(argv, io) {
    const args = parseDataArgs(argv, ["timeframe", "symbol"], ["json"]);
    const target = timeframeOption(args);
    const result = await parseFile(
      io.cwd,
      args.file,
      args.values.has("symbol") ? { symbol: args.values.get("symbol") } : {},
    );
    if (!result.ok) throw new Error(`${args.file}: ${result.failure ?? "no valid bar found"}`);
    let bars = result.bars;
    let timeframe = result.timeframe;
    if (target && timeframe && target !== timeframe) {
      if (TIMEFRAME_MS[target] < TIMEFRAME_MS[timeframe])
        throw new UsageError(`the file is ${timeframe}; --timeframe must be ${timeframe} or higher.`);
      bars = resample(bars, timeframe, target);
      timeframe = target;
    } else if (target) timeframe = target;
    const a = analyzeMarket(bars, { symbol: result.symbol?.symbol, timeframe });
    if (args.flags.has("json")) {
      const report = {
        regime: a.regime,
        direction: a.direction,
        volatility: { atr: a.volatility.atr, percentile: a.volatility.percentile },
        levels: a.levels.map((l) => ({ price: l.price, kind: l.kind, touches: l.touches })),
        summary: a.summary,
      };
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    const lines = [a.summary, "", "Levels:"];
    for (const l of a.levels)
      lines.push(`  ${l.kind.padEnd(10)} ${l.price.toFixed(a.digits)}  ${l.touches} touch(es)`);
    io.stdout(`${lines.join("\n")}\n`);
    return 0;
  },
};
