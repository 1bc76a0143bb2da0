/**
 * Bars back to CSV text ("export back to CSV"), as a generator of chunks so that millions of
 * bars never become one giant string unless the caller wants it. The output is the generic
 * header layout the parser reads back: Time,Open,High,Low,Close,Volume with UTC times, plus
 * a Spread column (points; empty where unknown) when the bars carry the data's own spread.
 */
import type { Bars } from "./candles.ts";
import { formatDateTime, MS_PER_DAY } from "./civil-time.ts";
import { createUtcToLocal, type TimeZoneId } from "./time-zones.ts";

export interface CsvWriteOptions {
  /** price decimals; default 5 */
  digits?: number;
  /** zone of the written times; default "utc" */
  tz?: TimeZoneId;
  /** write the header row; default true */
  header?: boolean;
  /** rows per yielded chunk; default 10,000 */
  chunkRows?: number;
  /** delimiter; default "," */
  delimiter?: "," | ";" | "\t";
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

/** "HH:MM:SS" for ms since midnight (whole seconds). */
function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${TWO_DIGITS[Math.floor(s / 3600)]}:${TWO_DIGITS[Math.floor(s / 60) % 60]}:${TWO_DIGITS[s % 60]}`;
}

/** Yields the CSV text in chunks of whole lines (each ends with "\n"). */
export function* csvChunks(bars: Bars, options: CsvWriteOptions = {}): Generator<string> {
  const { digits = 5, tz = "utc", header = true, chunkRows = 10_000, delimiter: d = "," } = options;
  const toLocal = createUtcToLocal(tz);
  const spread = bars.spread;
  const names = ["Time", "Open", "High", "Low", "Close", "Volume", ...(spread ? ["Spread"] : [])];
  if (header) yield names.join(d) + "\n";
  let lines: string[] = [];
  let cachedDay = Number.NaN;
  let cachedDate = "";
  for (let i = 0; i < bars.length; i++) {
    const local = toLocal(bars.time[i]);
    const day = Math.floor(local / MS_PER_DAY);
    if (day !== cachedDay) {
      cachedDay = day;
      cachedDate = formatDateTime(day * MS_PER_DAY).slice(0, 11);
    }
    const time = cachedDate + clock(local - day * MS_PER_DAY);
    lines.push(
      `${time}${d}${bars.open[i].toFixed(digits)}${d}${bars.high[i].toFixed(digits)}${d}${bars.low[i].toFixed(digits)}` +
        `${d}${bars.close[i].toFixed(digits)}${d}${bars.volume[i]}` +
        (spread ? `${d}${Number.isNaN(spread[i]) ? "" : spread[i]}` : ""),
    );
    if (lines.length === chunkRows) {
      yield `${lines.join("\n")}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join("\n")}\n`;
}

/** The whole CSV as one string (small and medium sets). */
export function barsToCsv(bars: Bars, options: CsvWriteOptions = {}): string {
  return Array.from(csvChunks(bars, options)).join("");
}
