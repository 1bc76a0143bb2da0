import { describe, expect, it } from "vitest";
import type { BrokerApi } from "./broker-api.ts";
import { pyFloorDiv, swapNights } from "./costs.ts";
import { runBacktest } from "./engine.ts";
import { barsFrom, scripted } from "./scripted.ts";
import type { BacktestSettings } from "./types.ts";

type Row = readonly [number, number, number, number];
const FLAT: Row = [1, 1, 1, 1];
const at = (p: number): Row => [p, p, p, p];

function run(
  rows: Row[],
  script: Record<number, (b: BrokerApi) => void>,
  settings: Partial<BacktestSettings> = {},
  start?: number,
  step?: number,
) {
  return runBacktest({ bars: barsFrom(rows, start, step), strategy: scripted(script), settings });
}

describe("sizes", () => {
  it("whole units, lots and fractions of equity", () => {
    const units = run([FLAT, FLAT, FLAT, FLAT], { 1: (b) => b.buy({ size: 1234 }) });
    expect(units.trades[0].size).toBe(1234);
    const lots = run([FLAT, FLAT, FLAT, FLAT], { 1: (b) => b.sell({ lots: 0.05 }) });
    expect(lots.trades[0].size).toBe(-5000);
    const half = run([at(2), at(2), at(2), at(2)], { 1: (b) => b.buy({ size: 0.5 }) });
    expect(half.trades[0].size).toBe(2500); // floor(10000 x 0.5 / 2)
    const full = run([FLAT, FLAT, FLAT, FLAT], { 1: (b) => b.buy() });
    expect(full.trades[0].size).toBe(9999); // 10000 x (1 - 2^-52) / 1, floored
  });

  it("rejects sizes that are neither fractions nor whole units", () => {
    expect(() => run([FLAT, FLAT, FLAT], { 1: (b) => b.buy({ size: 1.5 }) })).toThrow(/fraction of equity/);
  });
});

describe("margin", () => {
  it("cancels an order the margin cannot cover", () => {
    const r = run([FLAT, FLAT, FLAT, FLAT], { 1: (b) => b.buy({ size: 20_000 }) });
    expect(r.trades).toHaveLength(0);
    expect(r.cancelledOrders).toBe(1);
    const leveraged = run([FLAT, FLAT, FLAT, FLAT], { 1: (b) => b.buy({ size: 20_000 }) }, { margin: 0.5 });
    expect(leveraged.trades[0].size).toBe(20_000);
  });

  it("cancels a fractional order worth less than one unit", () => {
    const r = run([FLAT, FLAT, FLAT, FLAT], { 1: (b) => b.buy({ size: 0.00001 }) });
    expect(r.trades).toHaveLength(0);
    expect(r.cancelledOrders).toBe(1);
  });

  it("stops out the position when equity / used margin falls under the level", () => {
    const rows: Row[] = [
      FLAT,
      FLAT,
      FLAT,
      at(0.992),
      at(0.985),
      [0.985, 0.985, 0.984, 0.984],
      at(0.98),
      at(0.98),
    ];
    const r = run(
      rows,
      { 1: (b) => b.buy({ size: 50_000 }) },
      { cash: 1000, margin: 0.01, stopOutLevel: 0.5 },
    );
    const t = r.trades[0];
    expect([t.exitBar, t.exitPrice, t.exitReason]).toEqual([5, 0.984, "stop-out"]);
    expect(r.stats.equityFinal).toBeCloseTo(200, 6);
    expect(r.ruined).toBe(false);
  });

  it("ruin: equity <= 0 closes everything at the close and stops the run", () => {
    let lateCalls = 0;
    const rows: Row[] = [FLAT, FLAT, FLAT, at(0.985), FLAT, FLAT];
    const r = run(
      rows,
      { 1: (b) => b.buy({ size: 90_000 }), 4: () => lateCalls++ },
      { cash: 1000, margin: 0.01 },
    );
    expect(r.ruined).toBe(true);
    expect(lateCalls).toBe(0);
    expect([r.trades[0].exitBar, r.trades[0].exitPrice, r.trades[0].exitReason]).toEqual([3, 0.985, "ruin"]);
    expect(Array.from(r.equity.subarray(3))).toEqual([0, 0, 0]);
    expect(r.stats.maxDrawdownPct).toBe(-100);
  });
});

