/**
 * Closed trades stored column-wise in growable typed arrays. A million-bar run closes tens
 * of thousands of trades; keeping them as columns instead of objects keeps the garbage
 * collector out of the hot loop. Records (plain objects) are built only when asked for.
 */
import type { TradeColumns } from "../metrics/compute-stats.ts";
import type { Trade } from "./order.ts";
import type { ExitReason, TradeRecord } from "./types.ts";

const REASONS: readonly ExitReason[] = ["close", "reverse", "sl", "tp", "end", "ruin", "stop-out"];
const INITIAL = 1024;

/** The numeric columns of a trade, in TradeRecord's order (the CSV export uses it too). */
export const TRADE_NUMBER_COLUMNS = [
  "size",
  "entryBar",
  "exitBar",
  "entryPrice",
  "exitPrice",
  "pnl",
  "returnPct",
  "entryTime",
  "exitTime",
  "commission",
  "swap",
] as const satisfies readonly (keyof TradeRecord)[];

/** Append-only log of closed trades. */
export class TradeLog implements TradeColumns {
  count = 0;
  size = new Float64Array(INITIAL);
  entryBar = new Float64Array(INITIAL);
  exitBar = new Float64Array(INITIAL);
  entryPrice = new Float64Array(INITIAL);
  exitPrice = new Float64Array(INITIAL);
  pnl = new Float64Array(INITIAL);
  returnPct = new Float64Array(INITIAL);
  entryTime = new Float64Array(INITIAL);
  exitTime = new Float64Array(INITIAL);
  commission = new Float64Array(INITIAL);
  swap = new Float64Array(INITIAL);
  reason = new Uint8Array(INITIAL);
  tags: string[] = [];

  /** Appends a closed trade; pnl and returnPct are computed here, net of costs. */
  push(t: Trade): void {
    if (this.count === this.size.length) this.grow();
    const k = this.count++;
    const size = t.size;
    const costs = t.commission - t.swap;
    this.size[k] = size;
    this.entryBar[k] = t.entryBar;
    this.exitBar[k] = t.exitBar;
    this.entryPrice[k] = t.entryPrice;
    this.exitPrice[k] = t.exitPrice;
    this.pnl[k] = size * (t.exitPrice - t.entryPrice) - costs;
    const gross = Math.sign(size) * (t.exitPrice / t.entryPrice - 1);
    this.returnPct[k] = (gross - costs / (Math.abs(size) * t.entryPrice)) * 100;
    this.entryTime[k] = t.entryTime;
    this.exitTime[k] = t.exitTime;
    this.commission[k] = t.commission;
    this.swap[k] = t.swap;
    this.reason[k] = REASONS.indexOf(t.exitReason);
    if (t.tag !== "" || this.tags.length > 0) {
      while (this.tags.length < k) this.tags.push("");
      this.tags.push(t.tag);
    }
  }

  /** Trade k as a plain record. */
  record(k: number): TradeRecord {
    return {
      size: this.size[k],
      entryBar: this.entryBar[k],
      exitBar: this.exitBar[k],
      entryPrice: this.entryPrice[k],
      exitPrice: this.exitPrice[k],
      pnl: this.pnl[k],
      returnPct: this.returnPct[k],
      entryTime: this.entryTime[k],
      exitTime: this.exitTime[k],
      commission: this.commission[k],
      swap: this.swap[k],
      exitReason: REASONS[this.reason[k]],
      tag: this.tags[k] ?? "",
    };
  }

  /**
   * Makes room for `capacity` trades up front, so a long run does not grow (copy) its
   * columns repeatedly; untouched capacity costs address space, not memory.
   */
  reserve(capacity: number): void {
    if (capacity > this.size.length) this.resize(capacity);
  }

  /** Every trade as plain records, in closing order. */
  records(): TradeRecord[] {
    return Array.from({ length: this.count }, (_, k) => this.record(k));
  }

  private grow(): void {
    this.resize(this.size.length * 2);
  }

  private resize(cap: number): void {
    for (const key of TRADE_NUMBER_COLUMNS) {
      const next = new Float64Array(cap);
      next.set(this[key]);
      this[key] = next;
    }
    const reason = new Uint8Array(cap);
    reason.set(this.reason);
    this.reason = reason;
  }
}
