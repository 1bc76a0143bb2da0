/**
 * Bar timeframes (M1 ... W1) with their nominal durations, and detection of a series'
 * timeframe from the spacing of its bar times.
 */
import { DomainError } from "../errors.ts";
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from "./civil-time.ts";

export type Timeframe = "M1" | "M5" | "M15" | "M30" | "H1" | "H4" | "D1" | "W1";

/** All timeframes, shortest first. */
export const TIMEFRAMES: readonly Timeframe[] = ["M1", "M5", "M15", "M30", "H1", "H4", "D1", "W1"];

/** Nominal bar length in ms (a D1 or W1 bar across a DST switch can be an hour shorter or longer). */
export const TIMEFRAME_MS: Record<Timeframe, number> = {
  M1: MS_PER_MINUTE,
  M5: 5 * MS_PER_MINUTE,
  M15: 15 * MS_PER_MINUTE,
  M30: 30 * MS_PER_MINUTE,
  H1: MS_PER_HOUR,
  H4: 4 * MS_PER_HOUR,
  D1: MS_PER_DAY,
  W1: 7 * MS_PER_DAY,
};

/** Human labels for pickers. */
export const TIMEFRAME_LABELS: Record<Timeframe, string> = {
  M1: "1 minute",
  M5: "5 minutes",
  M15: "15 minutes",
  M30: "30 minutes",
  H1: "1 hour",
  H4: "4 hours",
  D1: "1 day",
  W1: "1 week",
};

/** True when the string names a known timeframe (case-sensitive, e.g. "H1"). */
export function isTimeframe(value: string): value is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(value);
}

/** Parses a user-supplied timeframe ("h1", "H1", "60m" is not accepted) or throws a DomainError. */
export function parseTimeframe(value: string): Timeframe {
  const upper = value.trim().toUpperCase();
  if (isTimeframe(upper)) return upper;
  throw new DomainError(
    "bad-timeframe",
    `Unknown timeframe "${value}". Use one of: ${TIMEFRAMES.join(", ")}.`,
  );
}

/** Timeframe whose nominal duration equals ms, if any. */
export function timeframeFromMs(ms: number): Timeframe | undefined {
  return TIMEFRAMES.find((tf) => TIMEFRAME_MS[tf] === ms);
}

const DETECT_SAMPLE = 2000;

/**
 * Detects the timeframe from the spacing of sorted bar times: the most common gap among the
 * first bars (weekend and holiday gaps are rarer than the regular step). D1 data with
 * weekend gaps and W1 data are recognised too. Returns undefined when no known step fits.
 */
export function detectTimeframe(time: Float64Array, length = time.length): Timeframe | undefined {
  const n = Math.min(length, DETECT_SAMPLE);
  if (n < 2) return undefined;
  const counts = new Map<number, number>();
  for (let i = 1; i < n; i++) {
    const gap = time[i] - time[i - 1];
    if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount || (count === bestCount && gap < best)) {
      best = gap;
      bestCount = count;
    }
  }
  const exact = timeframeFromMs(best);
  if (exact) return exact;
  // D1 and W1 spacing in UTC shifts by an hour around DST switches when bars follow a local roll.
  for (const tf of ["D1", "W1"] as const) {
    if (Math.abs(best - TIMEFRAME_MS[tf]) <= MS_PER_HOUR) return tf;
  }
  return undefined;
}

/** Timeframe hinted by a file name: "_H1", "_M15", MT4 "EURUSD60", Dukascopy "Candlestick_1_Hour". */
export function timeframeFromFileName(fileName: string): Timeframe | undefined {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[a-z0-9]+$/i, "");
  const tag = /(?:^|[^A-Za-z0-9])(M1|M5|M15|M30|H1|H4|D1|W1)(?:$|[^A-Za-z0-9])/i.exec(base);
  if (tag) return tag[1].toUpperCase() as Timeframe;
  const duka = /Candlestick_(\d+)_(M|Min|Hour|H|D|Day|W|Week)(?:_|$)/i.exec(base);
  if (duka) {
    const unit = duka[2][0].toUpperCase();
    const minutes = Number(duka[1]) * (unit === "M" ? 1 : unit === "H" ? 60 : unit === "D" ? 1440 : 10080);
    return timeframeFromMs(minutes * MS_PER_MINUTE);
  }
  const mt4 = /^[A-Za-z]{6}[a-z.]*?(1|5|15|30|60|240|1440|10080)$/.exec(base);
  if (mt4) return timeframeFromMs(Number(mt4[1]) * MS_PER_MINUTE);
  return undefined;
}
