import { describe, expect, it } from "vitest";
import { civilToMs } from "./civil-time.ts";
import { DateTimeScanner, isTimeOfDay, scanNumber } from "./scan.ts";

const num = (s: string) => scanNumber(s, 0, s.length);

describe("scanNumber", () => {
  it("reads decimals exactly like parseFloat", () => {
    for (const s of ["1.104270", "1.0716", "0.5", "151.123", "12", "1520.37", "0.00001", "-2.5", "+3.25"]) {
      expect(num(s)).toBe(Number.parseFloat(s));
    }
  });
  it("ignores blanks and quotes, accepts a decimal comma", () => {
    expect(num(' "1.25" ')).toBe(1.25);
    expect(num("1,25")).toBe(1.25);
  });
  it("falls back for exponents and long mantissas", () => {
    expect(num("1.5e-3")).toBe(0.0015);
    expect(num("1.12345678901234567")).toBe(Number("1.12345678901234567"));
  });
  it("rejects garbage", () => {
    for (const s of ["", "abc", "1.2.3", "1,234.5", "1.2x", "-"]) expect(num(s)).toBeNaN();
  });
});

describe("DateTimeScanner", () => {
  const scanner = new DateTimeScanner();
  const scan = (s: string) => scanner.scan(s, 0, s.length);
  const expected = civilToMs(2024, 1, 2, 17, 0, 0);
  it.each([
    "2024-01-02 17:00:00",
    "2024-01-02 17:00",
    "2024-01-02T17:00:00",
    "2024.01.02 17:00",
    "2024/01/02 17:00:00",
    "20240102 170000",
    "02.01.2024 17:00:00.000",
    "01/02/2024 17:00",
    "02-01-2024 17:00",
  ])("reads %s", (text) => {
    expect(scan(text)).toBe(expected);
    expect(scanner.explicitOffset).toBeNaN();
  });
  it("reads fractions of a second", () => {
    expect(scan("2024-01-02 17:00:00.250")).toBe(expected + 250);
  });
  it("reads explicit offsets", () => {
    expect(scan("2024-01-02T17:00:00Z")).toBe(expected);
    expect(scanner.explicitOffset).toBe(0);
    expect(scan("2024-01-02T19:00:00+02:00")).toBe(expected + 2 * 3600_000);
    expect(scanner.explicitOffset).toBe(2 * 3600_000);
    expect(scan("02.01.2024 19:00:00.000 GMT+0200")).toBe(expected + 2 * 3600_000);
    expect(scanner.explicitOffset).toBe(2 * 3600_000);
    scan("2024-01-02T12:00:00-05:00");
    expect(scanner.explicitOffset).toBe(-5 * 3600_000);
  });
  it("reads epoch seconds and milliseconds as UTC", () => {
    expect(scan(String(expected / 1000))).toBe(expected);
    expect(scanner.epoch).toBe(true);
    expect(scan(String(expected))).toBe(expected);
    expect(scanner.explicitOffset).toBe(0);
  });
  it("reads date-only values and a separate time of day", () => {
    expect(scan("2024.01.02")).toBe(civilToMs(2024, 1, 2));
    expect(scanner.scanTimeOfDay("17:30", 0, 5)).toBe(17.5 * 3600_000);
    expect(scanner.scanTimeOfDay("173000", 0, 6)).toBe(17.5 * 3600_000);
  });
  it("rejects impossible dates and times", () => {
    for (const s of [
      "2024-02-30 10:00",
      "2023-02-29 00:00",
      "2024-13-01 00:00",
      "2024-01-02 24:00",
      "2024-01-02 10:61",
      "hello",
      "",
    ]) {
      expect(scan(s)).toBeNaN();
    }
    expect(scan("2024-02-29 00:00")).toBe(civilToMs(2024, 2, 29));
  });
  it("recognises separate time-of-day fields", () => {
    expect(isTimeOfDay("17:00")).toBe(true);
    expect(isTimeOfDay("17:00:00")).toBe(true);
    expect(isTimeOfDay("2024.01.02")).toBe(false);
  });
});
