import { describe, expect, it } from "vitest";
import type { FeatureMatrix } from "./features.ts";
import { applyScaler, fitScaler } from "./scaler.ts";

function matrix(rows: number[][]): FeatureMatrix {
  return {
    data: Float32Array.from(rows.flat()),
    rows: rows.length,
    cols: rows[0].length,
    names: ["a", "b"],
    firstRow: 0,
  };
}

describe("scaler", () => {
  it("is fitted on the training rows only (hand-computed mean and population std)", () => {
    // train rows 0..3: a = 1,2,3,4 (mean 2.5, std sqrt(1.25)); b constant 7 (std 0 -> 1)
    const m = matrix([
      [1, 7],
      [2, 7],
      [3, 7],
      [4, 7],
      [1000, -50],
    ]);
    const s = fitScaler(m, 0, 4);
    expect(s.mean).toEqual([2.5, 7]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(s.std[1]).toBe(1);
    // changing the test row changes nothing in the fit
    m.data[8] = -1e6;
    expect(fitScaler(m, 0, 4)).toEqual(s);
  });

  it("applies the train fit to other rows and clips outliers at 8 sd", () => {
    const m = matrix([
      [1, 7],
      [3, 7],
      [5, 9],
      [1000, 7],
    ]);
    const s = fitScaler(m, 0, 2); // a: mean 2, std 1; b: mean 7, std 1 (constant)
    expect(Array.from(applyScaler(m, s, 2, 4))).toEqual([3, 2, 8, 0]);
  });
});
