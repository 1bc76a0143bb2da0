import { describe, expect, it } from "vitest";
import { validationSplit, walkForwardSplits } from "./splits.ts";

describe("walkForwardSplits", () => {
  it("leaves a purge gap of at least the horizon and never tests before it trains", () => {
    for (const horizon of [1, 5, 24]) {
      const w = walkForwardSplits({ firstRow: 60, endRow: 10_061, horizon, windows: 5 });
      expect(w).toHaveLength(5);
      for (const { train, test } of w) {
        expect(test[0] - train[1]).toBeGreaterThanOrEqual(horizon);
        // the last training label (row train[1]-1) reaches bar train[1]+horizon-2, before the first test decision bar test[0]-1
        expect(train[1] - 1 + horizon - 1).toBeLessThan(test[0] - 1);
        expect(train[0]).toBe(60);
      }
      // tests are back to back and end at the last row
      for (let k = 1; k < w.length; k++) expect(w[k].test[0]).toBe(w[k - 1].test[1]);
      expect(w[4].test[1]).toBe(10_061);
    }
  });

  it("rolling windows keep the training size", () => {
    const w = walkForwardSplits({ firstRow: 0, endRow: 1000, horizon: 2, windows: 3, anchored: false });
    const sizes = w.map((x) => x.train[1] - x.train[0]);
    expect(new Set(sizes).size).toBe(1);
    expect(sizes[0]).toBe(400);
  });

  it("refuses a gap shorter than the horizon, and too little data, with a clear message", () => {
    expect(() => walkForwardSplits({ firstRow: 0, endRow: 1000, horizon: 5, gap: 4 })).toThrow(
      /at least the label horizon/,
    );
    expect(() => walkForwardSplits({ firstRow: 0, endRow: 100, horizon: 1, windows: 10 })).toThrow(
      /Not enough rows/,
    );
  });

  it("validationSplit purges the horizon between fit and validation rows", () => {
    const v = validationSplit([100, 1100], 3);
    expect(v.test).toEqual([900, 1100]);
    expect(v.train).toEqual([100, 897]);
  });
});
