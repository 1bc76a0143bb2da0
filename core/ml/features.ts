/**
 * Causal features from bars, as one row-major Float32 matrix. Row t describes what is
 * known when bar t opens: it is computed from bars 0..t-1 only, so no feature can see
 * the bar it predicts (the property test changes bars at or after t and checks row t).
 * There are bars.length + 1 rows: row n is the live row for the bar after the last one.
 */
import type { Bars } from "../backtest/types.ts";
import { bollinger } from "../indicators/bollinger.ts";
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

/** Column values per source bar i (what is known after bar i closed); row i + 1 takes them. */
function sourceColumns(bars: Bars, spec: FeatureSpec): Float64Array[] {
  const { close, time } = bars;
  const n = close.length;
  const cols: Float64Array[] = [];
  const ret = logReturns(close);
  for (let k = 0; k < spec.lags; k++) {
    const col = new Float64Array(n).fill(Number.NaN);
    for (let i = k; i < n; i++) col[i] = ret[i - k];
    cols.push(col);
  }
  const needAtr = spec.macd || spec.maDistance || spec.higherTimeframeMs;
  const range = needAtr ? atr(bars, 14) : new Float64Array(0);
  if (spec.rsi) {
    const r = rsi(close, 14);
    for (let i = 0; i < n; i++) r[i] = (r[i] - 50) / 50;
    cols.push(r);
  }
  if (spec.macd) {
    const m = macd(close, 12, 26, 9);
    const line = new Float64Array(n);
    const hist = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      line[i] = m.macd[i] / range[i];
      hist[i] = m.histogram[i] / range[i];
    }
    cols.push(line, hist);
  }
  if (spec.maDistance) {
    const [s20, s50] = smaPair(close, 20, 50);
    for (let i = 0; i < n; i++) {
      s20[i] = (close[i] - s20[i]) / range[i];
      s50[i] = (close[i] - s50[i]) / range[i];
    }
    cols.push(s20, s50);
  }
  if (spec.bollinger) {
    const b = bollinger(close, 20, 2);
    const pct = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const width = b.upper[i] - b.lower[i];
      pct[i] = width > 0 ? (close[i] - b.lower[i]) / width : 0.5;
    }
    cols.push(pct);
  }
  if (spec.volatility) {
    const v = rollingStd(ret, 20);
    for (let i = 0; i < n; i++) v[i] = Math.log(v[i] + 1e-9);
    cols.push(v);
  }
  if (spec.time) cols.push(...timeColumns(time));
  if (spec.higherTimeframeMs) cols.push(...higherTimeframeColumns(bars, spec.higherTimeframeMs, range));
  return cols;
}

function timeColumns(time: Float64Array): Float64Array[] {
  const n = time.length;
  const hs = new Float64Array(n);
  const hc = new Float64Array(n);
  const ws = new Float64Array(n);
  const wc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = time[i];
    const days = Math.floor(t / MS_DAY);
    const hour = (t - days * MS_DAY) / MS_HOUR;
    const weekday = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    hs[i] = Math.sin((TWO_PI * hour) / 24);
    hc[i] = Math.cos((TWO_PI * hour) / 24);
    ws[i] = Math.sin((TWO_PI * weekday) / 7);
    wc[i] = Math.cos((TWO_PI * weekday) / 7);
  }
  return [hs, hc, ws, wc];
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

/** Computes the feature matrix of `bars` (bars.length + 1 rows; see the module comment). */
export function computeFeatures(bars: Bars, spec: FeatureSpec): FeatureMatrix {
  const n = bars.close.length;
  const names = featureNames(spec);
  const cols = sourceColumns(bars, spec);
  const c = cols.length;
  const rows = n + 1;
  const data = new Float32Array(rows * c);
  let firstRow = 1;
  for (let j = 0; j < c; j++) {
    const col = cols[j];
    data[j] = Number.NaN;
    let lastBad = -1;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (!Number.isFinite(v)) lastBad = i;
      data[(i + 1) * c + j] = v;
    }
    firstRow = Math.max(firstRow, lastBad + 2);
  }
  return { data, rows, cols: c, names, firstRow: Math.min(firstRow, rows) };
}