describe("netting and hedging", () => {
  const rows: Row[] = [FLAT, FLAT, FLAT, at(1.1), at(1.2)];
  const script = { 1: (b: BrokerApi) => b.buy({ size: 1000 }), 2: (b: BrokerApi) => b.sell({ size: 400 }) };

  it("netting reduces the open trade, oldest first", () => {
    const r = run(rows, script);
    expect(r.trades.map((t) => [t.size, t.entryPrice, t.exitPrice, t.exitReason])).toEqual([
      [400, 1, 1.1, "reverse"],
      [600, 1, 1.2, "end"],
    ]);
  });

  it("hedging keeps both trades open", () => {
    const r = run(rows, script, { hedging: true });
    expect(r.trades.map((t) => [t.size, t.entryPrice, t.exitPrice])).toEqual([
      [1000, 1, 1.2],
      [-400, 1.1, 1.2],
    ]);
  });

  it("netting an order larger than the position reverses it", () => {
    const r = run(rows, { 1: (b) => b.buy({ size: 1000 }), 2: (b) => b.sell({ size: 1500 }) });
    expect(r.trades.map((t) => t.size)).toEqual([1000, -500]);
  });
});

describe("costs", () => {
  it("commission per lot on each fill", () => {
    const r = run(
      [FLAT, FLAT, FLAT, FLAT],
      { 1: (b) => b.buy({ size: 200_000 }) },
      { commissionPerLot: 7, margin: 0.02 },
    );
    const t = r.trades[0];
    expect(t.commission).toBeCloseTo(28, 9);
    expect(t.pnl).toBeCloseTo(-28, 9);
    expect(r.stats.commissionsPaid).toBeCloseTo(28, 9);
    expect(r.stats.equityFinal).toBeCloseTo(10_000 - 28, 9);
  });

  it("fixed plus relative commission", () => {
    const r = run(
      [FLAT, FLAT, at(1.1), at(1.1)],
      { 1: (b) => b.buy({ size: 1000 }) },
      { commission: 0.0001, commissionFixed: 2 },
    );
    expect(r.trades[0].commission).toBeCloseTo(2 * (2 + 1000 * 1.1 * 0.0001), 12);
  });

  it("swap: three nights on the Wednesday rollover", () => {
    // 6-hourly bars from Tuesday 2024-01-02 20:00 UTC; entry Wednesday 08:00
    const start = Date.UTC(2024, 0, 2, 20);
    const r = run(
      Array.from({ length: 10 }, () => FLAT),
      { 1: (b) => b.buy({ size: 100_000 }) },
      { swapLong: -5, margin: 0.02 },
      start,
      6 * 3_600_000,
    );
    expect(r.equity[4] - r.equity[5]).toBeCloseTo(15, 9); // Wed -> Thu rollover: 3 x 5 points x 1 lot
    expect(r.trades[0].swap).toBeCloseTo(-20, 9); // plus Thu -> Fri
    expect(r.stats.swapsPaid).toBeCloseTo(20, 9);
  });

  it("swap nights: weekend rollovers are free, Wednesday counts three", () => {
    const fri = Date.UTC(2024, 0, 5, 20);
    expect(swapNights(fri, fri + 54 * 3_600_000, 0, 3)).toBe(1);
    const wed = Date.UTC(2024, 0, 3, 20);
    expect(swapNights(wed, wed + 6 * 3_600_000, 0, 3)).toBe(3);
    expect(swapNights(wed, wed + 2 * 3_600_000, 0, 3)).toBe(0);
  });

  it("Python floor division, as the reference sizes orders", () => {
    expect(pyFloorDiv(1, 0.1)).toBe(9);
    expect(Math.floor(1 / 0.1)).toBe(10);
    expect(pyFloorDiv(7, 2)).toBe(3);
    expect(pyFloorDiv(0, 3)).toBe(0);
  });
});

describe("finalising", () => {
  it("can be turned off: the trade stays open and out of the statistics", () => {
    const r = run([FLAT, FLAT, FLAT, at(1.1)], { 1: (b) => b.buy({ size: 1000 }) }, { finalize: false });
    expect(r.trades).toHaveLength(0);
    expect(r.openTrades).toHaveLength(1);
    expect(r.openTrades[0].exitPrice).toBe(1.1); // valued at the last close
    expect(r.openTrades[0].pnl).toBeCloseTo(100, 9);
    expect(r.stats.equityFinal).toBeCloseTo(10_100, 9);
  });
});

describe("pyFloorDiv against CPython's algorithm on many quotients", () => {
  it("agrees with the fmod-based reference everywhere, including near whole numbers", () => {
    const reference = (a: number, b: number) => {
      const mod = a % b;
      const div = (a - mod) / b;
      const f = Math.floor(div);
      return div - f > 0.5 ? f + 1 : f;
    };
    let x = 12345;
    for (let k = 0; k < 20_000; k++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const b = 0.5 + (x % 100_000) / 37_000;
      const a = k % 2 ? b * (1 + (x % 5000)) : (x % 1_000_000) / 7.3;
      expect(pyFloorDiv(a, b)).toBe(reference(a, b));
    }
    expect(pyFloorDiv(1, 0.1)).toBe(reference(1, 0.1));
  });
});
