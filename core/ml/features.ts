/**
 * Causal features from bars, as one row-major Float32 matrix. Row t describes what is
 * known when bar t opens: it is computed from bars 0..t-1 only, so no feature can see
 * the bar it predicts (the property test changes bars at or after t and checks row t).
 * There are bars.length + 1 rows: row n is the live row for the bar after the last one.
 */
import type { Bars } from "../backtest/types.ts";
import { RollingStd } from "../indicators/bollinger.ts";
import { macd } from "../indicators/macd.ts";
import { smaPair } from "../indicators/moving-average.ts";
import { rsi } from "../indicators/rsi.ts";
import { atr, rollingStd } from "./atr.ts";
import { type FeatureSpec, featureNames } from "./feature-spec.ts";

/** A feature matrix: rows x cols, row-major; rows before firstRow hold NaN somewhere. */
export interface FeatureMatrix {
  data: Float32Array;
  rows: number;
  cols: number;
  names: string[];
  /** first row whose every feature is finite */
  firstRow: number;
}

const MS_HOUR = 3_600_000;
const MS_DAY = 86_400_000;
const TWO_PI = 2 * Math.PI;
const HTF_MEAN_OF = 10;

/** Log returns: out[i] = ln(close[i] / close[i-1]); out[0] = NaN. */
export function logReturns(close: Float64Array): Float64Array {
  const out = new Float64Array(close.length);
  out[0] = Number.NaN;
  for (let i = 1; i < close.length; i++) out[i] = Math.log(close[i] / close[i - 1]);
  return out;
}

/**
 * Indicator columns per source bar i (what is known after bar i closed); row i + 1 takes
 * them. Lagged returns and time of day/week are not materialised: the assembly loop reads
 * them from the returns and from lookup tables. Returns the columns that come before the
 * time features and those after (higher-timeframe context), in featureNames order.
 */
function indicatorColumns(
  bars: Bars,
  spec: FeatureSpec,
  ret: Float64Array,
): [Float64Array[], Float64Array[]] {
  const { close } = bars;
  const n = close.length;
  const cols: Float64Array[] = [];
  const needAtr = spec.macd || spec.maDistance || spec.higherTimeframeMs;
  const range = needAtr ? atr(bars, 14) : new Float64Array(0);
  if (spec.rsi) {
    const r = rsi(close, 14);
    for (let i = 0; i < n; i++) r[i] = (r[i] - 50) / 50;
    cols.push(r);
  }
  if (spec.macd) {
    const m = macd(close, 12, 26, 9);
    const line = m.macd;
    const hist = m.histogram;
    for (let i = 0; i < n; i++) {
      line[i] /= range[i];
      hist[i] /= range[i];
    }
    cols.push(line, hist);
  }
  if (spec.maDistance || spec.bollinger) {
    const [s20, s50] = smaPair(close, 20, 50);
    let pct: Float64Array | undefined;
    if (spec.bollinger) {
      // %B of Bollinger(20, 2) from the same SMA(20) and core's rolling deviation.
      const sd = new RollingStd(20);
      pct = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const s = sd.push(close[i]);
        pct[i] = s > 0 ? (close[i] - (s20[i] - 2 * s)) / (4 * s) : Number.isNaN(s) ? Number.NaN : 0.5;
      }
    }
    if (spec.maDistance) {
      for (let i = 0; i < n; i++) {
        s20[i] = (close[i] - s20[i]) / range[i];
        s50[i] = (close[i] - s50[i]) / range[i];
      }
      cols.push(s20, s50);
    }
    if (pct) cols.push(pct);
  }
  if (spec.volatility) {
    const v = rollingStd(ret, 20);
    for (let i = 0; i < n; i++) v[i] = Math.log(v[i] + 1e-9);
    cols.push(v);
  }
  const after = spec.higherTimeframeMs ? higherTimeframeColumns(bars, spec.higherTimeframeMs, range) : [];
  return [cols, after];
}

