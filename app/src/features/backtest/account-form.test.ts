import { describe, expect, it } from "vitest";
import {
  FOREX_DEFAULTS,
  formProblem,
  medianPrice,
  REFERENCE_DEFAULTS,
  sizeOption,
  toEngineSettings,
} from "./account-form.ts";

describe("toEngineSettings", () => {
  it("turns pips into a relative spread with the pair's pip size and the reference price", () => {
    const s = toEngineSettings({ ...FOREX_DEFAULTS, spreadPips: 1.5 }, { pipSize: 0.0001, refPrice: 1.2 });
    expect(s.spread).toBeCloseTo(0.00015 / 1.2, 15);
    expect(s.margin).toBeCloseTo(1 / 30, 15);
    expect(s.pointSize).toBeCloseTo(0.00001, 15);
    const jpy = toEngineSettings({ ...FOREX_DEFAULTS, spreadPips: 2 }, { pipSize: 0.01, refPrice: 150 });
    expect(jpy.spread).toBeCloseTo(0.02 / 150, 15);
  });
  it("gives the engine's reference settings for the reference preset", () => {
    const s = toEngineSettings(REFERENCE_DEFAULTS, { pipSize: 0.0001, refPrice: 1.1 });
    expect(s).toMatchObject({
      cash: 10_000,
      margin: 1,
      spread: 0,
      slippage: 0,
      commission: 0,
      stopOutLevel: 0,
    });
    expect(sizeOption(REFERENCE_DEFAULTS.sizing)).toBeUndefined();
  });
  it("converts percent commission and stop-out level to fractions", () => {
    const s = toEngineSettings(
      { ...FOREX_DEFAULTS, commissionPct: 0.02, stopOutPct: 50 },
      { pipSize: 0.0001, refPrice: 1 },
    );
    expect(s.commission).toBeCloseTo(0.0002, 15);
    expect(s.stopOutLevel).toBe(0.5);
  });
});

describe("sizing and checks", () => {
  it("maps sizes to order options", () => {
    expect(sizeOption({ mode: "lots", value: 0.1 })).toEqual({ lots: 0.1 });
    expect(sizeOption({ mode: "units", value: 2500.4 })).toEqual({ size: 2500 });
    expect(sizeOption({ mode: "equity", value: 0.5 })).toEqual({ size: 0.5 });
  });
  it("names the bad field", () => {
    expect(formProblem(FOREX_DEFAULTS)).toBe("");
    expect(formProblem({ ...FOREX_DEFAULTS, leverage: 0.5 })).toMatch(/Leverage/);
    expect(formProblem({ ...FOREX_DEFAULTS, spreadPips: -1 })).toMatch(/Spread/);
    expect(formProblem({ ...FOREX_DEFAULTS, sizing: { mode: "equity", value: 2 } })).toMatch(/fraction/);
  });
  it("takes the median close", () => {
    expect(medianPrice(Float64Array.from([3, 1, 2]))).toBe(2);
    expect(medianPrice(new Float64Array(0))).toBeNaN();
  });
});
