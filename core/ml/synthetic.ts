/**
 * Seeded synthetic bars with a known answer, for the honesty checks and benchmarks: a pure
 * random walk (i.i.d. returns: nothing to learn, out-of-sample accuracy must be ~0.5) and an
 * AR(1) series of returns (r[t] = phi r[t-1] + noise: with phi = 0.5 the next direction
 * agrees with the last about 1/2 + asin(0.5)/pi = 2/3 of the time).
 */
import { type Bars, BarsBuilder } from "../market/candles.ts";
import { seededRandom } from "../market/sample-data.ts";

export interface SyntheticOptions {
  count: number;
  seed: number;
  /** AR(1) coefficient of the returns; 0 = random walk */
  phi?: number;
  /** standard deviation of a bar's return (default 0.001) */
  sigma?: number;
  /** bar length in ms (default 1 h) */
  stepMs?: number;
  /** first bar time (default 2020-01-01 UTC) */
  start?: number;
}

/** Bars whose log returns follow r[t] = phi r[t-1] + sigma e[t], e ~ N(0, 1). */
export function syntheticBars(opts: SyntheticOptions): Bars {
  const { count, seed, phi = 0, sigma = 0.001, stepMs = 3_600_000, start = 1_577_836_800_000 } = opts;
  const rand = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const builder = new BarsBuilder(count);
  let price = 1.1;
  let r = 0;
  for (let i = 0; i < count; i++) {
    r = phi * r + sigma * gauss();
    const open = price;
    const close = open * Math.exp(r);
    const wick = sigma * 0.3;
    const high = Math.max(open, close) * (1 + Math.abs(gauss()) * wick);
    const low = Math.min(open, close) * (1 - Math.abs(gauss()) * wick);
    builder.push(start + i * stepMs, open, high, low, close, 100);
    price = close;
  }
  return builder.build();
}
