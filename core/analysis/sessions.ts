/**
 * Forex trading sessions in UTC hours (fixed hours; daylight saving shifts real opens by
 * an hour, which these buckets absorb): Asia 22-07 (Sydney and Tokyo), London 07-12,
 * London/New York overlap 12-16, New York 16-22. Every hour belongs to exactly one.
 */
export type SessionName = "asia" | "london" | "overlap" | "new_york";

export const SESSION_LABELS: Record<SessionName, string> = {
  asia: "Asia",
  london: "London",
  overlap: "London/New York overlap",
  new_york: "New York",
};

export const SESSION_HOURS: Record<SessionName, [start: number, end: number]> = {
  asia: [22, 7],
  london: [7, 12],
  overlap: [12, 16],
  new_york: [16, 22],
};

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The session of an hour of the day (0..23, UTC). */
export function sessionOfHour(hour: number): SessionName {
  if (hour >= 22 || hour < 7) return "asia";
  if (hour < 12) return "london";
  if (hour < 16) return "overlap";
  return "new_york";
}

/** The session a UTC time falls in. */
export function sessionAt(ms: number): SessionName {
  return sessionOfHour(new Date(ms).getUTCHours());
}

/** A key that is the same for every hour of one session's occurrence (Asia spans midnight). */
export function sessionDayKey(ms: number): number {
  return Math.floor((ms + 2 * HOUR_MS) / DAY_MS);
}
