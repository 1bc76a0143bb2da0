/**
 * Hand-rolled scanners for the CSV hot loop: numbers and date-times are read straight from
 * the big chunk string by char codes (start/end indexes), with no substring or split per
 * field. Decimal numbers are read as integer mantissa / power of ten, which is the correctly
 * rounded double (same as parseFloat) for up to 15 significant digits; longer or exponent
 * forms fall back to Number().
 */
import { daysFromCivil, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from "./civil-time.ts";

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];
const C_0 = 48;
const C_9 = 57;
const C_DOT = 46;
const C_COMMA = 44;
const C_MINUS = 45;
const C_PLUS = 43;
const C_SPACE = 32;
const C_QUOTE = 34;
const C_TAB = 9;

function isBlank(c: number): boolean {
  return c === C_SPACE || c === C_QUOTE || c === C_TAB || c === 39;
}

/** Reads a decimal number in s[start, end); blanks and quotes around it are ignored. NaN if invalid. */
export function scanNumber(s: string, start: number, end: number): number {
  while (start < end && isBlank(s.charCodeAt(start))) start++;
  while (end > start && isBlank(s.charCodeAt(end - 1))) end--;
  if (start >= end) return Number.NaN;
  let i = start;
  let sign = 1;
  const first = s.charCodeAt(i);
  if (first === C_MINUS || first === C_PLUS) {
    if (first === C_MINUS) sign = -1;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= C_0 && c <= C_9) {
      mantissa = mantissa * 10 + (c - C_0);
      digits++;
      if (fraction >= 0) fraction++;
    } else if ((c === C_DOT || c === C_COMMA) && fraction < 0) {
      fraction = 0;
    } else {
      return slowNumber(s, start, end);
    }
  }
  if (digits === 0) return Number.NaN;
  if (digits > 15) return slowNumber(s, start, end);
  return fraction > 0 ? (sign * mantissa) / POW10[fraction] : sign * mantissa;
}

function slowNumber(s: string, start: number, end: number): number {
  const text = s.slice(start, end).replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number.NaN;
  return Number(text);
}

/** True when s[start, end) is a time of day like "17:00" or "17:00:00" (a separate time column). */
export function isTimeOfDay(s: string, start = 0, end = s.length): boolean {
  return /^\s*"?\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?"?\s*$/.test(s.slice(start, end));
}

const MAX_GROUPS = 12;

/**
 * Reads dates and times in the layouts price files use and returns wall-clock ms "as if UTC".
 * After a call, `explicitOffset` holds the offset (ms) written in the text (Z, +02:00,
 * GMT+0200) or NaN, and `epoch` tells whether the value was an epoch number (always UTC).
 * Supported: YYYY-MM-DD[T ]HH:MM[:SS[.fff]], YYYY.MM.DD HH:MM, YYYY/MM/DD, YYYYMMDD HHMMSS,
 * DD.MM.YYYY HH:MM:SS.fff (Dukascopy), DD-MM-YYYY, MM/DD/YYYY (US), epoch seconds or ms,
 * and date-only or time-only fields for files with separate date and time columns.
 */
export class DateTimeScanner {
  explicitOffset = Number.NaN;
  epoch = false;
  private readonly value = new Float64Array(MAX_GROUPS);
  private readonly len = new Int32Array(MAX_GROUPS);
  private readonly sepBefore = new Int32Array(MAX_GROUPS);
  private count = 0;
  private zoneGroup = -1;
  private zoneSign = 0;
  private cacheKey = -1;
  private cacheDays = 0;

