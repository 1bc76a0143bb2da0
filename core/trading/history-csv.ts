/**
 * The trade history CSV format shared by paper-trading export/import, the AI supervisor's
 * habit analytics and the `forex-ai habits` command:
 *
 *   symbol,side,units,entryTime,exitTime,entryPrice,exitPrice,pnl[,note][,tags]
 *
 * Times are ISO 8601 in UTC (a trailing Z or +00:00; another offset is converted to UTC),
 * pnl is in the account currency, side is buy/sell (long/short accepted), units > 0.
 * Columns may come in any order and their names are matched ignoring case, spaces and
 * underscores; unknown columns are ignored. `note` (free text) and `tags` (separated by ";")
 * are kept when present. Every problem is reported with its line number and column name.
 */
import { DomainError } from "../errors.ts";
import { quoteCsvField, readCsvRows } from "./csv-rows.ts";

/** One closed trade of a trade history. */
export interface HistoryTrade {
  /** upper-case symbol as written, e.g. "EURUSD" (a slash or dot is kept) */
  symbol: string;
  side: "buy" | "sell";
  /** position size in units of the base currency, > 0 */
  units: number;
  /** UTC milliseconds */
  entryTime: number;
  /** UTC milliseconds, >= entryTime */
  exitTime: number;
  entryPrice: number;
  exitPrice: number;
  /** realised profit or loss in the account currency, net of costs */
  pnl: number;
  note?: string;
  tags?: string[];
}

export interface HistoryCsvProblem {
  /** 1-based line of the file */
  line: number;
  /** column name the problem is in, when it is about one field */
  column?: string;
  message: string;
}

export interface HistoryCsvResult {
  /** true when the file had no problem at all */
  ok: boolean;
  /** the valid rows (all rows when ok) */
  trades: HistoryTrade[];
  /** the first maxProblems problems in file order */
  problems: HistoryCsvProblem[];
  /** every problem counted, also those not listed */
  problemCount: number;
}

export interface HistoryCsvOptions {
  /** cap on listed problems; default 100 */
  maxProblems?: number;
}

/** The required columns in the order the formatter writes them. */
export const HISTORY_COLUMNS = [
  "symbol",
  "side",
  "units",
  "entryTime",
  "exitTime",
  "entryPrice",
  "exitPrice",
  "pnl",
] as const;
const OPTIONAL_COLUMNS = ["note", "tags"] as const;
type Column = (typeof HISTORY_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const ISO_UTC =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;
const SIDES: Record<string, "buy" | "sell"> = { buy: "buy", long: "buy", sell: "sell", short: "sell" };
const MS_PER_MINUTE = 60_000;

function normaliseName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, "");
}

/** Parses an ISO 8601 time with a zone into UTC ms; undefined when it is not one. */
export function parseIsoUtc(text: string): number | undefined {
  const m = ISO_UTC.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = "0", frac = "0", zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return undefined;
  }
  const ms = Date.UTC(
    Number(y),
    month - 1,
    day,
    Number(h),
    Number(mi),
    Number(s),
    Number(frac.padEnd(3, "0").slice(0, 3)),
  );
  if (new Date(ms).getUTCDate() !== day) return undefined; // 31 April and the like
  if (zone.toUpperCase() === "Z") return ms;
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  return ms - offset * MS_PER_MINUTE;
}

function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === "" || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
  return Number(t);
}

/** Maps header names to column indexes; problems for missing or repeated columns. */
function readHeader(fields: string[], line: number, problems: HistoryCsvProblem[]): Map<Column, number> {
  const wanted = new Map<string, Column>();
  for (const c of [...HISTORY_COLUMNS, ...OPTIONAL_COLUMNS]) wanted.set(normaliseName(c), c);
  const index = new Map<Column, number>();
  fields.forEach((name, i) => {
    const column = wanted.get(normaliseName(name));
    if (!column) return;
    if (index.has(column))
      problems.push({ line, column, message: `column "${column}" appears twice; keep one` });
    else index.set(column, i);
  });
  const missing = HISTORY_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    problems.push({
      line,
      message:
        `the header lacks ${missing.map((c) => `"${c}"`).join(", ")}; the first line must name the columns ` +
        HISTORY_COLUMNS.join(","),
    });
  }
  return index;
}

type RowOutcome = { trade: HistoryTrade } | { problems: HistoryCsvProblem[] };

