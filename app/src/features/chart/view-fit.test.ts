import { describe, expect, it } from "vitest";
import { createBars } from "../../../../core/market/candles.ts";
import { anchoredView, FIT_MARGIN_BARS, fitLogical, logicalAt, timeAt } from "./view-fit.ts";

const H = 3_600_000;

/** n hourly bars from 0, with a 48 h weekend gap after bar `gapAfter`. */
function hourly(n: number, gapAfter = -1) {
  const b = createBars(n);
  for (let i = 0; i < n; i++) b.time[i] = (i + (gapAfter >= 0 && i > gapAfter ? 48 : 0)) * H;
  return b;
}

describe("chart view fitting (hand-computed positions)", () => {
  it("maps times to lightweight-charts logical positions and back", () => {
    const b = hourly(10, 4);
    // bar 2 starts at 2 h and is centred on logical 2: its start is 1.5, its middle 2
    expect(logicalAt(b, 2 * H, H)).toBe(1.5);
    expect(logicalAt(b, 2.5 * H, H)).toBe(2);
    // inside the weekend gap: the end of bar 4 (4.5), not a position between bars
    expect(logicalAt(b, 20 * H, H)).toBe(4.5);
    // bar 5 starts at 5 + 48 h
    expect(logicalAt(b, 53 * H, H)).toBe(4.5);
    expect(timeAt(b, 2, H)).toBe(2.5 * H);
    expect(timeAt(b, 5, H)).toBe(53.5 * H);
    // extrapolated past either end by one bar length per logical step
    expect(timeAt(b, -2.5, H)).toBe(-2 * H);
    expect(timeAt(b, 11.5, H)).toBe((9 + 48 + 3) * H);
    expect(logicalAt(b, timeAt(b, 11.5, H), H)).toBe(11.5);
  });

  it("widens a tiny view and shows every bar when the view is wider than the data", () => {
    // 6 bars wide past the end of 67: widened to 20 and moved back so it ends at 66 + 3
    expect(fitLogical({ from: 100, to: 106 }, 67)).toEqual({ from: 49, to: 69 });
    expect(fitLogical({ from: -500, to: 500 }, 67)).toEqual({
      from: -FIT_MARGIN_BARS,
      to: 66 + FIT_MARGIN_BARS,
    });
  });

  it("shifts a view that runs past the data back onto it, keeping its width", () => {
    // 150 bars wide, ending 200 bars after the last of 1,000 bars -> ends at 999 + margin
    expect(fitLogical({ from: 1050, to: 1200 }, 1000)).toEqual({ from: 852, to: 1002 });
    expect(fitLogical({ from: -120, to: 30 }, 1000)).toEqual({ from: -3, to: 147 });
    expect(fitLogical({ from: 400, to: 550 }, 1000)).toEqual({ from: 400, to: 550 });
  });

  it("keeps an anchor time at the same fraction of the width", () => {
    const b = hourly(1000);
    const v = anchoredView(b, H, 500.5 * H, 0.25, 100);
    expect(v).toEqual({ from: 475, to: 575 });
    expect(timeAt(b, v.from + 0.25 * (v.to - v.from), H)).toBe(500.5 * H);
  });
});
