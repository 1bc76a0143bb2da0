import { describe, expect, it } from "vitest";
import { type Bar, barsFromRows, barsToRows } from "./candles.ts";
import { civilToMs, formatIsoUtc } from "./civil-time.ts";
import { forexDayStart, forexWeekStart, resample } from "./resample.ts";
import { generateSampleBars } from "./sample-data.ts";

const M = 60_000;
const H = 3600_000;
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => civilToMs(y, mo, d, h, mi);

/** One bar per minute from `start` for `count` minutes with recognisable prices. */
function minutes(start: number, count: number, base = 1): Bar[] {
  return Array.from({ length: count }, (_, i) => ({
    time: start + i * M,
    open: base + i,
    high: base + i + 0.5,
    low: base + i - 0.5,
    close: base + i + 0.25,
    volume: 1,
  }));
}

describe("resample", () => {
  it("aggregates first open, max high, min low, last close, summed volume", () => {
    const bars = barsFromRows(minutes(at(2024, 1, 2, 10), 120));
    const h1 = barsToRows(resample(bars, "M1", "H1"));
    expect(h1).toEqual([
      { time: at(2024, 1, 2, 10), open: 1, high: 60.5, low: 0.5, close: 60.25, volume: 60 },
      { time: at(2024, 1, 2, 11), open: 61, high: 120.5, low: 60.5, close: 120.25, volume: 60 },
    ]);
  });

  it("aligns M5/M15/M30 to the clock and starts a bucket mid-way when data starts mid-way", () => {
    const bars = barsFromRows(minutes(at(2024, 1, 2, 10, 7), 30));
    expect(Array.from(resample(bars, "M1", "M15").time)).toEqual([
      at(2024, 1, 2, 10, 0),
      at(2024, 1, 2, 10, 15),
      at(2024, 1, 2, 10, 30),
    ]);
    expect(resample(bars, "M1", "M5").length).toBe(7);
    expect(resample(bars, "M1", "M30").volume[0]).toBe(23);
  });

  it("leaves gaps instead of fake bars", () => {
    const rows = [...minutes(at(2024, 1, 2, 10), 5), ...minutes(at(2024, 1, 2, 14), 5, 100)];
    const h1 = resample(barsFromRows(rows), "M1", "H1");
    expect(Array.from(h1.time)).toEqual([at(2024, 1, 2, 10), at(2024, 1, 2, 14)]);
  });

  it("rolls the forex day at 17:00 New York (22:00 UTC in winter, 21:00 UTC in summer)", () => {
    // Winter: 16:59 NY = 21:59 UTC belongs to the day that started the previous 17:00 NY.
    const winter = barsFromRows([...minutes(at(2024, 1, 2, 21, 58), 4)]);
    const d1 = resample(winter, "M1", "D1");
    expect(Array.from(d1.time).map(formatIsoUtc)).toEqual([
      "2024-01-01T22:00:00.000Z",
      "2024-01-02T22:00:00.000Z",
    ]);
    expect(Array.from(d1.volume)).toEqual([2, 2]);
    const summer = barsFromRows(minutes(at(2024, 7, 2, 20, 59), 2));
    expect(Array.from(resample(summer, "M1", "D1").time).map(formatIsoUtc)).toEqual([
      "2024-07-01T21:00:00.000Z",
      "2024-07-02T21:00:00.000Z",
    ]);
  });

  it("splits H4 on the forex day: 17, 21, 01, 05, 09, 13 New York", () => {
    const hours = Array.from({ length: 24 }, (_, i) => ({
      time: at(2024, 1, 2, 22) + i * H,
      open: 1,
      high: 2,
      low: 0.5,
      close: 1,
      volume: 1,
    }));
    const h4 = resample(barsFromRows(hours), "H1", "H4");
    expect(h4.length).toBe(6);
    expect(Array.from(h4.time).map((t) => new Date(t).getUTCHours())).toEqual([22, 2, 6, 10, 14, 18]);
    expect(Array.from(h4.volume)).toEqual([4, 4, 4, 4, 4, 4]);
  });

  it("keeps six H4 bars on the 25-hour forex day of the autumn US switch", () => {
    // Forex day from Sat 2024-11-02 17:00 EDT (21:00 UTC) to Sun 2024-11-03 17:00 EST (22:00 UTC).
    const hours = Array.from({ length: 25 }, (_, i) => ({
      time: at(2024, 11, 2, 21) + i * H,
      open: 1,
      high: 2,
      low: 0.5,
      close: 1,
      volume: 1,
    }));
    const h4 = resample(barsFromRows(hours), "H1", "H4");
    expect(Array.from(h4.volume)).toEqual([4, 4, 4, 4, 4, 5]);
    expect(resample(barsFromRows(hours), "H1", "D1").length).toBe(1);
  });

  it("starts W1 on Sunday 17:00 New York and skips the weekend gap", () => {
    const fri = minutes(at(2024, 1, 5, 21, 58), 2); // Fri 16:58-16:59 NY
    const sun = minutes(at(2024, 1, 7, 22, 0), 2, 50); // Sun 17:00 NY
    const w1 = resample(barsFromRows([...fri, ...sun]), "M1", "W1");
    expect(Array.from(w1.time).map(formatIsoUtc)).toEqual([
      "2023-12-31T22:00:00.000Z",
      "2024-01-07T22:00:00.000Z",
    ]);
    expect(Array.from(w1.open)).toEqual([1, 50]);
    const d1 = resample(barsFromRows([...fri, ...sun]), "M1", "D1");
    expect(d1.length).toBe(2);
  });

  it("gives the same result from M1 directly or through intermediate timeframes", () => {
    const { bars } = generateSampleBars({ count: 20_000, timeframe: "M1", seed: 7 });
    const direct = resample(bars, "M1", "D1");
    const viaH1 = resample(resample(bars, "M1", "H1"), "H1", "D1");
    const viaH4 = resample(resample(bars, "M1", "H4"), "H4", "D1");
    expect(barsToRows(viaH1)).toEqual(barsToRows(direct));
    expect(barsToRows(viaH4)).toEqual(barsToRows(direct));
    expect(barsToRows(resample(resample(bars, "M1", "M5"), "M5", "H1"))).toEqual(
      barsToRows(resample(bars, "M1", "H1")),
    );
    let volume = 0;
    for (const v of bars.volume) volume += v;
    let d1Volume = 0;
    for (const v of direct.volume) d1Volume += v;
    expect(d1Volume).toBe(volume);
  });

  it("refuses to resample down and copies for the same timeframe", () => {
    const bars = barsFromRows(minutes(at(2024, 1, 2), 3));
    expect(() => resample(bars, "H1", "M5")).toThrow(/Cannot resample H1 bars down to M5/);
    const same = resample(bars, "M1", "M1");
    expect(same.time).not.toBe(bars.time);
    expect(Array.from(same.time)).toEqual(Array.from(bars.time));
  });

  it("finds forex day and week starts", () => {
    expect(formatIsoUtc(forexDayStart(at(2024, 1, 3, 12)))).toBe("2024-01-02T22:00:00.000Z");
    expect(formatIsoUtc(forexWeekStart(at(2024, 1, 5, 12)))).toBe("2023-12-31T22:00:00.000Z");
    expect(formatIsoUtc(forexWeekStart(at(2024, 7, 7, 21)))).toBe("2024-07-07T21:00:00.000Z");
  });
});
