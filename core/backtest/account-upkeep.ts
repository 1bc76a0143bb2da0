/**
 * Per-bar account upkeep of the Broker besides order fills: swap at rollovers, margin
 * stop-out and trailing stops. Kept apart so the matching code stays readable.
 */
import type { Broker } from "./broker.ts";
import { swapNights } from "./costs.ts";

/** Books swap for the rollovers between the previous bar and this one, once per bar time. */
export function bookSwap(b: Broker): void {
  if (b.time === b.swapBookedAt || Number.isNaN(b.prevTime)) return;
  b.swapBookedAt = b.time;
  const s = b.settings;
  const nights = swapNights(b.prevTime, b.time, s.rolloverHourUtc, s.tripleSwapDay);
  if (nights === 0) return;
  for (const t of b.trades) {
    const points = t.size > 0 ? s.swapLong : s.swapShort;
    const amount = points * s.pointSize * Math.abs(t.size) * nights * b.quoteToAccount;
    t.swap += amount;
    b.cash += amount;
  }
}

/** Closes the worst trade at the close while equity / used margin is under the stop-out level. */
export function stopOut(b: Broker): void {
  while (b.trades.length > 0) {
    const used = b.marginUsed();
    if (used === 0 || b.equity() / used >= b.settings.stopOutLevel) return;
    let worst = b.trades[0];
    for (const t of b.trades)
      if (t.profitAt(b.exitPriceOf(t)) < worst.profitAt(b.exitPriceOf(worst))) worst = t;
    b.closeTrade(worst, b.exitPriceOf(worst), b.index, "stop-out");
  }
}

/** Moves trailing stops toward the close (never away), effective from the next bar. */
export function trail(b: Broker): void {
  const trades = b.trades;
  for (let k = 0; k < trades.length; k++) {
    const t = trades[k];
    const d = t.trailingStop;
    if (Number.isNaN(d)) continue;
    const level = t.size > 0 ? b.close - d : b.exitPriceOf(t) + d;
    if (t.size > 0 ? level > t.sl : level < t.sl) b.setStopLoss(t, level);
  }
}
