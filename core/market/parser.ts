/**
 * Streaming price-file parser: feed(chunk) text as it is read, then finish(). The whole file
 * never has to sit in memory as one string; a line split across chunks and \r\n endings are
 * handled. The first lines pick the dialect; each row is scanned by char codes into growable
 * typed arrays, converted from the file's time zone to UTC and validated.
 */
import { type Bars, BarsBuilder, createBars } from "./candles.ts";
import { type Dialect, detectDialect } from "./dialects.ts";
import { DateTimeScanner, scanNumber } from "./scan.ts";
import { findSymbol, type SymbolInfo, symbolFromFileName, symbolInfo } from "./symbols.ts";
import { createLocalToUtc, type TimeZoneId } from "./time-zones.ts";
import { detectTimeframe, type Timeframe, timeframeFromFileName } from "./timeframes.ts";
import {
  checkPrices,
  checkSpread,
  type DataProblem,
  DEFAULT_MAX_PROBLEMS,
  type ProblemCode,
  ProblemLog,
  timeOrderProblem,
  type ValidationMode,
} from "./validation.ts";

export interface ParserOptions {
  /** zone the file's wall-clock times are written in (default "utc"); ignored for epoch or offset times */
  tz?: TimeZoneId;
  /** "abort" (default) stops at the first bad row; "skip" drops bad rows and keeps reporting */
  mode?: ValidationMode;
  /** used to recognise the symbol and, as a fallback, the timeframe */
  fileName?: string;
  /** symbol chosen by the user; wins over detection */
  symbol?: string;
  /** force a dialect instead of detecting it */
  dialect?: Dialect;
  /** cap on listed problems (all are counted); default 1000 */
  maxProblems?: number;
}

export interface ParseProgress {
  /** data rows read so far (header and blank lines not counted) */
  rows: number;
  /** characters fed so far (equals bytes for ASCII files) */
  bytes: number;
  problems: number;
}

export interface ParseResult {
  /** false when aborted at a bad row or when no valid bar was found */
  ok: boolean;
  /** why ok is false */
  failure?: string;
  /** the valid bars, UTC, sorted; empty when ok is false */
  bars: Bars;
  dialect: Dialect;
  symbol?: SymbolInfo;
  timeframe?: Timeframe;
  /** first maxProblems problems in file order */
  problems: DataProblem[];
  problemCount: number;
  rowsRead: number;
  rowsSkipped: number;
  bytesRead: number;
  /** things the trader should know that are not problems (e.g. a spread column set aside) */
  notes: string[];
}

/** Why a spread column with no value above 0 is set aside (replay then uses Settings). */
export const SPREAD_ALL_ZERO_NOTE =
  "The Spread column is 0 (or empty) on every bar read, which no market quotes (MetaTrader writes 0 where the broker kept no spread history), so it was set aside: replay uses the spread from Settings.";

export interface Parser {
  feed(chunk: string): ParseProgress;
  finish(): ParseResult;
  progress(): ParseProgress;
}

const DETECT_LINES = 20;
const DETECT_MAX_CHARS = 1 << 20;
const MAX_FIELDS = 64;

/** Creates a streaming parser (see ParserOptions for the defaults). */
export function createParser(options: ParserOptions = {}): Parser {
  return new StreamParser(options);
}

class StreamParser implements Parser {
  private pending = "";
  private dialect: Dialect | undefined;
  private nl = "\n";
  private nlKnown = false;
  private lineNo = 0;
  private headerDone = false;
  private aborted = false;
  private rows = 0;
  private bytes = 0;
  private lastUtc = Number.NEGATIVE_INFINITY;
  private lastLocal = 0;
  private lastLine = 0;
  private symbolText = "";
  private readonly builder = new BarsBuilder(1 << 16);
  private readonly log: ProblemLog;
  private readonly scanner = new DateTimeScanner();
  private readonly toUtc: (local: number, later?: boolean) => number;
  private readonly fs = new Int32Array(MAX_FIELDS);
  private readonly fe = new Int32Array(MAX_FIELDS);

  constructor(private readonly options: ParserOptions) {
    this.log = new ProblemLog(options.maxProblems ?? DEFAULT_MAX_PROBLEMS);
    this.toUtc = createLocalToUtc(options.tz ?? "utc");
    this.dialect = options.dialect;
  }

  progress(): ParseProgress {
    return { rows: this.rows, bytes: this.bytes, problems: this.log.count };
  }

