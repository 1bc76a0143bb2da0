/**
 * Resampling of bars to a higher timeframe in one pass over the typed arrays:
 * first open, max high, min low, last close, summed volume, and (when the data has its own
 * spread column) the widest known spread of the bucket's bars. Only buckets that hold at least
 * one input bar are produced, so weekends and holidays leave gaps instead of fake bars.
 *
 * Bucket rules (all bar times are bar open times in UTC):
 * - M5, M15, M30, H1: aligned to the UTC clock (e.g. 13:00-13:59 -> 13:00).
 * - D1: the forex day, from 17:00 New York time to 17:00 the next day; the bar for trading
 *   day Tuesday starts Monday 17:00 NY (21:00 or 22:00 UTC depending on US DST).
 * - H4: six buckets per forex day starting 17:00 NY (17, 21, 01, 05, 09, 13 NY); on the
 *   25-hour day of a DST switch the last bucket takes the extra hour, on the 23-hour day it
 *   is one hour short.
 * - W1: from Sunday 17:00 NY to the next Sunday 17:00 NY.
 *
 * Spread rule, the maximum: conservative (a higher-timeframe bar never claims a tighter
 * spread than the data showed inside it) and exact when a bucket is joined across two
 * stored chunks (max of maxes). Unknown (NaN) spreads are ignored; all unknown gives NaN.
 */
import { DomainError } from "../errors.ts";
import { type Bars, createBars, sliceBars } from "./candles.ts";
import { MS_PER_DAY, MS_PER_HOUR, weekdayFromDays } from "./civil-time.ts";
import { createLocalToUtc, createUtcToLocal } from "./time-zones.ts";
import { TIMEFRAME_MS, type Timeframe } from "./timeframes.ts";

/** Hour of the New York clock at which the forex day rolls. */
export const FOREX_DAY_ROLL_HOUR_NY = 17;
const ROLL_MS = FOREX_DAY_ROLL_HOUR_NY * MS_PER_HOUR;

/** Start (UTC ms) of the forex day / week containing a UTC instant, plus the next start. */
export interface SessionWindow {
  start: number;
  end: number;
}

/** Creates a fast finder of forex day windows (17:00 NY roll) for sorted input. */
export function createForexDayFinder(unit: "day" | "week" = "day"): (utcMs: number) => SessionWindow {
  const toLocal = createUtcToLocal("new-york");
  const toUtc = createLocalToUtc("new-york");
  const window: SessionWindow = { start: 1, end: 0 };
  return (utc) => {
    if (utc >= window.start && utc < window.end) return window;
    const local = toLocal(utc);
    const localDay = Math.floor(local / MS_PER_DAY);
    let startDay = local - localDay * MS_PER_DAY >= ROLL_MS ? localDay : localDay - 1;
    if (unit === "week") startDay -= weekdayFromDays(startDay);
    const length = unit === "week" ? 7 : 1;
    window.start = toUtc(startDay * MS_PER_DAY + ROLL_MS);
    window.end = toUtc((startDay + length) * MS_PER_DAY + ROLL_MS);
    return window;
  };
}

/** UTC start of the forex day (17:00 NY roll) containing utcMs. */
export function forexDayStart(utcMs: number): number {
  return createForexDayFinder("day")(utcMs).start;
}

/** UTC start of the forex week (Sunday 17:00 NY) containing utcMs. */
export function forexWeekStart(utcMs: number): number {
  return createForexDayFinder("week")(utcMs).start;
}

function bucketFunction(to: Timeframe): (t: number) => number {
  const dur = TIMEFRAME_MS[to];
  if (dur < TIMEFRAME_MS.H4) return (t) => t - (((t % dur) + dur) % dur);
  const find = createForexDayFinder(to === "W1" ? "week" : "day");
  if (to !== "H4") return (t) => find(t).start;
  const lastSlot = 24 / 4 - 1;
  return (t) => {
    const start = find(t).start;
    return start + Math.min(Math.floor((t - start) / dur), lastSlot) * dur;
  };
}

/** Upper bound of the number of output buckets (a DST day or H4 slot can be an hour short). */
function capacity(bars: Bars, to: Timeframe): number {
  const dur = TIMEFRAME_MS[to];
  const shortest = dur < TIMEFRAME_MS.H4 ? dur : dur - MS_PER_HOUR;
  const span = bars.time[bars.length - 1] - bars.time[0];
  return Math.min(bars.length, Math.floor(span / shortest) + 2);
}

/**
 * Resamples sorted bars of timeframe `from` to the higher timeframe `to` (see the module
 * comment for bucket alignment). Returns new arrays; `from === to` returns a copy.
 */
export function resample(bars: Bars, from: Timeframe, to: Timeframe): Bars {
  if (TIMEFRAME_MS[to] < TIMEFRAME_MS[from]) {
    throw new DomainError(
      "bad-timeframe",
      `Cannot resample ${from} bars down to ${to}; pick ${from} or higher.`,
    );
  }
  if (to === from || bars.length === 0) return sliceBars(bars);
  const out = createBars(capacity(bars, to));
  const bucketOf = bucketFunction(to);
  const { time, open, high, low, close, volume } = bars;
  const oT = out.time;
  const oO = out.open;
  const oH = out.high;
  const oL = out.low;
  const oC = out.close;
  const oV = out.volume;
  const spread = bars.spread;
  const oS = spread ? new Float64Array(out.length) : undefined;
  let k = -1;
  let current = Number.NaN;
  for (let i = 0; i < bars.length; i++) {
    const b = bucketOf(time[i]);
    if (b !== current) {
      current = b;
      k++;
      oT[k] = b;
      oO[k] = open[i];
      oH[k] = high[i];
      oL[k] = low[i];
      oC[k] = close[i];
      oV[k] = volume[i];
      if (oS && spread) oS[k] = spread[i];
    } else {
      if (high[i] > oH[k]) oH[k] = high[i];
      if (low[i] < oL[k]) oL[k] = low[i];
      oC[k] = close[i];
      oV[k] += volume[i];
      if (oS && spread) oS[k] = widerSpread(oS[k], spread[i]);
    }
  }
  if (oS) out.spread = oS;
  return sliceBars(out, 0, k + 1);
}

/** The wider of two spreads in points, ignoring an unknown (NaN) one. */
export function widerSpread(a: number, b: number): number {
  return b > a || Number.isNaN(a) ? b : a;
}
