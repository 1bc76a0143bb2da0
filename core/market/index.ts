/**
 * Public API of market data in core: columnar bars, timeframes, streaming parsing with
 * dialect detection and validation, time zones, resampling, symbols, sample data and CSV
 * export. Everything here is pure and can run in a Web Worker, Node or tests.
 */
export * from "./candles.ts";
export * from "./civil-time.ts";
export * from "./csv-writer.ts";
export * from "./dialects.ts";
export * from "./parser.ts";
export * from "./resample.ts";
export * from "./sample-data.ts";
export { DateTimeScanner, scanNumber } from "./scan.ts";
export * from "./symbols.ts";
export * from "./time-zones.ts";
export * from "./timeframes.ts";
export * from "./validation.ts";
