/**
 * Builds fixed-length bars from a stream of quotes (mid prices), aligned to multiples of the
 * bar length in Unix time. A bar is complete when the first quote of a later bar arrives.
 * Shared by the connector's bot host and the app (pure: times come with the quotes).
 */
import type { Quote } from "../protocol/index.ts";

export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  ticks: number;
}

/** Quote-to-bar aggregation for one symbol. */
export class BarBuilder {
  readonly bars: Bar[] = [];
  private current: Bar | undefined;

  constructor(
    readonly symbol: string,
    readonly barMs: number,
    /** Bars kept (older ones are dropped). */
    readonly keep = 2000,
  ) {}

  /** Adds a quote; returns the bar it completed, if any. */
  add(q: Quote): Bar | undefined {
    if (q.symbol !== this.symbol) return undefined;
    const mid = (q.bid + q.ask) / 2;
    const start = Math.floor(q.time / this.barMs) * this.barMs;
    if (this.current && start < this.current.time) return undefined; // out of order: ignore
    if (this.current && start === this.current.time) {
      const c = this.current;
      c.high = Math.max(c.high, mid);
      c.low = Math.min(c.low, mid);
      c.close = mid;
      c.ticks++;
      return undefined;
    }
    const done = this.current;
    this.current = { time: start, open: mid, high: mid, low: mid, close: mid, ticks: 1 };
    if (!done) return undefined;
    this.bars.push(done);
    if (this.bars.length > this.keep) this.bars.splice(0, this.bars.length - this.keep);
    return done;
  }
}
