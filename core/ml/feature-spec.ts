/**
 * Which features to compute. A plain, serialisable object (it is stored with every model
 * so a bot computes exactly the features its model was trained on), checked with zod.
 */
import { z } from "zod";

export const featureSpecSchema = z.object({
  /** lagged log returns r[t-1] .. r[t-lags] (0 = none) */
  lags: z.number().int().min(0).max(50).default(5),
  /** RSI(14) scaled to [-1, 1] */
  rsi: z.boolean().default(true),
  /** MACD(12, 26, 9) line and histogram divided by ATR(14) */
  macd: z.boolean().default(true),
  /** (close - SMA(20)) / ATR(14) and (close - SMA(50)) / ATR(14) */
  maDistance: z.boolean().default(true),
  /** Bollinger %B(20, 2) */
  bollinger: z.boolean().default(true),
  /** rolling standard deviation of log returns over 20 bars, as log */
  volatility: z.boolean().default(true),
  /** hour of day and day of week as sin/cos pairs */
  time: z.boolean().default(true),
  /**
   * Optional higher-timeframe context: the bucket length in ms (e.g. 4 h for H1 bars).
   * Adds the last completed bucket's log return and the close's distance to the mean of
   * the last 10 completed bucket closes, both known before the bar they describe.
   */
  higherTimeframeMs: z.number().int().positive().optional(),
});

export type FeatureSpec = z.infer<typeof featureSpecSchema>;

/** The defaults: every feature group on, five lags, no higher timeframe. */
export const DEFAULT_FEATURES: FeatureSpec = featureSpecSchema.parse({});

/** Feature names in column order for a spec. */
export function featureNames(spec: FeatureSpec): string[] {
  const names: string[] = [];
  for (let k = 1; k <= spec.lags; k++) names.push(`ret_lag${k}`);
  if (spec.rsi) names.push("rsi14");
  if (spec.macd) names.push("macd_atr", "macd_hist_atr");
  if (spec.maDistance) names.push("dist_sma20_atr", "dist_sma50_atr");
  if (spec.bollinger) names.push("bb_pct_b");
  if (spec.volatility) names.push("log_vol20");
  if (spec.time) names.push("hour_sin", "hour_cos", "weekday_sin", "weekday_cos");
  if (spec.higherTimeframeMs) names.push("htf_ret", "htf_dist_mean10");
  return names;
}
