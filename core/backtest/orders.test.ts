import { describe, expect, it } from "vitest";
import type { BrokerApi } from "./broker-api.ts";
import { runBacktest } from "./engine.ts";
import { barsFrom, scripted } from "./scripted.ts";
import type { BacktestSettings } from "./types.ts";

type Row = readonly [number, number, number, number];
const FLAT: Row = [1, 1, 1, 1];

function run(
  rows: Row[],
  script: Record<number, (b: BrokerApi) => void>,
  settings: Partial<BacktestSettings> = {},
) {
  return runBacktest({ bars: barsFrom(rows), strategy: scripted(script), settings });
}

describe("market orders", () => {
  it("fill at the next bar's open and close at the last bar's open when finalising", () => {
    const r = run([FLAT, FLAT, [1.1, 1.2, 1.0, 1.15], [1.2, 1.25, 1.2, 1.22]], {
      1: (b) => b.buy({ size: 1000 }),
    });
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0];
    expect([t.entryBar, t.entryPrice, t.exitBar, t.exitPrice, t.exitReason]).toEqual([2, 1.1, 3, 1.2, "end"]);
    expect(t.pnl).toBeCloseTo(100, 9);
    expect(r.stats.equityFinal).toBeCloseTo(10_100, 9);
  });

  it("with trade-on-close fill at the signal bar's close, which is their entry bar", () => {
    const r = run(
      [FLAT, [1, 1, 1, 1.05], [1.1, 1.1, 1.1, 1.1], [1.2, 1.2, 1.2, 1.2]],
      { 1: (b) => b.buy({ size: 1000 }) },
      { tradeOnClose: true },
    );
    const t = r.trades[0];
    expect([t.entryBar, t.entryPrice]).toEqual([1, 1.05]);
    // the finalising close is a market order too: it fills at the close of the bar before the last
    expect([t.exitBar, t.exitPrice]).toEqual([2, 1.1]);
  });

  it("pay the spread on entry only", () => {
    const r = run(
      [FLAT, FLAT, FLAT, [1.1, 1.1, 1.1, 1.1]],
      { 1: (b) => b.buy({ size: 1000 }) },
      { spread: 0.001 },
    );
    expect(r.trades[0].entryPrice).toBe(1.001);
    expect(r.trades[0].exitPrice).toBe(1.1);
    expect(r.trades[0].pnl).toBeCloseTo(99, 9);
    const s = run(
      [FLAT, FLAT, FLAT, [0.9, 0.9, 0.9, 0.9]],
      { 1: (b) => b.sell({ size: 1000 }) },
      { spread: 0.001 },
    );
    expect(s.trades[0].entryPrice).toBe(0.999);
    expect(s.trades[0].pnl).toBeCloseTo(99, 9);
  });

  it("suffer slippage on market fills", () => {
    const r = run([FLAT, FLAT, FLAT, FLAT], { 1: (b) => b.buy({ size: 1000 }) }, { slippage: 0.001 });
    expect(r.trades[0].entryPrice).toBeCloseTo(1.001, 12);
    expect(r.trades[0].exitPrice).toBeCloseTo(0.999, 12);
  });
});

describe("stop orders", () => {
  it("fill at the stop when touched inside the bar", () => {
    const r = run([FLAT, FLAT, [1.0, 1.06, 0.99, 1.02], FLAT], {
      1: (b) => b.buy({ size: 1000, stop: 1.05 }),
    });
    expect([r.trades[0].entryBar, r.trades[0].entryPrice]).toEqual([2, 1.05]);
  });

  it("fill at the open when the price gaps through the stop", () => {
    const up = run([FLAT, FLAT, [1.1, 1.12, 1.09, 1.11], FLAT], {
      1: (b) => b.buy({ size: 1000, stop: 1.05 }),
    });
    expect(up.trades[0].entryPrice).toBe(1.1);
    const down = run([FLAT, FLAT, [0.9, 0.91, 0.88, 0.9], FLAT], {
      1: (b) => b.sell({ size: 1000, stop: 0.95 }),
    });
    expect(down.trades[0].entryPrice).toBe(0.9);
  });

  it("wait while the stop is not reached", () => {
    const r = run([FLAT, FLAT, [1.0, 1.04, 0.99, 1.02], [1.02, 1.03, 1.0, 1.0]], {
      1: (b) => b.buy({ size: 1000, stop: 1.05 }),
    });
    expect(r.trades).toHaveLength(0);
    expect(r.stats.equityFinal).toBe(10_000);
  });
});

