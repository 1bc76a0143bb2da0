/** Market replay against two hand-written bars: quote order, spread, pacing, jumps. */
import { describe, expect, it } from "vitest";
import { MarketReplay } from "./replay.ts";

const H = 3_600_000;
const T = Date.UTC(2024, 0, 5, 20); // Friday 20:00
// a rising bar, a falling bar, then Monday after the weekend gap
const bars = {
  time: new Float64Array([T, T + H, T + 70 * H]),
  open: new Float64Array([1.1, 1.102, 1.101]),
  high: new Float64Array([1.103, 1.1025, 1.104]),
  low: new Float64Array([1.099, 1.1, 1.1]),
  close: new Float64Array([1.102, 1.101, 1.103]),
};
const make = (extra = {}) =>
  new MarketReplay({ symbol: "EURUSD", bars, timeframeMs: H, pipSize: 0.0001, spreadPips: 0.6, ...extra });

describe("MarketReplay", () => {
  it("plays open, low, high, close on a rising bar and open, high, low, close on a falling one", () => {
    const r = make();
    expect(r.stepBar().map((q) => q.bid)).toEqual([1.1, 1.099, 1.103, 1.102]);
    expect(r.stepBar().map((q) => q.bid)).toEqual([1.102, 1.1025, 1.1, 1.101]);
  });

  it("adds the settings spread in pips, or the data's spread in points", () => {
    expect(make().next()?.ask).toBeCloseTo(1.10006, 12); // 0.6 pip
    const own = make({ spreadPoints: new Float64Array([12, 0, 0]) });
    expect(own.next()?.ask).toBeCloseTo(1.10012, 12); // 12 points = 1.2 pips
  });

  it("prices each bar's ask from the data's own spread; unknown bars take the settings spread", () => {
    // hand-computed: bar 0 has 12 points = 0.00012 over the bid; bar 1 is unknown (NaN) so the
    // settings' 0.6 pip = 0.00006; bar 2 says 0 points, a real zero spread (ask = bid)
    const r = make({ spreadPoints: new Float64Array([12, Number.NaN, 0]), pointSize: 0.00001 });
    expect(r.spreadFromData).toBe(true);
    const quotes = [...r.stepBar(), ...r.stepBar(), ...r.stepBar()].map((q) => [q.bid, q.ask]);
    const expected = [
      [1.1, 1.10012],
      [1.099, 1.09912],
      [1.103, 1.10312],
      [1.102, 1.10212],
      [1.102, 1.10206],
      [1.1025, 1.10256],
      [1.1, 1.10006],
      [1.101, 1.10106],
      [1.101, 1.101],
      [1.1, 1.1],
      [1.104, 1.104],
      [1.103, 1.103],
    ];
    expect(quotes).toHaveLength(expected.length);
    quotes.forEach(([bid, ask], k) => {
      expect(bid).toBe(expected[k][0]);
      expect(ask).toBeCloseTo(expected[k][1], 12);
      expect(ask).toBeGreaterThanOrEqual(bid); // the ask never under the bid
    });
    expect(make().spreadFromData).toBe(false);
  });

  it("turns points into price with the symbol's point size (gold: 1 point = 0.01)", () => {
    const gold = {
      time: new Float64Array([T]),
      open: new Float64Array([2030.5]),
      high: new Float64Array([2032]),
      low: new Float64Array([2029]),
      close: new Float64Array([2031]),
    };
    const r = new MarketReplay({
      symbol: "XAUUSD",
      bars: gold,
      timeframeMs: H,
      pipSize: 0.01,
      pointSize: 0.01,
      spreadPips: 30,
      spreadPoints: new Float64Array([35]),
    });
    expect(r.next()?.ask).toBeCloseTo(2030.85, 9); // 2030.50 + 35 x 0.01
  });

  it("paces by market time and plays a weekend gap as one step", () => {
    const r = make();
    // at 1000x an hour bar lasts 3.6 s of wall time: 4 quotes 15 min apart (the first is free)
    expect(r.pump(0, 1000)).toHaveLength(1);
    expect(r.pump(899, 1000)).toHaveLength(0); // 899 s of market time < 15 min
    expect(r.pump(1, 1000)).toHaveLength(1);
    r.stepBar();
    r.stepBar(); // Friday's last bar done; Monday is 68 h away
    expect(r.pump(900, 1000)).toHaveLength(1); // the gap counts as one 15-min step
  });

  it("jumps to a date and resumes a saved position", () => {
    const r = make();
    expect(r.jumpTo(T + 2 * H)).toBe(2);
    expect(r.next()?.bid).toBe(1.101);
    const at = r.position();
    const again = make();
    again.seek(at);
    expect(again.next()).toEqual(r.next());
  });
});
