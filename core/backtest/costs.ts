/**
 * Cost arithmetic shared by the broker: commission, swap nights and Python-compatible
 * floor division (the reference sizes orders with Python's float `//`, which can differ
 * from Math.floor(a / b) by one unit when the quotient rounds up to a whole number).
 */

/** Quotients below this are exact enough for the fast path of pyFloorDiv. */
const FAST_LIMIT = 1e9;
/** Distance from a whole number under which the quotient's rounding could matter. */
const NEAR_WHOLE = 1e-6;

/** Python's float floor division `a // b` (CPython float_floor_div), bit for bit. */
export function pyFloorDiv(a: number, b: number): number {
  // Fast path: when a / b is clearly between two whole numbers, its floor is the exact
  // quotient's floor, which is what Python returns. fmod is only needed near whole numbers.
  const q = a / b;
  if (q > 0 && q < FAST_LIMIT) {
    const whole = Math.floor(q);
    const frac = q - whole;
    if (frac > NEAR_WHOLE && frac < 1 - NEAR_WHOLE) return whole;
  }
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0;
  let floored = Math.floor(div);
  if (div - floored > 0.5) floored += 1;
  return floored;
}

/** Commission options in the form the broker evaluates them. */
export interface CommissionRates {
  fixed: number;
  relative: number;
  perLot: number;
  lotSize: number;
}

/** Commission of one fill: fixed + |size| x price x relative (+ per-lot part), left to right. */
export function commissionOf(rates: CommissionRates, size: number, price: number): number {
  const c = rates.fixed + Math.abs(size) * price * rates.relative;
  return rates.perLot === 0 ? c : c + rates.perLot * (Math.abs(size) / rates.lotSize);
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SUNDAY = 0;
const SATURDAY = 6;

/**
 * Nights of swap booked between two bar times: each rollover crossed counts once, the
 * rollover ending `tripleDay` counts three, rollovers ending a Saturday or Sunday count zero.
 */
export function swapNights(fromMs: number, toMs: number, rolloverHourUtc: number, tripleDay: number): number {
  const shift = rolloverHourUtc * HOUR_MS;
  const first = Math.floor((fromMs - shift) / DAY_MS);
  const last = Math.floor((toMs - shift) / DAY_MS);
  let nights = 0;
  for (let day = first; day < last; day++) {
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    if (weekday === SATURDAY || weekday === SUNDAY) continue;
    nights += weekday === tripleDay ? 3 : 1;
  }
  return nights;
}
