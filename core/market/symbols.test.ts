import { describe, expect, it } from "vitest";
import { findSymbol, overrideSymbol, priceDigits, symbolFromFileName, symbolInfo } from "./symbols.ts";
import { detectTimeframe, parseTimeframe, timeframeFromFileName } from "./timeframes.ts";

describe("symbols", () => {
  it("knows pip sizes and digits", () => {
    expect(symbolInfo("EURUSD")).toMatchObject({
      base: "EUR",
      quote: "USD",
      pipSize: 0.0001,
      digits: 5,
      kind: "forex",
    });
    expect(symbolInfo("usd/jpy")).toMatchObject({ symbol: "USDJPY", pipSize: 0.01, digits: 3 });
    expect(symbolInfo("GBPJPY.m").pipSize).toBe(0.01);
    expect(symbolInfo("XAUUSD")).toMatchObject({ kind: "metal", pipSize: 0.01, digits: 2 });
  });

  it("labels simulated data", () => {
    expect(symbolInfo("EURUSD (simulated)")).toMatchObject({
      symbol: "EURUSD",
      simulated: true,
      label: "EURUSD (simulated)",
    });
  });

  it.each([
    ["EURUSD_H1.csv", "EURUSD"],
    ["DAT_ASCII_EURUSD_M1_2024.csv", "EURUSD"],
    ["EURUSD60.csv", "EURUSD"],
    ["USDJPY_Candlestick_1_M_BID_01.01.2024-31.01.2024.csv", "USDJPY"],
    ["C:\\Users\\me\\Downloads\\gbpusd-h4.csv", "GBPUSD"],
  ])("finds the symbol in %s", (name, symbol) => {
    expect(symbolFromFileName(name)?.symbol).toBe(symbol);
  });

  it("finds nothing in unrelated names and rejects unknown symbols with a hint", () => {
    expect(symbolFromFileName("prices.csv")).toBeUndefined();
    expect(findSymbol("Gmt time")).toBeUndefined();
    expect(() => symbolInfo("BTC")).toThrow(/6-letter pair/);
  });

  it("applies checked overrides", () => {
    expect(symbolInfo("XAUUSD", { XAUUSD: { pipSize: 0.1 } }).pipSize).toBe(0.1);
    expect(() => overrideSymbol(symbolInfo("EURUSD"), { pipSize: -1 })).toThrow(/positive/);
    expect(() => overrideSymbol(symbolInfo("EURUSD"), { digits: 2.5 })).toThrow(/whole number/);
  });
});

describe("priceDigits", () => {
  it("gives the quote digits of known pairs and metals, and 5 for anything else", () => {
    // EURUSD quotes 1.08512, USDJPY 151.234, XAUUSD 2030.85
    expect(priceDigits("EURUSD")).toBe(5);
    expect(priceDigits("USDJPY")).toBe(3);
    expect(priceDigits("XAUUSD")).toBe(2);
    expect(priceDigits("NOT-A-PAIR")).toBe(5);
    expect(priceDigits(undefined)).toBe(5);
  });
});

describe("timeframes", () => {
  it.each([
    ["EURUSD_H1.csv", "H1"],
    ["DAT_ASCII_EURUSD_M1_2024.csv", "M1"],
    ["EURUSD60.csv", "H1"],
    ["EURUSD1440.csv", "D1"],
    ["USDJPY_Candlestick_1_M_BID_01.01.2024-31.01.2024.csv", "M1"],
    ["EURUSD_Candlestick_4_Hour_BID.csv", "H4"],
    ["prices.csv", undefined],
  ])("hints %s -> %s", (name, tf) => {
    expect(timeframeFromFileName(name)).toBe(tf);
  });

  it("detects the most common spacing despite gaps", () => {
    const H = 3600_000;
    const times = [0, 1, 2, 3, 50, 51, 52, 53, 54].map((h) => h * H);
    expect(detectTimeframe(Float64Array.from(times))).toBe("H1");
    const days = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((d) => d * 24 * H);
    expect(detectTimeframe(Float64Array.from(days))).toBe("D1");
    expect(detectTimeframe(Float64Array.from([0, 7 * H, 14 * H]))).toBeUndefined();
  });

  it("parses names", () => {
    expect(parseTimeframe("h4")).toBe("H4");
    expect(() => parseTimeframe("H2")).toThrow(/M1, M5/);
  });
});
