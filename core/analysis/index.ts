/** Market analysis and trade-history analytics for the AI supervisor (pure). */
export { type AnalyzeOptions, analyzeMarket, type MarketAnalysis, SESSION_DAYS } from "./analyze-market.ts";
export { findLevels, type Level } from "./levels.ts";
export { fmtPrice, summarize } from "./market-summary.ts";
export { classifyRegime, type Direction, MIN_BARS, type Regime, type RegimeResult } from "./regime.ts";
export { SESSION_HOURS, SESSION_LABELS, type SessionName, sessionAt, sessionOfHour } from "./sessions.ts";
export { atrPercentile, type Volatility, yearStart } from "./volatility.ts";
export { adxSeries, atrSeries } from "./wilder.ts";