  feed(chunk: string): ParseProgress {
    if (this.bytes === 0 && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    this.bytes += chunk.length;
    if (this.aborted) return this.progress();
    const text = this.pending.length > 0 ? this.pending + chunk : chunk;
    if (!this.nlKnown) this.detectNewline(text);
    if (!this.dialect) {
      if (countLines(text, DETECT_LINES) < DETECT_LINES && text.length < DETECT_MAX_CHARS) {
        this.pending = text;
        return this.progress();
      }
      this.detect(text, false);
    }
    this.pending = this.lines(text, false);
    return this.progress();
  }

  finish(): ParseResult {
    const text = this.pending;
    this.pending = "";
    if (!this.nlKnown) this.detectNewline(text);
    if (!this.dialect) this.detect(text, true);
    if (!this.aborted) this.lines(text, true);
    return this.result();
  }

  /** "\n" (also for \r\n), or "\r" for old Mac files; a lone trailing \r may be half of \r\n. */
  private detectNewline(text: string): void {
    if (text.includes("\n")) this.nlKnown = true;
    else if (text.indexOf("\r") >= 0 && text.indexOf("\r") < text.length - 1) {
      this.nl = "\r";
      this.nlKnown = true;
    }
  }

  /** Picks the dialect from the first complete lines (all lines are complete when final). */
  private detect(text: string, final: boolean): void {
    const lines = text.split(this.nl, DETECT_LINES + 1);
    if (lines.length > DETECT_LINES || !final) lines.pop();
    this.dialect = detectDialect(lines.length > 0 ? lines : [text]);
  }

  /** Processes complete lines; returns the unprocessed tail (a partial last line). */
  private lines(text: string, final: boolean): string {
    const nl = this.nl;
    let pos = 0;
    while (!this.aborted) {
      let end = text.indexOf(nl, pos);
      if (end < 0) {
        if (!final || pos >= text.length) break;
        end = text.length;
      }
      this.lineNo++;
      let le = end;
      if (le > pos && text.charCodeAt(le - 1) === 13) le--;
      if (le > pos) {
        if (!this.headerDone && this.dialect!.hasHeader) this.header(text, pos, le);
        else this.row(text, pos, le);
      }
      pos = end + 1;
    }
    return final || pos >= text.length ? "" : text.slice(pos);
  }

  private header(text: string, start: number, end: number): void {
    if (text.slice(start, end).trim() === "") return;
    this.headerDone = true;
  }

  /** Finds field boundaries with indexOf (native, faster than a char loop here). */
  private splitFields(text: string, start: number, end: number): number {
    const delimiter = this.dialect!.delimiter;
    const { fs, fe } = this;
    let n = 0;
    let p = start;
    while (n < MAX_FIELDS) {
      let d = text.indexOf(delimiter, p);
      if (d < 0 || d > end) d = end;
      fs[n] = p;
      fe[n++] = d;
      if (d >= end) break;
      p = d + 1;
    }
    return n;
  }

  /** Reads, checks and stores one data line; returns whether a bar was stored. */
  private row(text: string, start: number, end: number): boolean {
    const dialect = this.dialect!;
    const cols = dialect.columns;
    const { fs, fe, scanner } = this;
    const n = this.splitFields(text, start, end);
    if (n < dialect.minFields) {
      if (text.slice(start, end).trim() === "") return false;
      this.rows++;
      const sep = dialect.delimiter === "\t" ? "tab" : `"${dialect.delimiter}"`;
      return this.problem(
        "bad-field-count",
        `Expected at least ${dialect.minFields} fields separated by ${sep}, found ${n}; check for missing values.`,
        text,
        start,
        end,
      );
    }
    this.rows++;
    let local = scanner.scan(text, fs[cols.date], fe[cols.date]);
    if (cols.time >= 0) local += scanner.scanTimeOfDay(text, fs[cols.time], fe[cols.time]);
    if (Number.isNaN(local)) {
      return this.problem(
        "bad-time",
        "Cannot read the time; write it like 2024-01-02 17:00:00 (or the file's usual layout).",
        text,
        start,
        end,
      );
    }
    const utc = this.utcOf(local);
    const o = scanNumber(text, fs[cols.open], fe[cols.open]);
    const h = scanNumber(text, fs[cols.high], fe[cols.high]);
    const l = scanNumber(text, fs[cols.low], fe[cols.low]);
    const c = scanNumber(text, fs[cols.close], fe[cols.close]);
    const v =
      cols.volume < 0 || fs[cols.volume] === fe[cols.volume]
        ? 0
        : scanNumber(text, fs[cols.volume], fe[cols.volume]);
    if (!(l > 0 && h >= o && h >= c && l <= o && l <= c && v >= 0 && h < Number.POSITIVE_INFINITY)) {
      const bad = checkPrices(o, h, l, c, v);
      if (bad) return this.problem(bad[0], bad[1], text, start, end);
    }
    if (!(utc > this.lastUtc)) {
      const [code, message] = timeOrderProblem(local, this.lastLocal, this.lastLine);
      return this.problem(code, message, text, start, end);
    }
    let spread = Number.NaN;
    if (cols.spread >= 0) {
      spread = scanNumber(text, fs[cols.spread], fe[cols.spread]);
      if (!(spread >= 0 && spread < Number.POSITIVE_INFINITY)) {
        const cell = text.slice(fs[cols.spread], fe[cols.spread]);
        const bad = Number.isNaN(spread) && isBlankCell(cell) ? undefined : checkSpread(spread, cell);
        if (bad) return this.problem(bad[0], bad[1], text, start, end);
      }
    }
    if (this.builder.length === 0 && cols.symbol >= 0)
      this.symbolText = text.slice(fs[cols.symbol], fe[cols.symbol]);
    if (cols.spread >= 0) this.builder.pushWithSpread(utc, o, h, l, c, v, spread);
    else this.builder.push(utc, o, h, l, c, v);
    this.lastUtc = utc;
    this.lastLocal = local;
    this.lastLine = this.lineNo;
    return true;
  }

  /** UTC for a wall-clock time; a repeated autumn hour is read as standard time when needed to keep order. */
  private utcOf(local: number): number {
    const offset = this.scanner.explicitOffset;
    if (!Number.isNaN(offset)) return local - offset;
    const utc = this.toUtc(local, false);
    if (utc > this.lastUtc) return utc;
    const later = this.toUtc(local, true);
    return later > this.lastUtc ? later : utc;
  }

  private problem(code: ProblemCode, message: string, text: string, start: number, end: number): false {
    this.log.add(this.lineNo, code, message, text.slice(start, end));
    if ((this.options.mode ?? "abort") === "abort") this.aborted = true;
    return false;
  }

  private symbol(): SymbolInfo | undefined {
    const { options } = this;
    if (options.symbol) return symbolInfo(options.symbol);
    return (
      findSymbol(this.symbolText) ??
      (options.fileName ? symbolFromFileName(options.fileName) : undefined) ??
      findSymbol((this.dialect?.header ?? []).join(" "))
    );
  }

  private result(): ParseResult {
    const bars = this.aborted ? createBars(0) : this.builder.build();
    const notes: string[] = [];
    if (bars.spread && !bars.spread.some((v) => v > 0)) {
      delete bars.spread;
      notes.push(SPREAD_ALL_ZERO_NOTE);
    }
    const first = this.log.problems[0];
    let failure: string | undefined;
    if (this.aborted) failure = `Stopped at line ${first.line}: ${first.message}`;
    else if (bars.length === 0) failure = "No valid bars were found in the file.";
    const fileName = this.options.fileName ?? "";
    return {
      ok: failure === undefined,
      failure,
      bars,
      dialect: this.dialect!,
      symbol: this.symbol(),
      timeframe: detectTimeframe(bars.time) ?? timeframeFromFileName(fileName),
      problems: this.log.problems,
      problemCount: this.log.count,
      rowsRead: this.rows,
      rowsSkipped: this.rows - this.builder.length,
      bytesRead: this.bytes,
      notes,
    };
  }
}

/** An empty cell (spaces or quotes only): the value is unknown, not wrong. */
function isBlankCell(cell: string): boolean {
  return cell.replace(/["'\s]/g, "") === "";
}

function countLines(text: string, atMost: number): number {
  let n = 0;
  let p = text.indexOf("\n");
  while (p >= 0 && n < atMost) {
    n++;
    p = text.indexOf("\n", p + 1);
  }
  if (n === 0 && text.includes("\r")) return Math.min(text.split("\r").length - 1, atMost);
  return n;
}

/** Parses a whole string at once (tests, previews and small files). */
export function parseText(text: string, options: ParserOptions = {}): ParseResult {
  const parser = createParser(options);
  parser.feed(text);
  return parser.finish();
}

/** Parses the complete lines of the head of a file (e.g. its first 64 KB) for a preview. */
export function previewText(head: string, options: ParserOptions = {}, maxRows = 20): ParseResult {
  const lines = head.split("\n");
  const complete = lines.length > 1 ? lines.slice(0, Math.min(lines.length - 1, maxRows + 1)) : lines;
  return parseText(complete.join("\n"), { ...options, mode: "skip" });
}