  /** Date and time (or date only, or epoch) in s[start, end); NaN when unreadable. */
  scan(s: string, start: number, end: number): number {
    this.explicitOffset = Number.NaN;
    this.epoch = false;
    if (!this.groups(s, start, end)) return Number.NaN;
    const { value, len } = this;
    if (this.count === 1 && len[0] >= 9) return this.epochValue(value[0], len[0]);
    let days: number;
    let next: number;
    if (len[0] === 4) {
      days = this.days(value[0], value[1], value[2]);
      next = 3;
    } else if (len[0] === 8) {
      const v = value[0];
      days = this.days(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
      next = 1;
    } else if (len[0] <= 2 && this.count >= 3 && len[2] === 4) {
      const usOrder = this.sepBefore[1] === 47; // "/" -> month first
      days = usOrder ? this.days(value[2], value[0], value[1]) : this.days(value[2], value[1], value[0]);
      next = 3;
    } else return Number.NaN;
    if (Number.isNaN(days)) return Number.NaN;
    const tod = this.timeOfDay(next, this.zoneGroup >= 0 ? this.zoneGroup : this.count);
    if (Number.isNaN(tod)) return Number.NaN;
    if (this.zoneGroup >= 0) this.explicitOffset = this.zoneOffset();
    return days * MS_PER_DAY + tod;
  }

  /** A time of day alone ("17:00", "17:00:00", "170000") in ms since midnight; NaN when unreadable. */
  scanTimeOfDay(s: string, start: number, end: number): number {
    if (!this.groups(s, start, end)) return Number.NaN;
    return this.timeOfDay(0, this.count);
  }

  private groups(s: string, start: number, end: number): boolean {
    const { value, len, sepBefore } = this;
    let n = 0;
    let inGroup = false;
    let sep = 0;
    let dateGroups = 3;
    this.zoneGroup = -1;
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c >= C_0 && c <= C_9) {
        if (!inGroup) {
          if (n === MAX_GROUPS) return false;
          value[n] = 0;
          len[n] = 0;
          sepBefore[n] = sep;
          inGroup = true;
          n++;
        }
        value[n - 1] = value[n - 1] * 10 + (c - C_0);
        len[n - 1]++;
        continue;
      }
      if (inGroup && n === 1) dateGroups = len[0] === 8 ? 1 : 3;
      inGroup = false;
      sep = c;
      if ((c === C_PLUS || c === C_MINUS) && n > dateGroups && this.zoneGroup < 0) {
        this.zoneGroup = n;
        this.zoneSign = c === C_PLUS ? 1 : -1;
      } else if ((c === 90 || c === 122) && n > dateGroups && this.zoneGroup < 0) {
        this.zoneGroup = n; // "Z": UTC
        this.zoneSign = 0;
      }
    }
    this.count = n;
    return n > 0;
  }

  private epochValue(v: number, digits: number): number {
    this.epoch = true;
    this.explicitOffset = 0;
    return digits <= 11 ? v * 1000 : v;
  }

  private days(y: number, m: number, d: number): number {
    const key = y * 10000 + m * 100 + d;
    if (key === this.cacheKey) return this.cacheDays;
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return Number.NaN;
    const days = daysFromCivil(y, m, d);
    if (d > daysInMonth(y, m)) return Number.NaN;
    this.cacheKey = key;
    this.cacheDays = days;
    return days;
  }

  private timeOfDay(from: number, to: number): number {
    const { value, len } = this;
    const n = to - from;
    let h = 0;
    let m = 0;
    let sec = 0;
    let ms = 0;
    if (n === 1 && (len[from] === 6 || len[from] === 4)) {
      const v = value[from];
      if (len[from] === 6) {
        h = Math.floor(v / 10000);
        m = Math.floor(v / 100) % 100;
        sec = v % 100;
      } else {
        h = Math.floor(v / 100);
        m = v % 100;
      }
    } else if (n >= 2 && n <= 4) {
      h = value[from];
      m = value[from + 1];
      if (n >= 3) sec = value[from + 2];
      if (n === 4) ms = Math.round(value[from + 3] * 10 ** (3 - len[from + 3]));
    } else if (n !== 0) return Number.NaN;
    if (h > 23 || m > 59 || sec > 59 || ms > 999) return Number.NaN;
    return h * MS_PER_HOUR + m * MS_PER_MINUTE + sec * 1000 + ms;
  }

  private zoneOffset(): number {
    if (this.zoneSign === 0) return 0;
    const g = this.zoneGroup;
    const { value, len } = this;
    if (g >= this.count) return 0;
    let h = value[g];
    let m = 0;
    if (len[g] === 4) {
      h = Math.floor(value[g] / 100);
      m = value[g] % 100;
    } else if (g + 1 < this.count) m = value[g + 1];
    return this.zoneSign * (h * MS_PER_HOUR + m * MS_PER_MINUTE);
  }
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
