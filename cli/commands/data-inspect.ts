/**
 * `forex-ai data inspect <file>`: what a price file is (dialect, symbol, timeframe, rows,
 * range) and every problem with its line number. Bad rows are counted, never fatal here.
 */
import { formatIsoUtc, type ParseResult, TIME_ZONES, type TimeZoneId } from "../../core/market/index.ts";
import { parseDataArgs, tzOption } from "../data-args.ts";
import type { CliCommand } from "../io.ts";
import { parseFile } from "../read-file-chunks.ts";

const SHOWN_PROBLEMS = 20;

/** The file's own spread column in points: smallest, largest, and bars left empty (unknown); null without one. */
function spreadSummary(spread: Float64Array | undefined, n: number) {
  if (!spread) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let unknown = 0;
  for (let i = 0; i < n; i++) {
    const x = spread[i];
    if (Number.isNaN(x)) unknown++;
    else {
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return unknown === n ? { min: null, max: null, unknown } : { min, max, unknown };
}

/** The JSON shape printed by --json (also used by tests). */
export function inspectReport(file: string, tz: TimeZoneId, r: ParseResult) {
  const n = r.bars.length;
  return {
    file,
    ok: r.ok && r.problemCount === 0,
    dialect: {
      id: r.dialect.id,
      label: r.dialect.label,
      delimiter: r.dialect.delimiter,
      hasHeader: r.dialect.hasHeader,
    },
    suggestedTz: r.dialect.suggestedTz ?? null,
    tz,
    symbol: r.symbol ?? null,
    timeframe: r.timeframe ?? null,
    rows: r.rowsRead,
    bars: n,
    skipped: r.rowsSkipped,
    range: n > 0 ? { from: formatIsoUtc(r.bars.time[0]), to: formatIsoUtc(r.bars.time[n - 1]) } : null,
    spread: spreadSummary(r.bars.spread, n),
    notes: r.notes,
    problemCount: r.problemCount,
    problems: r.problems,
  };
}

function spreadLine(s: ReturnType<typeof spreadSummary>): string {
  if (!s) return "no spread column (replay uses the Settings spread)";
  const range = s.min === null ? "all bars empty" : `${s.min} to ${s.max} points`;
  return `own column, ${range}${s.unknown > 0 ? `, ${s.unknown} bars empty (unknown)` : ""}`;
}

function human(report: ReturnType<typeof inspectReport>): string {
  const s = report.symbol;
  const lines = [
    `File:       ${report.file}`,
    `Format:     ${report.dialect.label}`,
    `Symbol:     ${s ? `${s.label} (pip ${s.pipSize}, ${s.digits} digits)` : "unknown (pass --symbol when converting)"}`,
    `Timeframe:  ${report.timeframe ?? "unknown"}`,
    `Time zone:  ${TIME_ZONES[report.tz]}${report.suggestedTz && report.suggestedTz !== report.tz ? ` (such files are usually ${report.suggestedTz}: try --tz ${report.suggestedTz})` : ""}`,
    `Rows:       ${report.rows} read, ${report.bars} valid, ${report.skipped} with problems`,
    `Range:      ${report.range ? `${report.range.from} -> ${report.range.to} (UTC)` : "no valid bars"}`,
    `Spread:     ${spreadLine(report.spread)}`,
    ...report.notes.map((note) => `Note:       ${note}`),
    `Problems:   ${report.problemCount === 0 ? "none" : report.problemCount}`,
  ];
  for (const p of report.problems.slice(0, SHOWN_PROBLEMS)) {
    lines.push(`  line ${p.line}: ${p.message}`, `    ${p.text}`);
  }
  const hidden = report.problemCount - Math.min(report.problems.length, SHOWN_PROBLEMS);
  if (hidden > 0) lines.push(`  ... and ${hidden} more (--json lists up to ${report.problems.length}).`);
  return `${lines.join("\n")}\n`;
}

export const dataInspectCommand: CliCommand = {
  name: "data inspect",
  summary: "Describe a price file: format, symbol, timeframe, rows, range, problems",
  usage: [
    "forex-ai data inspect <file> [--tz utc|broker-ny|broker|new-york|est] [--json]",
    "",
    "Reads a MetaTrader, HistData, Dukascopy or headed CSV price file and reports its format,",
    "symbol, timeframe, row count, time range (UTC) and every bad row with its line number.",
    "  --tz     zone the file's times are written in (default utc)",
    "  --json   machine-readable report",
    "Exit code 0 when the file is clean, 1 when it has problems or cannot be read.",
  ].join("\n"),
  async run(argv, io) {
    const args = parseDataArgs(argv, ["tz"], ["json"]);
    const tz = tzOption(args);
    const result = await parseFile(io.cwd, args.file, { tz, mode: "skip" });
    const report = inspectReport(args.file, tz, result);
    io.stdout(args.flags.has("json") ? `${JSON.stringify(report, null, 2)}\n` : human(report));
    return report.ok ? 0 : 1;
  },
};
