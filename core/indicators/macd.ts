/** MACD: EMA(fast) - EMA(slow), its EMA(signal), and the histogram; incremental. */
import { Ema } from "./moving-average.ts";

/** The three MACD series. */
export interface MacdSeries {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

/** MACD of a series: macd defined from index slow - 1, signal from slow + signal - 2. */
export function macd(values: Float64Array, fast: number, slow: number, signalPeriod: number): MacdSeries {
  const n = values.length;
  const out: MacdSeries = {
    macd: new Float64Array(n),
    signal: new Float64Array(n),
    histogram: new Float64Array(n),
  };
  const f = new Ema(fast);
  const s = new Ema(slow);
  const sig = new Ema(signalPeriod);
  for (let i = 0; i < n; i++) {
    const m = f.push(values[i]) - s.push(values[i]);
    const g = sig.push(m);
    out.macd[i] = m;
    out.signal[i] = !Number.isNaN(m) ? g : Number.NaN;
    out.histogram[i] = m - out.signal[i];
  }
  return out;
}