describe("limit and stop-limit orders", () => {
  it("fill a buy limit at min(open, limit)", () => {
    const r = run([FLAT, FLAT, [1.0, 1.0, 0.96, 0.97], [0.93, 0.96, 0.92, 0.95], FLAT], {
      1: (b) => b.buy({ size: 1000, limit: 0.95 }),
    });
    expect([r.trades[0].entryBar, r.trades[0].entryPrice]).toEqual([3, 0.93]);
    const inside = run([FLAT, FLAT, [1.0, 1.0, 0.94, 0.97], FLAT], {
      1: (b) => b.buy({ size: 1000, limit: 0.95 }),
    });
    expect(inside.trades[0].entryPrice).toBe(0.95);
  });

  it("fill a sell limit at max(open, limit)", () => {
    const r = run([FLAT, FLAT, [1.07, 1.08, 1.06, 1.07], FLAT], {
      1: (b) => b.sell({ size: 1000, limit: 1.05 }),
    });
    expect(r.trades[0].entryPrice).toBe(1.07);
  });

  it("when stop and limit are both hit in one bar (limit at or below stop) do not fill that bar", () => {
    const rows: Row[] = [
      FLAT,
      FLAT,
      [1.0, 1.06, 1.03, 1.05],
      [1.05, 1.06, 1.045, 1.05],
      [1.045, 1.05, 1.03, 1.04],
      FLAT,
    ];
    const r = run(rows, { 1: (b) => b.buy({ size: 1000, stop: 1.05, limit: 1.04 }) });
    // triggered on bar 2 (pessimistic: not filled there), then a plain limit that fills on bar 4
    expect([r.trades[0].entryBar, r.trades[0].entryPrice]).toEqual([4, 1.04]);
  });

  it("fill a stop-limit at min(stop, limit) on the bar its stop triggers", () => {
    const r = run([FLAT, FLAT, [1.0, 1.07, 0.99, 1.06], FLAT], {
      1: (b) => b.buy({ size: 1000, stop: 1.05, limit: 1.06 }),
    });
    expect([r.trades[0].entryBar, r.trades[0].entryPrice]).toEqual([2, 1.05]);
  });
});

describe("stop-loss and take-profit brackets", () => {
  const bracket = (b: BrokerApi) => b.buy({ size: 1000, sl: 0.98, tp: 1.02 });

  it("stop-loss wins when both could fill in one bar", () => {
    const r = run([FLAT, FLAT, FLAT, [1.0, 1.03, 0.97, 1.0], FLAT], { 1: bracket });
    const t = r.trades[0];
    expect([t.exitBar, t.exitPrice, t.exitReason]).toEqual([3, 0.98, "sl"]);
  });

  it("take-profit fills at the limit or better", () => {
    const r = run([FLAT, FLAT, FLAT, [1.0, 1.03, 0.99, 1.0], FLAT], { 1: bracket });
    expect([r.trades[0].exitPrice, r.trades[0].exitReason]).toEqual([1.02, "tp"]);
    const gap = run([FLAT, FLAT, FLAT, [1.05, 1.06, 1.04, 1.05], FLAT], { 1: bracket });
    expect(gap.trades[0].exitPrice).toBe(1.05);
  });

  it("can fill on the entry bar of a market order", () => {
    const r = run([FLAT, FLAT, [1.0, 1.01, 0.97, 1.0], FLAT], { 1: bracket });
    const t = r.trades[0];
    expect([t.entryBar, t.exitBar, t.exitPrice]).toEqual([2, 2, 0.98]);
  });

  it("a stop-loss gapped through fills at the open", () => {
    const r = run([FLAT, FLAT, FLAT, [0.95, 0.96, 0.94, 0.95], FLAT], { 1: bracket });
    expect(r.trades[0].exitPrice).toBe(0.95);
  });

  it("rejects brackets on the wrong side of the price", () => {
    expect(() => run([FLAT, FLAT, FLAT], { 1: (b) => b.buy({ sl: 1.02 }) })).toThrow(/SL < entry < TP/);
    expect(() => run([FLAT, FLAT, FLAT], { 1: (b) => b.sell({ tp: 1.02 }) })).toThrow(/TP < entry < SL/);
  });
});

describe("trailing stop", () => {
  it("follows the close and never moves back", () => {
    const rows: Row[] = [
      FLAT,
      FLAT,
      FLAT,
      [1.0, 1.1, 1.0, 1.1],
      [1.1, 1.2, 1.1, 1.2],
      [1.2, 1.2, 1.17, 1.18],
      [1.18, 1.18, 1.1, 1.12],
      FLAT,
    ];
    const r = run(rows, { 1: (b) => b.buy({ size: 1000, trailingStop: 0.05 }) });
    const t = r.trades[0];
    expect(t.exitReason).toBe("sl");
    expect(t.exitBar).toBe(6);
    expect(t.exitPrice).toBeCloseTo(1.15, 12); // 1.2 - 0.05, not lowered by the 1.18 close
  });
});
