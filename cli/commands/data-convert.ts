/**
 * `forex-ai data convert <file> --to csv|json`: reads any supported price file, optionally
 * resamples it, and writes clean UTC bars to stdout or a file (written to a temporary name
 * and renamed, so a failed run never leaves half a file).
 */
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { resolve } from "node:path";
import {
  type Bars,
  csvChunks,
  formatIsoUtc,
  type ParseResult,
  resample,
  type Timeframe,
} from "../../core/market/index.ts";
import { parseDataArgs, timeframeOption, tzOption } from "../data-args.ts";
import type { CliCommand } from "../io.ts";
import { type CliIO, UsageError } from "../io.ts";
import { parseFile } from "../read-file-chunks.ts";

const JSON_CHUNK = 10_000;

/** JSON output: metadata then one object per bar (with "spread" in points when the file has it), in chunks. */
function* jsonChunks(bars: Bars, meta: Record<string, unknown>, digits: number): Generator<string> {
  const head = JSON.stringify({ ...meta, count: bars.length });
  yield `${head.slice(0, -1)},"bars":[`;
  const round = (x: number) => Number(x.toFixed(digits));
  const spread = bars.spread;
  let parts: string[] = [];
  for (let i = 0; i < bars.length; i++) {
    parts.push(
      `${i > 0 ? "," : ""}\n{"time":"${formatIsoUtc(bars.time[i])}","open":${round(bars.open[i])},"high":${round(bars.high[i])},` +
        `"low":${round(bars.low[i])},"close":${round(bars.close[i])},"volume":${bars.volume[i]}` +
        (spread ? `,"spread":${Number.isNaN(spread[i]) ? "null" : spread[i]}}` : "}"),
    );
    if (parts.length === JSON_CHUNK) {
      yield parts.join("");
      parts = [];
    }
  }
  yield `${parts.join("")}\n]}\n`;
}

async function writeOut(io: CliIO, out: string | undefined, chunks: Iterable<string>): Promise<void> {
  if (out === undefined) {
    for (const chunk of chunks) io.stdout(chunk);
    return;
  }
  const path = resolve(io.cwd, out);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const stream = createWriteStream(tmp, { encoding: "utf8" });
    for (const chunk of chunks) {
      if (!stream.write(chunk)) await new Promise<void>((r) => stream.once("drain", () => r()));
    }
    await new Promise<void>((ok, fail) => stream.end((err?: Error | null) => (err ? fail(err) : ok())));
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

function reportProblems(io: CliIO, file: string, r: ParseResult): void {
  for (const p of r.problems.slice(0, 20)) io.stderr(`${file}:${p.line}: ${p.message}\n    ${p.text}\n`);
  if (r.problemCount > 20)
    io.stderr(`... and ${r.problemCount - 20} more problems (see forex-ai data inspect).\n`);
}

function target(r: ParseResult, to: Timeframe | undefined): Bars {
  if (to === undefined || to === r.timeframe) return r.bars;
  if (r.timeframe === undefined) {
    throw new Error("cannot tell the file's timeframe from its times, so it cannot be resampled.");
  }
  return resample(r.bars, r.timeframe, to);
}

export const dataConvertCommand: CliCommand = {
  name: "data convert",
  summary: "Convert a price file to clean UTC CSV or JSON, optionally resampled",
  usage: [
    "forex-ai data convert <file> --to csv|json [--timeframe H1] [--tz utc|broker-ny|broker|new-york|est]",
    "                      [--symbol EURUSD] [--out FILE] [--skip-bad]",
    "",
    "  --to         output format: csv (Time,Open,High,Low,Close,Volume) or json",
    "  --timeframe  resample to M5, M15, M30, H1, H4, D1 or W1 (days roll at 17:00 New York)",
    "  --tz         zone the input file's times are written in (default utc); output is UTC",
    "  --symbol     symbol to record (default: from the file name or contents)",
    "  --out        write to FILE instead of stdout",
    "  --skip-bad   drop bad rows (listed on stderr) instead of stopping at the first one",
  ].join("\n"),
  async run(argv, io) {
    const args = parseDataArgs(argv, ["to", "timeframe", "tz", "out", "symbol"], ["skip-bad"]);
    const to = args.values.get("to");
    if (to !== "csv" && to !== "json") throw new UsageError("--to must be csv or json.");
    const timeframe = timeframeOption(args);
    const result = await parseFile(io.cwd, args.file, {
      tz: tzOption(args),
      mode: args.flags.has("skip-bad") ? "skip" : "abort",
      symbol: args.values.get("symbol"),
    });
    reportProblems(io, args.file, result);
    if (!result.ok) {
      io.stderr(
        `forex-ai data convert: ${result.failure} Nothing was written.${args.flags.has("skip-bad") ? "" : " Use --skip-bad to drop bad rows."}\n`,
      );
      return 1;
    }
    const bars = target(result, timeframe);
    const digits = result.symbol?.digits ?? 5;
    const chunks =
      to === "csv"
        ? csvChunks(bars, { digits })
        : jsonChunks(
            bars,
            {
              symbol: result.symbol?.symbol ?? null,
              simulated: result.symbol?.simulated ?? false,
              timeframe: timeframe ?? result.timeframe ?? null,
              timezone: "UTC",
            },
            digits,
          );
    await writeOut(io, args.values.get("out"), chunks);
    return 0;
  },
};