/** Validates one data row. */
function readRow(fields: string[], line: number, index: Map<Column, number>): RowOutcome {
  const problems: HistoryCsvProblem[] = [];
  const get = (c: Column) => {
    const i = index.get(c);
    return i === undefined ? "" : (fields[i] ?? "").trim();
  };
  const fail = (column: Column, message: string) => problems.push({ line, column, message });
  const symbol = get("symbol").toUpperCase();
  if (symbol === "") fail("symbol", "symbol is empty");
  const side = SIDES[get("side").toLowerCase()];
  if (!side) fail("side", `side "${get("side")}" must be buy or sell`);
  const numberOf = (c: Column, check: (n: number) => boolean, rule: string) => {
    const n = parseNumber(get(c));
    if (n === undefined || !Number.isFinite(n)) fail(c, `${c} "${get(c)}" is not a number`);
    else if (!check(n)) fail(c, `${c} ${get(c)} ${rule}`);
    return n ?? Number.NaN;
  };
  const units = numberOf("units", (n) => n > 0, "must be greater than 0");
  const entryPrice = numberOf("entryPrice", (n) => n > 0, "must be greater than 0");
  const exitPrice = numberOf("exitPrice", (n) => n > 0, "must be greater than 0");
  const pnl = numberOf("pnl", () => true, "");
  const timeOf = (c: Column) => {
    const t = parseIsoUtc(get(c));
    if (t === undefined) fail(c, `${c} "${get(c)}" is not an ISO 8601 UTC time such as 2024-03-01T14:30:00Z`);
    return t ?? Number.NaN;
  };
  const entryTime = timeOf("entryTime");
  const exitTime = timeOf("exitTime");
  if (exitTime < entryTime)
    fail("exitTime", `exitTime ${get("exitTime")} is before entryTime ${get("entryTime")}`);
  if (problems.length > 0 || !side) return { problems };
  const trade: HistoryTrade = { symbol, side, units, entryTime, exitTime, entryPrice, exitPrice, pnl };
  if (index.has("note")) {
    const note = get("note");
    if (note !== "") trade.note = note;
  }
  if (index.has("tags")) {
    const tags = get("tags")
      .split(";")
      .map((t) => t.trim())
      .filter((t) => t !== "");
    if (tags.length > 0) trade.tags = tags;
  }
  return { trade };
}

/** Parses a trade history; bad rows are listed with their line, the good ones kept. */
export function parseHistoryCsv(text: string, options: HistoryCsvOptions = {}): HistoryCsvResult {
  const maxProblems = options.maxProblems ?? 100;
  const problems: HistoryCsvProblem[] = [];
  let problemCount = 0;
  const add = (list: HistoryCsvProblem[]) => {
    problemCount += list.length;
    for (const p of list) if (problems.length < maxProblems) problems.push(p);
  };
  const { rows, error } = readCsvRows(text);
  if (rows.length === 0) {
    add([
      {
        line: 1,
        message: `the file is empty; the first line must name the columns ${HISTORY_COLUMNS.join(",")}`,
      },
    ]);
    return { ok: false, trades: [], problems, problemCount };
  }
  const headerProblems: HistoryCsvProblem[] = [];
  const index = readHeader(rows[0].fields, rows[0].line, headerProblems);
  add(headerProblems);
  if (HISTORY_COLUMNS.some((c) => !index.has(c))) return { ok: false, trades: [], problems, problemCount };
  const trades: HistoryTrade[] = [];
  for (const row of rows.slice(1)) {
    const outcome = readRow(row.fields, row.line, index);
    if ("trade" in outcome) trades.push(outcome.trade);
    else add(outcome.problems);
  }
  if (error) add([error]);
  return { ok: problemCount === 0, trades, problems, problemCount };
}

/** Formats one problem as "line 3, pnl: ...". */
export function formatHistoryProblem(p: HistoryCsvProblem): string {
  return `line ${p.line}${p.column ? `, ${p.column}` : ""}: ${p.message}`;
}

/** Parses or throws a DomainError ("history_csv_invalid") listing the first problems. */
export function parseHistoryCsvStrict(text: string): HistoryTrade[] {
  const result = parseHistoryCsv(text, { maxProblems: 10 });
  if (result.ok) return result.trades;
  const more =
    result.problemCount > result.problems.length
      ? ` (and ${result.problemCount - result.problems.length} more)`
      : "";
  throw new DomainError(
    "history_csv_invalid",
    `The trade history has ${result.problemCount} problem(s)${more}:\n${result.problems.map(formatHistoryProblem).join("\n")}`,
  );
}

/** ISO 8601 UTC text for ms, e.g. 2024-03-01T14:30:00Z (milliseconds only when not zero). */
export function formatIsoUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

/** Writes trades in the history format; note and tags columns only when some trade has them. */
export function formatHistoryCsv(trades: readonly HistoryTrade[]): string {
  const withNote = trades.some((t) => t.note !== undefined && t.note !== "");
  const withTags = trades.some((t) => (t.tags?.length ?? 0) > 0);
  const header: string[] = [...HISTORY_COLUMNS];
  if (withNote) header.push("note");
  if (withTags) header.push("tags");
  const lines = [header.join(",")];
  for (const t of trades) {
    const cells = [
      quoteCsvField(t.symbol),
      t.side,
      String(t.units),
      formatIsoUtc(t.entryTime),
      formatIsoUtc(t.exitTime),
      String(t.entryPrice),
      String(t.exitPrice),
      String(t.pnl),
    ];
    if (withNote) cells.push(quoteCsvField(t.note ?? ""));
    if (withTags) cells.push(quoteCsvField((t.tags ?? []).join(";")));
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}
