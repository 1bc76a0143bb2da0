/**
 * BarBuilder against bars written out by hand: 1-second bars from mid prices
 * ((bid + ask) / 2), a bar completes on the first quote of a later bar, out-of-order
 * quotes and other symbols are ignored, and only `keep` bars are kept.
 */
import { describe, expect, it } from "vitest";
import { BarBuilder } from "./bar-builder.ts";

const q = (time: number, bid: number, ask: number, symbol = "EURUSD") => ({ symbol, bid, ask, time });

describe("BarBuilder", () => {
  it("aggregates mids into aligned bars and completes a bar on the next bar's first quote", () => {
    const b = new BarBuilder("EURUSD", 1000);
    // Bar 1000..1999: mids 1.1001, 1.1005, 1.0999, 1.1003 (hand: O 1.1001 H 1.1005 L 1.0999 C 1.1003)
    expect(b.add(q(1100, 1.1, 1.1002))).toBeUndefined();
    expect(b.add(q(1400, 1.1004, 1.1006))).toBeUndefined();
    expect(b.add(q(1500, 1.0998, 1.1))).toBeUndefined();
    expect(b.add(q(1999, 1.1002, 1.1004))).toBeUndefined();
    expect(b.add(q(1300, 1.2, 1.2, "GBPUSD"))).toBeUndefined(); // another symbol: ignored
    const done = b.add(q(3050, 1.101, 1.1012)); // skips the empty bar 2000..2999
    expect(done?.time).toBe(1000);
    expect(done?.open).toBeCloseTo(1.1001, 10);
    expect(done?.high).toBeCloseTo(1.1005, 10);
    expect(done?.low).toBeCloseTo(1.0999, 10);
    expect(done?.close).toBeCloseTo(1.1003, 10);
    expect(done?.ticks).toBe(4); // the GBPUSD quote is not counted
    expect(b.add(q(2500, 1, 1))).toBeUndefined(); // out of order: ignored
    const next = b.add(q(4000, 1.1, 1.1));
    expect(next).toMatchObject({ time: 3000, ticks: 1 });
    expect(next?.open).toBeCloseTo(1.1011, 10);
    expect(b.bars.map((x) => x.time)).toEqual([1000, 3000]);
  });

  it("keeps only the newest `keep` bars", () => {
    const b = new BarBuilder("EURUSD", 1000, 2);
    for (let t = 0; t <= 4000; t += 1000) b.add(q(t, 1, 1));
    expect(b.bars.map((x) => x.time)).toEqual([2000, 3000]);
  });
});
