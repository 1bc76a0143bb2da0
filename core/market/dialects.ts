/**
 * Recognises the layout ("dialect") of a price file from its first lines: MetaTrader 4/5
 * exports (with or without the <DATE> header, tab or comma), HistData.com ASCII M1,
 * Dukascopy CSV, and any delimited file with a header row or a date-first headerless row.
 */
import { DomainError } from "../errors.ts";
import { DateTimeScanner, isTimeOfDay, scanNumber } from "./scan.ts";
import type { TimeZoneId } from "./time-zones.ts";

export type DialectId = "metatrader" | "histdata" | "dukascopy" | "csv";

/** Column indexes (0-based); -1 when the file has no such column. */
export interface DialectColumns {
  /** date, or date and time together */
  date: number;
  /** separate time-of-day column, -1 when `date` holds both */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  symbol: number;
  /** the data's own spread in points (MetaTrader <SPREAD>, or a header named Spread) */
  spread: number;
}

export interface Dialect {
  id: DialectId;
  /** human description, e.g. "MetaTrader export (tab, <DATE> header)" */
  label: string;
  delimiter: "," | ";" | "\t";
  hasHeader: boolean;
  columns: DialectColumns;
  /** fields a data row needs (highest column used + 1) */
  minFields: number;
  /** header names as written, when there is a header */
  header?: string[];
  /** the zone such files are usually written in (the user still chooses) */
  suggestedTz?: TimeZoneId;
  /** why that zone is suggested, in the trader's words (shown in the import preview) */
  tzNote?: string;
}

/** MetaTrader 4/5 exports carry the broker server's clock, not UTC. */
const MT_NOTE =
  "MetaTrader exports are in the broker's server time, usually UTC+2 (UTC+3 while the US is on " +
  "summer time), so broker time is preselected. If your broker's clock differs, pick its zone.";

function metatrader(d: Dialect): Dialect {
  return { ...d, suggestedTz: "broker-ny", tzNote: MT_NOTE };
}

/** Supported layouts, for error messages and docs. */
export const SUPPORTED_FORMATS =
  "MetaTrader export (<DATE> <TIME> <OPEN> ... or 2024.01.02,17:00,o,h,l,c,v), HistData ASCII " +
  "(20240102 170000;o;h;l;c;v), Dukascopy (Gmt time,Open,High,Low,Close,Volume), or a CSV " +
  "with a header row naming Open, High, Low, Close and a time column";

const DELIMITERS = ["\t", ";", ","] as const;
const MIN_FIELDS = 5;

function splitLine(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((f) => f.trim());
}

/** The first delimiter that splits the first line into >= 5 fields and most lines alike. */
function pickDelimiter(lines: string[]): Dialect["delimiter"] {
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => l.split(d).length);
    const alike = counts.filter((c) => c === counts[0]).length;
    if (counts[0] >= MIN_FIELDS && alike * 2 >= counts.length) return d;
  }
  throw unknownFormat(lines[0], "it has fewer than 5 fields separated by comma, semicolon or tab");
}

function unknownFormat(firstLine: string | undefined, why: string): DomainError {
  const shown = (firstLine ?? "").slice(0, 120);
  return new DomainError(
    "unknown-format",
    `Cannot recognise the file format: ${why}. First line: "${shown}". Supported: ${SUPPORTED_FORMATS}.`,
  );
}

const scanner = new DateTimeScanner();

