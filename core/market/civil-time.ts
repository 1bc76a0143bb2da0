/**
 * Civil (proleptic Gregorian) calendar arithmetic on UTC milliseconds, without Date:
 * pure integer maths so core stays deterministic and fast in hot parsing loops.
 * Algorithms after Howard Hinnant's "chrono-compatible low-level date algorithms".
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** A calendar date (month 1-12, day 1-31). */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 for a civil date (month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date for a count of days since 1970-01-01. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day of week for days since epoch: 0 = Sunday ... 6 = Saturday. */
export function weekdayFromDays(days: number): number {
  const w = (days + 4) % 7;
  return w < 0 ? w + 7 : w;
}

/** Whole days since epoch containing the given ms (floor, works before 1970). */
export function daysFromMs(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** Year of a millisecond timestamp read as a civil (wall-clock) time. */
export function yearFromMs(ms: number): number {
  return civilFromDays(daysFromMs(ms)).year;
}

/** Milliseconds for a civil date and time of day (no zone: the result is "wall clock as if UTC"). */
export function civilToMs(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000
  );
}

/** Days since epoch of the n-th (1-based) given weekday of a month; n = -1 means the last one. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = daysFromCivil(year, month, 1);
    const offset = (weekday - weekdayFromDays(first) + 7) % 7;
    return first + offset + (n - 1) * 7;
  }
  const nextMonthFirst = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
  const last = nextMonthFirst - 1;
  return last - ((weekdayFromDays(last) - weekday + 7) % 7);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Formats ms as "YYYY-MM-DD HH:MM:SS" (wall clock of the value, no zone suffix). */
export function formatDateTime(ms: number): string {
  const days = daysFromMs(ms);
  const { year, month, day } = civilFromDays(days);
  const rest = ms - days * MS_PER_DAY;
  const h = Math.floor(rest / MS_PER_HOUR);
  const m = Math.floor((rest % MS_PER_HOUR) / MS_PER_MINUTE);
  const s = Math.floor((rest % MS_PER_MINUTE) / 1000);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} ${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`;
}

/** Formats UTC ms as ISO 8601 with a Z suffix and milliseconds, like Date#toISOString. */
export function formatIsoUtc(ms: number): string {
  const whole = Math.floor(ms / 1000) * 1000;
  const frac = ms - whole;
  return `${formatDateTime(whole).replace(" ", "T")}.${pad(Math.round(frac), 3)}Z`;
}
