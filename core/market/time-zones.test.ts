import { describe, expect, it } from "vitest";
import { civilToMs } from "./civil-time.ts";
import { localToUtc, parseTimeZone, utcOffsetAt, utcToLocal } from "./time-zones.ts";

const H = 3600_000;
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => civilToMs(y, mo, d, h, mi);

describe("broker time (EET/EEST, EU rules)", () => {
  it("is UTC+2 in winter and UTC+3 in summer", () => {
    expect(utcOffsetAt(at(2024, 1, 15, 12), "broker")).toBe(2 * H);
    expect(utcOffsetAt(at(2024, 7, 15, 12), "broker")).toBe(3 * H);
  });
  it("springs forward on the last Sunday of March at 01:00 UTC", () => {
    // 2024-03-31 is the last Sunday of March.
    expect(utcOffsetAt(at(2024, 3, 31, 0, 59), "broker")).toBe(2 * H);
    expect(utcOffsetAt(at(2024, 3, 31, 1), "broker")).toBe(3 * H);
    expect(localToUtc(at(2024, 3, 31, 2, 59), "broker")).toBe(at(2024, 3, 31, 0, 59));
    expect(localToUtc(at(2024, 3, 31, 4), "broker")).toBe(at(2024, 3, 31, 1));
  });
  it("reads a nonexistent wall time (03:30 on the switch day) with the winter offset", () => {
    expect(localToUtc(at(2024, 3, 31, 3, 30), "broker")).toBe(at(2024, 3, 31, 1, 30));
    expect(utcToLocal(at(2024, 3, 31, 1, 30), "broker")).toBe(at(2024, 3, 31, 4, 30));
  });
  it("falls back on the last Sunday of October; the repeated 03:xx hour is summer time unless later is asked", () => {
    // 2024-10-27 01:00 UTC: 04:00 EEST -> 03:00 EET.
    expect(utcOffsetAt(at(2024, 10, 27, 0, 59), "broker")).toBe(3 * H);
    expect(utcOffsetAt(at(2024, 10, 27, 1), "broker")).toBe(2 * H);
    expect(localToUtc(at(2024, 10, 27, 3, 30), "broker")).toBe(at(2024, 10, 27, 0, 30));
    expect(localToUtc(at(2024, 10, 27, 3, 30), "broker", "later")).toBe(at(2024, 10, 27, 1, 30));
    expect(localToUtc(at(2024, 10, 27, 4, 0), "broker")).toBe(at(2024, 10, 27, 2, 0));
  });
});

describe("New York (US rules)", () => {
  it("is UTC-5 in winter, UTC-4 in summer", () => {
    expect(utcOffsetAt(at(2024, 1, 15), "new-york")).toBe(-5 * H);
    expect(utcOffsetAt(at(2024, 7, 15), "new-york")).toBe(-4 * H);
  });
  it("springs forward on the second Sunday of March at 02:00 local", () => {
    // 2024-03-10 07:00 UTC.
    expect(utcOffsetAt(at(2024, 3, 10, 6, 59), "new-york")).toBe(-5 * H);
    expect(utcOffsetAt(at(2024, 3, 10, 7), "new-york")).toBe(-4 * H);
    expect(localToUtc(at(2024, 3, 10, 2, 30), "new-york")).toBe(at(2024, 3, 10, 7, 30)); // nonexistent
    expect(localToUtc(at(2024, 3, 10, 3, 0), "new-york")).toBe(at(2024, 3, 10, 7, 0));
  });
  it("falls back on the first Sunday of November at 02:00 local", () => {
    // 2024-11-03 06:00 UTC; 01:30 local happens twice.
    expect(utcOffsetAt(at(2024, 11, 3, 5, 59), "new-york")).toBe(-4 * H);
    expect(utcOffsetAt(at(2024, 11, 3, 6), "new-york")).toBe(-5 * H);
    expect(localToUtc(at(2024, 11, 3, 1, 30), "new-york")).toBe(at(2024, 11, 3, 5, 30));
    expect(localToUtc(at(2024, 11, 3, 1, 30), "new-york", "later")).toBe(at(2024, 11, 3, 6, 30));
  });
  it("uses the 1987-2006 rule for older data", () => {
    // 2006: first Sunday of April (Apr 2) to last Sunday of October (Oct 29).
    expect(utcOffsetAt(at(2006, 3, 20), "new-york")).toBe(-5 * H);
    expect(utcOffsetAt(at(2006, 4, 2, 7), "new-york")).toBe(-4 * H);
    expect(utcOffsetAt(at(2006, 10, 29, 6), "new-york")).toBe(-5 * H);
  });
  it("round-trips every hour of a year", () => {
    for (let t = at(2023, 1, 1); t < at(2024, 1, 1); t += H) {
      expect(
        localToUtc(
          utcToLocal(t, "new-york"),
          "new-york",
          utcOffsetAt(t, "new-york") === -5 * H ? "later" : "earlier",
        ),
      ).toBe(t);
    }
  });
});

describe("other zones", () => {
  it("utc is identity and est is fixed UTC-5", () => {
    expect(localToUtc(at(2024, 7, 1), "utc")).toBe(at(2024, 7, 1));
    expect(localToUtc(at(2024, 7, 1), "est")).toBe(at(2024, 7, 1, 5));
  });
  it("parses names and aliases, rejecting unknown ones with the list", () => {
    expect(parseTimeZone("NY")).toBe("new-york");
    expect(parseTimeZone("EET")).toBe("broker");
    expect(() => parseTimeZone("Mars")).toThrow(/utc, broker, new-york/);
  });
});

describe("MetaTrader broker time (New York close: UTC+2, UTC+3 in US summer time)", () => {
  it("switches on the US dates, so 17:00 in New York is always midnight", () => {
    // 2024: US summer time from Sun 10 March 07:00 UTC to Sun 3 November 06:00 UTC
    expect(utcOffsetAt(at(2024, 1, 15, 12), "broker-ny")).toBe(2 * H);
    expect(utcOffsetAt(at(2024, 3, 10, 6, 59), "broker-ny")).toBe(2 * H);
    expect(utcOffsetAt(at(2024, 3, 10, 7), "broker-ny")).toBe(3 * H);
    // 20 March: the US is on summer time, the EU not yet (EET broker time is still UTC+2)
    expect(utcOffsetAt(at(2024, 3, 20, 12), "broker-ny")).toBe(3 * H);
    expect(utcOffsetAt(at(2024, 3, 20, 12), "broker")).toBe(2 * H);
    // 17:00 EDT (21:00 UTC) on 20 March is 00:00 on 21 March on the broker's clock
    expect(utcToLocal(at(2024, 3, 20, 21), "broker-ny")).toBe(at(2024, 3, 21, 0));
    expect(localToUtc(at(2024, 3, 21, 0), "broker-ny")).toBe(at(2024, 3, 20, 21));
    expect(utcOffsetAt(at(2024, 11, 3, 6), "broker-ny")).toBe(2 * H);
    expect(parseTimeZone("MT5")).toBe("broker-ny");
  });
});
