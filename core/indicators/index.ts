/** Incremental technical indicators (pure, O(1) per value). */
export { type BollingerBands, bollinger, RollingStd } from "./bollinger.ts";
export { type DonchianChannel, donchian, RollingExtreme } from "./donchian.ts";
export { type MacdSeries, macd } from "./macd.ts";
export { Ema, ema, Sma, series, sma } from "./moving-average.ts";
export { Rsi, rsi } from "./rsi.ts";
