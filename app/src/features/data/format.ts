/* Small display formatters shared by the Data and Chart pages. */
import { formatDateTime } from "../../../../core/market/civil-time.ts";

/** "2017-04-19 09:00" (UTC; seconds only when not zero). */
export function formatUtc(ms: number): string {
  const text = formatDateTime(ms);
  return text.endsWith(":00") ? text.slice(0, 16) : text;
}

/** 1234567 -> "1,234,567". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}
