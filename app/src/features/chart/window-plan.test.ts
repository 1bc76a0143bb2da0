import { describe, expect, it } from "vitest";
import {
  autoTimeframe,
  displayTimeframes,
  estimateBars,
  fittingTimeframe,
  MAX_CHART_BARS,
  needsNewWindow,
  planWindow,
} from "./window-plan.ts";

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const set = { from: Date.UTC(2020, 0, 1), to: Date.UTC(2023, 0, 1) };

describe("chart window planning", () => {
  it("offers the stored timeframe and higher ones only", () => {
    expect(displayTimeframes("H1")).toEqual(["H1", "H4", "D1", "W1"]);
    expect(displayTimeframes("M1")[0]).toBe("M1");
  });

  it("picks the lowest timeframe at which a span fits in the bar budget", () => {
    expect(fittingTimeframe("H1", 200 * DAY)).toBe("H1");
    expect(fittingTimeframe("M1", 2 * YEAR)).toBe("H1");
    expect(fittingTimeframe("M1", 3 * YEAR)).toBe("H4");
    expect(fittingTimeframe("M1", 10 * DAY)).toBe("M1");
    expect(estimateBars(2 * YEAR, "H1")).toBeLessThanOrEqual(MAX_CHART_BARS);
  });

  it("loads a small set whole and a big one as a window centred on the view, inside the data", () => {
    expect(planWindow(set, undefined, "H4")).toEqual({ from: set.from, to: set.to + 1 });
    const mid = Date.UTC(2021, 6, 1);
    const w = planWindow(set, { from: mid - DAY, to: mid + DAY }, "M1");
    expect(estimateBars(w.to - w.from, "M1")).toBeLessThanOrEqual(MAX_CHART_BARS);
    expect(w.from).toBeLessThan(mid - DAY);
    expect(w.to).toBeGreaterThan(mid + DAY);
    const atStart = planWindow(set, { from: set.from, to: set.from + DAY }, "M1");
    expect(atStart.from).toBe(set.from);
    const atEnd = planWindow(set, { from: set.to - DAY, to: set.to }, "M1");
    expect(atEnd.to).toBe(set.to + 1);
  });

  it("asks for a new window only near an edge with more data beyond it", () => {
    const loaded = { from: Date.UTC(2021, 0, 1), to: Date.UTC(2021, 0, 15) };
    const inside = { from: Date.UTC(2021, 0, 6), to: Date.UTC(2021, 0, 8) };
    expect(needsNewWindow(set, loaded, inside, DAY)).toBe(false);
    expect(needsNewWindow(set, loaded, { from: loaded.from, to: inside.to }, DAY)).toBe(true);
    expect(needsNewWindow(set, loaded, { from: inside.from, to: loaded.to }, DAY)).toBe(true);
    const whole = { from: set.from, to: set.to + 1 };
    expect(needsNewWindow(set, whole, { from: set.from, to: set.to }, DAY)).toBe(false);
  });

  it("moves the auto timeframe one step when crowded or sparse, never below the stored one", () => {
    expect(autoTimeframe("M1", "M1", 2000, 1000)).toBe("M5");
    expect(autoTimeframe("M1", "M5", 30, 1000)).toBe("M1");
    expect(autoTimeframe("M1", "M1", 30, 1000)).toBe("M1");
    expect(autoTimeframe("H1", "H4", 500, 1000)).toBe("H4");
    expect(autoTimeframe("H1", "W1", 5000, 1000)).toBe("W1");
  });
});
