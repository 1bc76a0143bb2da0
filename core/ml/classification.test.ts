import { describe, expect, it } from "vitest";
import { seededRandom } from "../market/sample-data.ts";
import { classificationReport, shuffledLabels } from "./classification.ts";

describe("classificationReport (hand-computed)", () => {
  it("counts the confusion matrix and derives precision, recall, F1", () => {
    // predictions (> 0.5 = up): U U U D D D, truth: 1 1 0 1 0 0, plus undefined rows skipped
    const probs = [0.9, 0.6, 0.7, 0.2, 0.4, 0.1, Number.NaN, 0.8];
    const labels = [1, 1, 0, 1, 0, 0, 1, Number.NaN];
    const r = classificationReport(probs, labels);
    expect(r.confusion).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 });
    expect(r.samples).toBe(6);
    expect(r.accuracy).toBeCloseTo(4 / 6, 12);
    expect(r.precision).toBeCloseTo(2 / 3, 12);
    expect(r.recall).toBeCloseTo(2 / 3, 12);
    expect(r.f1).toBeCloseTo(2 / 3, 12);
    expect(r.upRate).toBeCloseTo(0.5, 12);
    // Brier: mean of (p - y)^2 = (0.01 + 0.16 + 0.49 + 0.64 + 0.16 + 0.01) / 6
    expect(r.brier).toBeCloseTo(1.47 / 6, 12);
    // calibration bin [0.6, 0.7): one row, p 0.6, observed 1
    const bin = r.calibration.find((b) => b.from === 0.6);
    expect(bin).toMatchObject({ count: 1, observed: 1 });
  });

  it("shuffledLabels permutes only defined labels inside the range", () => {
    const labels = Float32Array.from([1, 0, Number.NaN, 1, 1, 0, 0, 1]);
    const s = shuffledLabels(labels, 1, 7, seededRandom(3));
    expect(s[0]).toBe(1);
    expect(s[7]).toBe(1);
    expect(Number.isNaN(s[2])).toBe(true);
    const inside = (a: Float32Array) => Array.from(a.subarray(1, 7)).filter(Number.isFinite).sort();
    expect(inside(s)).toEqual(inside(labels));
  });
});
