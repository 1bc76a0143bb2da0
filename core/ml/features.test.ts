import { describe, expect, it } from "vitest";
import { sliceBars } from "../market/candles.ts";
import { seededRandom } from "../market/sample-data.ts";
import { DEFAULT_FEATURES, featureNames } from "./feature-spec.ts";
import { computeFeatures } from "./features.ts";
import { syntheticBars } from "./synthetic.ts";

const ALL = { ...DEFAULT_FEATURES, higherTimeframeMs: 4 * 3_600_000 };

function row(m: ReturnType<typeof computeFeatures>, t: number): number[] {
  return Array.from(m.data.subarray(t * m.cols, (t + 1) * m.cols));
}

describe("computeFeatures", () => {
  it("has one column per feature name and n + 1 rows", () => {
    const bars = syntheticBars({ count: 300, seed: 1 });
    const m = computeFeatures(bars, ALL);
    expect(m.cols).toBe(featureNames(ALL).length);
    expect(m.rows).toBe(301);
    // SMA(50) is first defined on bar 49, so row 50 (made from bars 0..49) is the first full row
    expect(m.firstRow).toBe(50);
    expect(row(m, 49).some((v) => Number.isNaN(v))).toBe(true);
    for (let t = m.firstRow; t < m.rows; t++)
      for (const v of row(m, t)) expect(Number.isFinite(v)).toBe(true);
  });

  it("lagged returns are log returns of earlier bars (hand computation)", () => {
    const bars = syntheticBars({ count: 100, seed: 2 });
    const m = computeFeatures(bars, { ...ALL, lags: 3 });
    const t = 80;
    const c = bars.close;
    expect(m.data[t * m.cols + 0]).toBeCloseTo(Math.log(c[t - 1] / c[t - 2]), 6);
    expect(m.data[t * m.cols + 2]).toBeCloseTo(Math.log(c[t - 3] / c[t - 4]), 6);
  });

  it("time of day is the hour of the bar before the row, on the unit circle", () => {
    const bars = syntheticBars({ count: 100, seed: 3 }); // hourly from 2020-01-01 00:00 UTC (a Wednesday)
    const spec = {
      ...DEFAULT_FEATURES,
      lags: 0,
      rsi: false,
      macd: false,
      maDistance: false,
      bollinger: false,
      volatility: false,
    };
    const m = computeFeatures(bars, spec);
    // row 7: bar 6 closed, 06:00 UTC on Wednesday (weekday 3)
    expect(row(m, 7)[0]).toBeCloseTo(Math.sin((2 * Math.PI * 6) / 24), 6);
    expect(row(m, 7)[3]).toBeCloseTo(Math.cos((2 * Math.PI * 3) / 7), 6);
  });

  it("is causal: changing any bar at or after t changes no feature at rows <= t (property, 200 random cases)", {
    timeout: 60_000,
  }, () => {
    const rand = seededRandom(7);
    const base = syntheticBars({ count: 400, seed: 11 });
    const ref = computeFeatures(base, ALL);
    for (let k = 0; k < 200; k++) {
      const t = 1 + Math.floor(rand() * 398);
      const changed = sliceBars(base);
      // perturb every field of a random selection of bars at or after t
      for (let j = t; j < changed.close.length; j++) {
        if (rand() < 0.3 && j !== t) continue;
        const f = 1 + (rand() - 0.5) * 0.05;
        changed.open[j] *= f;
        changed.close[j] *= 2 - f;
        changed.high[j] = Math.max(changed.open[j], changed.close[j]) * 1.01;
        changed.low[j] = Math.min(changed.open[j], changed.close[j]) * 0.99;
        changed.volume[j] += 5;
        changed.time[j] += Math.floor(rand() * 30) * 60_000;
      }
      const got = computeFeatures(changed, ALL);
      for (let r = 0; r <= t; r++) expect(row(got, r)).toEqual(row(ref, r));
      // and the check can fail: some row after t differs
      let differs = false;
      for (let r = t + 1; r < got.rows && !differs; r++)
        differs = row(got, r).some((v, j) => !Object.is(v, row(ref, r)[j]));
      expect(differs).toBe(true);
    }
  });

  it("featurises 20,000 bars to the same values as a truncated copy (no look-ahead at the end)", () => {
    const bars = syntheticBars({ count: 2000, seed: 5 });
    const full = computeFeatures(bars, ALL);
    const cut = computeFeatures(sliceBars(bars, 0, 1500), ALL);
    expect(row(cut, 1500)).toEqual(row(full, 1500));
  });
});