function isDateTime(field: string): boolean {
  return !Number.isNaN(scanner.scan(field, 0, field.length));
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[<>"'\s_\-.()]/g, "");
}

const NAMES = {
  datetime: [
    "datetime",
    "timestamp",
    "gmttime",
    "localtime",
    "time(utc)",
    "timeutc",
    "opentime",
    "date_time",
    "dt",
    "index",
  ],
  date: ["date", "day", "dtyyyymmdd", "dateutc"],
  time: ["time", "hour"],
  open: ["open", "o", "openbid", "bidopen", "openprice"],
  high: ["high", "h", "highbid", "bidhigh", "highprice"],
  low: ["low", "l", "lowbid", "bidlow", "lowprice"],
  close: ["close", "c", "closebid", "bidclose", "closeprice", "last"],
  volume: ["tickvol", "volume", "vol", "tickvolume", "v", "volumes", "realvolume"],
  symbol: ["ticker", "symbol", "instrument", "pair"],
  spread: ["spread", "spreadpoints", "spreadpts"],
};

/** A separate time column: "17:00", "17:00:00" or compact "1700" / "170000". */
function isTimeColumn(field: string): boolean {
  return isTimeOfDay(field) || /^\d{4}(\d{2})?$/.test(field);
}

function findColumn(names: string[], candidates: readonly string[]): number {
  for (const candidate of candidates) {
    const i = names.indexOf(normalise(candidate));
    if (i >= 0) return i;
  }
  return -1;
}

function headerColumns(header: string[], firstRow: string[] | undefined): DialectColumns {
  const names = header.map(normalise);
  const cols: DialectColumns = {
    date: findColumn(names, NAMES.datetime),
    time: -1,
    open: findColumn(names, NAMES.open),
    high: findColumn(names, NAMES.high),
    low: findColumn(names, NAMES.low),
    close: findColumn(names, NAMES.close),
    volume: findColumn(names, NAMES.volume),
    symbol: findColumn(names, NAMES.symbol),
    spread: findColumn(names, NAMES.spread),
  };
  if (cols.date < 0) {
    const date = findColumn(names, NAMES.date);
    const time = findColumn(names, NAMES.time);
    if (date >= 0 && time >= 0 && firstRow && isTimeColumn(firstRow[time] ?? "")) {
      cols.date = date;
      cols.time = time;
    } else cols.date = date >= 0 ? date : time;
  }
  if (cols.date < 0 && names[0] === "") cols.date = 0; // unnamed index column (pandas to_csv)
  return cols;
}

function requireColumns(cols: DialectColumns, header: string[]): void {
  const missing = (["date", "open", "high", "low", "close"] as const).filter((k) => cols[k] < 0);
  if (missing.length > 0) {
    const what = missing.map((m) => (m === "date" ? "time" : m)).join(", ");
    throw unknownFormat(header.join(","), `the header has no ${what} column`);
  }
}

function minFields(cols: DialectColumns): number {
  return (
    Math.max(
      cols.date,
      cols.time,
      cols.open,
      cols.high,
      cols.low,
      cols.close,
      cols.volume,
      cols.symbol,
      cols.spread,
    ) + 1
  );
}

function withHeader(lines: string[], delimiter: Dialect["delimiter"]): Dialect {
  const header = splitLine(lines[0], delimiter);
  const firstRow = lines[1] === undefined ? undefined : splitLine(lines[1], delimiter);
  const columns = headerColumns(header, firstRow);
  requireColumns(columns, header);
  const names = header.map(normalise);
  const sep = delimiter === "\t" ? "tab" : delimiter === ";" ? "semicolon" : "comma";
  if (header.some((h) => /^<\w+>$/.test(h))) {
    const d = dialect("metatrader", `MetaTrader export (${sep}, <DATE> header)`, delimiter, columns, header);
    // <TICKER>/<PER> headers come from other exporters (Finam) whose clock is not the broker's
    return columns.symbol >= 0 ? d : metatrader(d);
  }
  if (names[columns.date] === "gmttime" || names[columns.date] === "localtime") {
    const gmt = names[columns.date] === "gmttime";
    const d = dialect(
      "dukascopy",
      `Dukascopy CSV (${gmt ? "GMT" : "local"} time)`,
      delimiter,
      columns,
      header,
    );
    return gmt
      ? { ...d, suggestedTz: "utc", tzNote: 'Dukascopy "Gmt time" files are in UTC.' }
      : {
          ...d,
          tzNote:
            'Dukascopy "Local time" is the clock of the computer that downloaded the file: pick that zone.',
        };
  }
  return dialect("csv", `CSV with header (${sep})`, delimiter, columns, header);
}

function dialect(
  id: DialectId,
  label: string,
  delimiter: Dialect["delimiter"],
  columns: DialectColumns,
  header?: string[],
): Dialect {
  return {
    id,
    label,
    delimiter,
    hasHeader: header !== undefined,
    columns,
    minFields: minFields(columns),
    header,
  };
}

function headerless(first: string[], delimiter: Dialect["delimiter"], line: string): Dialect {
  const split = isTimeOfDay(first[1] ?? "");
  const p = split ? 2 : 1;
  const prices = first.slice(p, p + 4).map((f) => scanNumber(f, 0, f.length));
  if (prices.length < 4 || prices.some((x) => Number.isNaN(x))) {
    throw unknownFormat(line, "after the time there must be four prices (open, high, low, close)");
  }
  const volume = first.length > p + 4 ? p + 4 : -1;
  const columns: DialectColumns = {
    date: 0,
    time: split ? 1 : -1,
    open: p,
    high: p + 1,
    low: p + 2,
    close: p + 3,
    volume,
    symbol: -1,
    spread: -1,
  };
  const sep = delimiter === "\t" ? "tab" : delimiter === ";" ? "semicolon" : "comma";
  if (split && /^\d{4}\.\d{2}\.\d{2}$/.test(first[0])) {
    return metatrader(dialect("metatrader", `MetaTrader export (${sep}, no header)`, delimiter, columns));
  }
  if (!split && delimiter === ";" && /^\d{8} \d{6}$/.test(first[0])) {
    return {
      ...dialect("histdata", "HistData.com ASCII (semicolon, EST)", delimiter, columns),
      suggestedTz: "est",
      tzNote: "HistData.com files are in EST without daylight saving (UTC-5 all year).",
    };
  }
  return dialect("csv", `CSV without header (${sep})`, delimiter, columns);
}

/**
 * Detects the dialect from the first lines of a file (a few complete lines; 5-20 is plenty).
 * Throws DomainError("unknown-format") with the supported layouts when nothing fits.
 */
export function detectDialect(firstLines: readonly string[]): Dialect {
  const lines = firstLines
    .map((l) => l.replace(/^\uFEFF/, "").replace(/\r$/, ""))
    .filter((l) => l.trim() !== "");
  if (lines.length === 0)
    throw new DomainError("empty-file", "The file is empty: there are no rows to import.");
  const delimiter = pickDelimiter(lines);
  const first = splitLine(lines[0], delimiter);
  const dataFirst =
    isDateTime(first[0]) && !Number.isNaN(scanNumber(first.at(-1) ?? "", 0, (first.at(-1) ?? "").length));
  return dataFirst ? headerless(first, delimiter, lines[0]) : withHeader(lines, delimiter);
}
