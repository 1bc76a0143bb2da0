/**
 * Market replay: a stored data set played back as bid/ask quotes, four per bar (open, the
 * extreme the bar reached first, the other extreme, close: low first on a rising bar, high
 * first on a falling one, as MetaTrader's "OHLC" model does). Bars are bid prices (as in
 * MetaTrader exports); the ask adds the data's own spread of the bar when the data has one
 * (points x point size; 0 is a real zero spread), else the spread from the settings (a bar
 * whose own spread is unknown, NaN, also takes the settings spread).
 *
 * Pacing is in market time: at speed s a bar of timeframe T lasts T / s of wall time, and
 * gaps between bars (nights, weekends) count as one quote step, so 1x plays a live-like
 * session without waiting through a weekend. Pure: the caller says how much wall time
 * passed (pump), steps a bar (stepBar), jumps (jumpTo) or draws quotes one by one (next).
 */
import type { PaperQuote } from "./types.ts";

/** Columns a replay reads (core/market Bars fit). */
export interface ReplayBars {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

export interface ReplayOptions {
  symbol: string;
  bars: ReplayBars;
  /** Bar duration in ms (60,000 for M1). */
  timeframeMs: number;
  pipSize: number;
  /** Spread in pips used when the data has none (or a bar's own spread is unknown). */
  spreadPips: number;
  /** The data's own spread per bar, in points, as MetaTrader exports it (NaN = unknown). */
  spreadPoints?: Float64Array;
  /** Price of one point (10^-digits: 0.00001 for EURUSD, 0.01 for XAUUSD); default pipSize / 10. */
  pointSize?: number;
  /** First bar to play: the first bar at or after this time (default: the first bar). */
  start?: number;
}

/** Where a replay stands; saved with the account so a reload resumes at the same quote. */
export interface ReplayPosition {
  bar: number;
  /** Quote within the bar, 0..3. */
  sub: number;
}

export const QUOTES_PER_BAR = 4;
export const MIN_SPEED = 1;
export const MAX_SPEED = 1000;

/** First index whose time is >= t (bars.length when none). */
export function barAtOrAfter(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MarketReplay {
  readonly symbol: string;
  private readonly bars: ReplayBars;
  private readonly tf: number;
  private readonly pip: number;
  private readonly spreadPips: number;
  private readonly spreadPoints: Float64Array | undefined;
  private readonly point: number;
  private bar: number;
  private sub = 0;
  /** Market time owed to the replay by pump() and not yet spent on quotes. */
  private budget = 0;
  private lastTime = Number.NaN;

  constructor(o: ReplayOptions) {
    this.symbol = o.symbol;
    this.bars = o.bars;
    this.tf = o.timeframeMs;
    this.pip = o.pipSize;
    this.spreadPips = o.spreadPips;
    this.spreadPoints = o.spreadPoints;
    this.point = o.pointSize ?? o.pipSize / 10;
    this.bar = o.start === undefined ? 0 : barAtOrAfter(o.bars.time, o.start);
  }

  /** Whether quotes take the data's own per-bar spread (else the settings spread). */
  get spreadFromData(): boolean {
    return this.spreadPoints !== undefined;
  }

  get length(): number {
    return this.bars.time.length;
  }

  get done(): boolean {
    return this.bar >= this.length;
  }

  position(): ReplayPosition {
    return { bar: this.bar, sub: this.sub };
  }

  /** Resumes at a saved position. */
  seek(p: ReplayPosition): void {
    this.bar = Math.max(0, Math.min(this.length, Math.floor(p.bar)));
    this.sub = this.bar < this.length ? Math.max(0, Math.min(QUOTES_PER_BAR - 1, Math.floor(p.sub))) : 0;
    this.budget = 0;
  }

  /** Moves to the first bar at or after `time`; returns that bar's index. */
  jumpTo(time: number): number {
    this.seek({ bar: barAtOrAfter(this.bars.time, time), sub: 0 });
    return this.bar;
  }

  /** Market time of the next quote (NaN when done). */
  nextTime(): number {
    if (this.done) return Number.NaN;
    return this.quoteTime(this.bar, this.sub);
  }

  /** The next quote, or undefined at the end of the data. */
  next(): PaperQuote | undefined {
    if (this.done) return undefined;
    const i = this.bar;
    const k = this.sub;
    const bid = this.priceOf(i, k);
    const q: PaperQuote = {
      symbol: this.symbol,
      bid,
      ask: bid + this.spreadAt(i),
      time: this.quoteTime(i, k),
    };
    this.lastTime = q.time;
    if (++this.sub === QUOTES_PER_BAR) {
      this.sub = 0;
      this.bar++;
    }
    return q;
  }

  /** The remaining quotes of the current bar (a whole bar when at its start). */
  stepBar(): PaperQuote[] {
    const out: PaperQuote[] = [];
    const bar = this.bar;
    while (!this.done && this.bar === bar) out.push(this.next() as PaperQuote);
    return out;
  }

  /** Quotes due after `wallMs` of wall time at `speed` (1..1000, clamped). */
  pump(wallMs: number, speed: number, max = Number.POSITIVE_INFINITY): PaperQuote[] {
    const s = Math.max(MIN_SPEED, Math.min(MAX_SPEED, speed));
    this.budget += wallMs * s;
    const out: PaperQuote[] = [];
    const step = this.tf / QUOTES_PER_BAR;
    while (!this.done && out.length < max) {
      const gap = Number.isNaN(this.lastTime) ? 0 : Math.min(this.nextTime() - this.lastTime, step);
      if (gap > this.budget) break;
      this.budget -= gap;
      out.push(this.next() as PaperQuote);
    }
    if (this.done) this.budget = 0;
    return out;
  }

  private quoteTime(i: number, k: number): number {
    const t = this.bars.time[i];
    return k === QUOTES_PER_BAR - 1 ? t + this.tf - 1000 : t + (k * this.tf) / QUOTES_PER_BAR;
  }

  private priceOf(i: number, k: number): number {
    const b = this.bars;
    if (k === 0) return b.open[i];
    if (k === QUOTES_PER_BAR - 1) return b.close[i];
    const rising = b.close[i] >= b.open[i];
    return rising === (k === 1) ? b.low[i] : b.high[i];
  }

  /** The ask - bid of bar i in price units. */
  private spreadAt(i: number): number {
    const points = this.spreadPoints?.[i];
    return points !== undefined && points >= 0 ? points * this.point : this.spreadPips * this.pip;
  }
}
