/** Data and the bare reference loop of the backtest benchmark (scripts/bench/backtest.ts). */
import { seededRandom } from "../../core/backtest/param-space.ts";
import type { Bars } from "../../core/backtest/types.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A seeded EUR/USD-like M1 random walk with 5-decimal prices, weekdays only. */
export function generateM1(n: number, seed: number): Bars {
  const rnd = seededRandom(seed);
  const bars: Bars = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let t = Date.UTC(2020, 0, 6); // a Monday
  let price = 1.1;
  for (let i = 0; i < n; i++) {
    const weekday = (Math.floor(t / DAY) + 4) % 7; // 1970-01-01 was a Thursday
    if (weekday === 6)
      t += 2 * DAY; // Saturday 00:00 -> Monday 00:00
    else if (weekday === 0) t += DAY;
    const vol = 0.00012 * (1 + 0.5 * Math.sin(i / 20_000));
    const open = price;
    const close = Math.round(open * (1 + (rnd() + rnd() + rnd() - 1.5) * vol) * 1e5) / 1e5;
    bars.time[i] = t;
    bars.open[i] = open;
    bars.close[i] = close;
    bars.high[i] = Math.round((Math.max(open, close) + rnd() * vol * open) * 1e5) / 1e5;
    bars.low[i] = Math.round((Math.min(open, close) - rnd() * vol * open) * 1e5) / 1e5;
    bars.volume[i] = 1 + Math.floor(rnd() * 100);
    price = close;
    t += MINUTE;
  }
  return bars;
}

/**
 * The practical limit: the same strategy hand-written over the typed arrays (running-sum
 * SMAs, strict crosses, close-and-reverse at the next open with full-equity sizing, equity
 * per bar). Returns the number of trades.
 */
export function bareLoop(bars: Bars, fast: number, slow: number, cash0: number): number {
  const { open, close } = bars;
  const n = close.length;
  const equity = new Float64Array(n);
  let sumF = 0;
  let sumS = 0;
  let prevF = Number.NaN;
  let prevS = Number.NaN;
  let cash = cash0;
  let pos = 0;
  let entry = 0;
  let signal = 0;
  let trades = 0;
  for (let i = 0; i < n; i++) {
    if (signal !== 0) {
      const px = open[i];
      if (pos !== 0) {
        cash += pos * (px - entry);
        trades++;
      }
      pos = signal * Math.floor((cash * (1 - 2 ** -52)) / px);
      entry = px;
      signal = 0;
    }
    const c = close[i];
    sumF += c;
    sumS += c;
    if (i >= fast) sumF -= close[i - fast];
    if (i >= slow) sumS -= close[i - slow];
    const f = i >= fast - 1 ? sumF / fast : Number.NaN;
    const s = i >= slow - 1 ? sumS / slow : Number.NaN;
    equity[i] = cash + pos * (c - entry);
    if (prevF < prevS && f > s) signal = 1;
    else if (prevF > prevS && f < s) signal = -1;
    prevF = f;
    prevS = s;
  }
  return pos !== 0 ? trades + 1 : trades;
}
