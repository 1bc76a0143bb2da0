import { describe, expect, it } from "vitest";
import { smaCross } from "../../../../core/strategy/sma-cross.ts";
import { specsInUnit } from "../backtest/bracket-units.ts";
import { resetSearch, search, searchSpec } from "./search-form.ts";

const specs = specsInUnit(smaCross.params, "pips");

describe("optimisation form: empty fields said in plain words", () => {
  it("names an empty fixed parameter instead of failing every run with 'got NaN'", () => {
    resetSearch(specs);
    expect(() => searchSpec(specs, { fast: 10, slow: 30, stopLoss: Number.NaN, takeProfit: 0 })).toThrow(
      'Stop-loss (pips) is empty: type a number on the Backtest tab, or tick "Vary stopLoss".',
    );
  });

  it("names an empty part of a range", () => {
    resetSearch(specs);
    search.setRows({ ...search.rows(), fast: { on: true, start: 5, stop: Number.NaN, step: 5 } });
    expect(() => searchSpec(specs, { stopLoss: 0, takeProfit: 0 })).toThrow(
      "Fast SMA: the stop of the range is empty; type a number.",
    );
  });

  it("passes a complete form through", () => {
    resetSearch(specs);
    const spec = searchSpec(specs, { stopLoss: 30, takeProfit: 0 });
    expect(spec.fixed).toEqual({ stopLoss: 30, takeProfit: 0 });
    expect(spec.ranges.map((r) => r.name)).toEqual(["fast", "slow"]);
  });
});
