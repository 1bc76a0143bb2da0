/**
 * The time zones a price file may be written in, with their daylight-saving rules done by
 * hand (no Intl: core must be pure and deterministic). Everything is stored as UTC ms.
 *
 * - "utc": no offset.
 * - "broker": EET/EEST as in Europe/Athens: UTC+2 in winter, UTC+3 in summer; EU switch on the
 *   last Sunday of March and of October at 01:00 UTC.
 * - "broker-ny": "New York close" broker time, as most MetaTrader 4/5 servers run: UTC+2 in
 *   winter, UTC+3 while the US is on summer time (17:00 New York is always midnight); US switch
 *   instants.
 * - "new-york": EST/EDT, US rules: since 2007 second Sunday of March to first Sunday of
 *   November; 1987-2006 first Sunday of April to last Sunday of October; at 02:00 local.
 * - "est": fixed UTC-5 all year (HistData.com files are "EST without daylight saving").
 *
 * Wall-clock times that do not exist (spring forward) are read with the offset in force
 * before the change, i.e. moved forward by one hour. Wall-clock times that occur twice
 * (fall back) are read as the earlier instant (daylight time) unless the caller asks for
 * the later one; the parser asks for the later one when the earlier would not come after
 * the previous bar, so a file that repeats the hour keeps both bars.
 */
import { DomainError } from "../errors.ts";
import { civilToMs, MS_PER_DAY, MS_PER_HOUR, nthWeekdayOfMonth, yearFromMs } from "./civil-time.ts";

export type TimeZoneId = "utc" | "broker" | "broker-ny" | "new-york" | "est";

/** Human labels for the selectable zones. */
export const TIME_ZONES: Record<TimeZoneId, string> = {
  utc: "UTC",
  broker: "Broker time (EET/EEST, UTC+2/+3, EU daylight saving)",
  "broker-ny": "MetaTrader broker time (UTC+2, UTC+3 in US summer time; New York close)",
  "new-york": "New York (EST/EDT, UTC-5/-4, US daylight saving)",
  est: "EST fixed (UTC-5, no daylight saving; HistData.com)",
};

interface ZoneRule {
  stdOffset: number;
  dstOffset: number;
  /** UTC ms of the spring and autumn switches in a year, or undefined when the zone has no DST. */
  switches?: (year: number) => [number, number];
}

function euSwitches(year: number): [number, number] {
  const start = nthWeekdayOfMonth(year, 3, 0, -1) * MS_PER_DAY + MS_PER_HOUR;
  const end = nthWeekdayOfMonth(year, 10, 0, -1) * MS_PER_DAY + MS_PER_HOUR;
  return [start, end];
}

function usSwitches(year: number): [number, number] {
  const startDay = year >= 2007 ? nthWeekdayOfMonth(year, 3, 0, 2) : nthWeekdayOfMonth(year, 4, 0, 1);
  const endDay = year >= 2007 ? nthWeekdayOfMonth(year, 11, 0, 1) : nthWeekdayOfMonth(year, 10, 0, -1);
  // 02:00 local standard time (UTC-5) = 07:00 UTC; 02:00 local daylight time (UTC-4) = 06:00 UTC.
  return [startDay * MS_PER_DAY + 7 * MS_PER_HOUR, endDay * MS_PER_DAY + 6 * MS_PER_HOUR];
}

const RULES: Record<TimeZoneId, ZoneRule> = {
  utc: { stdOffset: 0, dstOffset: 0 },
  broker: { stdOffset: 2 * MS_PER_HOUR, dstOffset: 3 * MS_PER_HOUR, switches: euSwitches },
  "broker-ny": { stdOffset: 2 * MS_PER_HOUR, dstOffset: 3 * MS_PER_HOUR, switches: usSwitches },
  "new-york": { stdOffset: -5 * MS_PER_HOUR, dstOffset: -4 * MS_PER_HOUR, switches: usSwitches },
  est: { stdOffset: -5 * MS_PER_HOUR, dstOffset: -5 * MS_PER_HOUR },
};