const MINUTES_PER_DAY = 1440;
/** sin/cos of the hour angle per minute of the day, and of the weekday angle. */
const HOUR_SIN = Float64Array.from({ length: MINUTES_PER_DAY }, (_, m) =>
  Math.sin((TWO_PI * m) / MINUTES_PER_DAY),
);
const HOUR_COS = Float64Array.from({ length: MINUTES_PER_DAY }, (_, m) =>
  Math.cos((TWO_PI * m) / MINUTES_PER_DAY),
);
const WEEK_SIN = Float64Array.from({ length: 7 }, (_, d) => Math.sin((TWO_PI * d) / 7));
const WEEK_COS = Float64Array.from({ length: 7 }, (_, d) => Math.cos((TWO_PI * d) / 7));

/** Writes hour and weekday sin/cos of time t at data[o..o+3]. */
function writeTime(data: Float32Array, o: number, t: number): void {
  const days = Math.floor(t / MS_DAY);
  const msOfDay = t - days * MS_DAY;
  const minute = msOfDay / 60_000;
  const weekday = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  if (Number.isInteger(minute)) {
    data[o] = HOUR_SIN[minute];
    data[o + 1] = HOUR_COS[minute];
  } else {
    const hour = msOfDay / MS_HOUR;
    data[o] = Math.sin((TWO_PI * hour) / 24);
    data[o + 1] = Math.cos((TWO_PI * hour) / 24);
  }
  data[o + 2] = WEEK_SIN[weekday];
  data[o + 3] = WEEK_COS[weekday];
}

/** Completed higher-timeframe buckets only: a bucket counts once a bar of a later bucket closed. */
function higherTimeframeColumns(bars: Bars, bucketMs: number, range: Float64Array): Float64Array[] {
  const { close, time } = bars;
  const n = close.length;
  const ret = new Float64Array(n).fill(Number.NaN);
  const dist = new Float64Array(n).fill(Number.NaN);
  const closes: number[] = [];
  let sum = 0;
  for (let i = 1; i < n; i++) {
    if (Math.floor(time[i] / bucketMs) !== Math.floor(time[i - 1] / bucketMs)) {
      closes.push(close[i - 1]);
      sum += close[i - 1];
      if (closes.length > HTF_MEAN_OF) sum -= closes[closes.length - 1 - HTF_MEAN_OF];
    }
    const k = closes.length;
    if (k >= 2) ret[i] = Math.log(closes[k - 1] / closes[k - 2]);
    if (k >= HTF_MEAN_OF) dist[i] = (close[i] - sum / HTF_MEAN_OF) / range[i];
  }
  return [ret, dist];
}

/** The last index whose value is not finite (-1 if none). */
function lastBad(col: Float64Array): number {
  for (let i = col.length - 1; i >= 0; i--) if (!Number.isFinite(col[i])) return i;
  return -1;
}

/** Computes the feature matrix of `bars` (bars.length + 1 rows; see the module comment). */
export function computeFeatures(bars: Bars, spec: FeatureSpec): FeatureMatrix {
  const n = bars.close.length;
  const names = featureNames(spec);
  const ret = logReturns(bars.close);
  const [before, after] = indicatorColumns(bars, spec, ret);
  const lags = spec.lags;
  const c = names.length;
  const kb = before.length;
  const timeAt = lags + kb;
  const afterAt = timeAt + (spec.time ? 4 : 0);
  const rows = n + 1;
  const data = new Float32Array(rows * c);
  data.fill(Number.NaN, 0, c);
  const time = bars.time;
  for (let i = 0; i < n; i++) {
    const o = (i + 1) * c;
    for (let l = 0; l < lags; l++) data[o + l] = i - l >= 1 ? ret[i - l] : Number.NaN;
    for (let j = 0; j < kb; j++) data[o + lags + j] = before[j][i];
    if (spec.time) writeTime(data, o + timeAt, time[i]);
    for (let j = 0; j < after.length; j++) data[o + afterAt + j] = after[j][i];
  }
  // Row i + 1 is complete once every source column is finite at bar i; lag l reads ret[i - l].
  const badRet = lastBad(ret);
  let firstRow = 1;
  if (lags > 0) firstRow = badRet + lags + 1;
  for (const col of [...before, ...after]) firstRow = Math.max(firstRow, lastBad(col) + 2);
  return { data, rows, cols: c, names, firstRow: Math.min(firstRow, rows) };
}
