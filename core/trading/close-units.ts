/**
 * The units of a partial close, checked the same way for every account (paper, connector):
 * a whole number from 1 to the position's size. Nothing else may reach a broker, where an
 * empty or zero amount could read as "close all".
 */

/** null when `units` may be closed out of `size`, else what to enter instead. */
export function closeUnitsProblem(units: number, size: number): string | null {
  if (Number.isInteger(units) && units >= 1 && units <= size) return null;
  const got = Number.isNaN(units) ? "nothing" : String(units);
  return `Units to close must be a whole number from 1 to ${size} (got ${got}).`;
}