/** Checks a user-supplied zone name; accepts a few common aliases. */
export function parseTimeZone(name: string): TimeZoneId {
  const key = name.trim().toLowerCase();
  const aliases: Record<string, TimeZoneId> = {
    utc: "utc",
    gmt: "utc",
    z: "utc",
    broker: "broker",
    eet: "broker",
    eest: "broker",
    "europe/athens": "broker",
    "broker-ny": "broker-ny",
    mt4: "broker-ny",
    mt5: "broker-ny",
    "ny-close": "broker-ny",
    "new-york": "new-york",
    newyork: "new-york",
    ny: "new-york",
    "america/new_york": "new-york",
    est: "est",
    "utc-5": "est",
  };
  const zone = aliases[key];
  if (!zone) {
    throw new DomainError(
      "bad-time-zone",
      `Unknown time zone "${name}". Use one of: utc, broker, new-york, est, broker-ny (MetaTrader, New York close).`,
    );
  }
  return zone;
}

/** Offset (ms to add to UTC to get wall-clock time) in force at a UTC instant. */
export function utcOffsetAt(utcMs: number, tz: TimeZoneId): number {
  const rule = RULES[tz];
  if (!rule.switches) return rule.stdOffset;
  const [start, end] = rule.switches(yearFromMs(utcMs));
  return utcMs >= start && utcMs < end ? rule.dstOffset : rule.stdOffset;
}

/** Wall-clock time (as ms "as if UTC") in a zone for a UTC instant. */
export function utcToLocal(utcMs: number, tz: TimeZoneId): number {
  return utcMs + utcOffsetAt(utcMs, tz);
}

/** Which instant to choose for a wall-clock time that occurs twice (autumn). */
export type Disambiguation = "earlier" | "later";

/** UTC instant for a wall-clock time in a zone (see the module comment for gaps and repeats). */
export function localToUtc(localMs: number, tz: TimeZoneId, which: Disambiguation = "earlier"): number {
  return createLocalToUtc(tz)(localMs, which === "later");
}

/**
 * A fast local->UTC converter for sorted streams: caches the current year's switch points,
 * so a row costs a few comparisons. `later` picks the standard-time reading of a repeated hour.
 */
export function createLocalToUtc(tz: TimeZoneId): (localMs: number, later?: boolean) => number {
  const rule = RULES[tz];
  const std = rule.stdOffset;
  const dst = rule.dstOffset;
  if (!rule.switches) return (local) => local - std;
  const switches = rule.switches;
  let yearStart = 1;
  let yearEnd = 0;
  let gapStart = 0;
  let gapEnd = 0;
  let repeatStart = 0;
  let repeatEnd = 0;
  const load = (local: number) => {
    const year = yearFromMs(local);
    yearStart = civilToMs(year, 1, 1);
    yearEnd = civilToMs(year + 1, 1, 1);
    const [start, end] = switches(year);
    gapStart = start + std;
    gapEnd = start + dst;
    repeatStart = end + std;
    repeatEnd = end + dst;
  };
  return (local, later = false) => {
    if (local < yearStart || local >= yearEnd) load(local);
    if (local < gapStart) return local - std;
    if (local < gapEnd) return local - std; // nonexistent: read with the pre-switch offset
    if (local < repeatStart) return local - dst;
    if (local < repeatEnd) return later ? local - std : local - dst;
    return local - std;
  };
}

/** A fast UTC->local converter for sorted streams (caches the current year's switches). */
export function createUtcToLocal(tz: TimeZoneId): (utcMs: number) => number {
  const rule = RULES[tz];
  if (!rule.switches) return (utc) => utc + rule.stdOffset;
  const switches = rule.switches;
  let yearStart = 1;
  let yearEnd = 0;
  let start = 0;
  let end = 0;
  return (utc) => {
    if (utc < yearStart || utc >= yearEnd) {
      const year = yearFromMs(utc);
      yearStart = civilToMs(year, 1, 1);
      yearEnd = civilToMs(year + 1, 1, 1);
      [start, end] = switches(year);
    }
    return utc + (utc >= start && utc < end ? rule.dstOffset : rule.stdOffset);
  };
}
