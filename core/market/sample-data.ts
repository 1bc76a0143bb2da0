/**
 * Seeded, deterministic simulated EUR/USD-like bars for first-run samples, tests and
 * benchmarks. Clearly simulated: the symbol is labelled "EURUSD (simulated)" and the result
 * carries `simulated: true`. Features: closed from Friday 17:00 to Sunday 17:00 New York
 * time (weekend gaps), slowly changing volatility regimes, busier London/New York hours.
 */
import { DomainError } from "../errors.ts";
import { type Bars, BarsBuilder } from "./candles.ts";
import { civilToMs, MS_PER_DAY, MS_PER_HOUR, weekdayFromDays } from "./civil-time.ts";
import { type SymbolInfo, symbolInfo } from "./symbols.ts";
import { createUtcToLocal } from "./time-zones.ts";
import { TIMEFRAME_MS, type Timeframe } from "./timeframes.ts";

export interface SampleOptions {
  /** number of bars to produce */
  count: number;
  /** PRNG seed (same seed, same bars); default 42 */
  seed?: number;
  /** default H1; M1 to H4 */
  timeframe?: Timeframe;
  /** first bar time at or after this UTC ms; default 2021-01-04 00:00 UTC */
  start?: number;
  /** default 1.10 */
  startPrice?: number;
}

export interface SampleData {
  bars: Bars;
  symbol: SymbolInfo;
  timeframe: Timeframe;
  simulated: true;
  seed: number;
}

/** Hourly volatility of the simulated pair (about 0.1% per hour, like EUR/USD). */
const HOURLY_VOL = 0.001;
const DIGITS = 1e5;

/** mulberry32: a tiny, fast, seedable PRNG returning uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** True while the forex market is closed: Friday 17:00 to Sunday 17:00 New York time. */
function isClosed(localNy: number): boolean {
  const days = Math.floor(localNy / MS_PER_DAY);
  const weekday = weekdayFromDays(days);
  const hour = (localNy - days * MS_PER_DAY) / MS_PER_HOUR;
  return weekday === 6 || (weekday === 5 && hour >= 17) || (weekday === 0 && hour < 17);
}

/** Relative activity by UTC hour: quiet Asia, busy London and New York overlap. */
function sessionFactor(utc: number): number {
  const hour = Math.floor((utc % MS_PER_DAY) / MS_PER_HOUR);
  if (hour >= 12 && hour < 17) return 1.5;
  if (hour >= 7 && hour < 12) return 1.2;
  return 0.7;
}

function roundPrice(x: number): number {
  return Math.round(x * DIGITS) / DIGITS;
}

/** Generates simulated EUR/USD-like bars (see SampleOptions). */
export function generateSampleBars(options: SampleOptions): SampleData {
  const { count, seed = 42, timeframe = "H1", startPrice = 1.1 } = options;
  const step = TIMEFRAME_MS[timeframe];
  if (!(count >= 0) || step > TIMEFRAME_MS.H4) {
    throw new DomainError("bad-sample", "Sample data needs a count >= 0 and a timeframe from M1 to H4.");
  }
  const rand = seededRandom(seed);
  const toNy = createUtcToLocal("new-york");
  const builder = new BarsBuilder(count);
  const barVol = HOURLY_VOL * Math.sqrt(step / MS_PER_HOUR);
  const persistence = 1 - step / (200 * MS_PER_HOUR);
  let t = options.start ?? civilToMs(2021, 1, 4);
  t -= t % step;
  let price = startPrice;
  let regime = 0;
  let drift = 0;
  let closedBefore = false;
  while (builder.length < count) {
    if (isClosed(toNy(t))) {
      closedBefore = true;
      t += step;
      continue;
    }
    regime = persistence * regime + Math.sqrt(1 - persistence * persistence) * 0.5 * gaussian(rand);
    drift = persistence * drift + (1 - persistence) * 0.05 * gaussian(rand);
    const sigma = barVol * Math.exp(regime) * sessionFactor(t);
    const open = roundPrice(closedBefore ? price * Math.exp(sigma * 2 * gaussian(rand)) : price);
    const close = roundPrice(open * Math.exp(sigma * (gaussian(rand) + drift)));
    const high = roundPrice(Math.max(open, close) * Math.exp(Math.abs(gaussian(rand)) * sigma * 0.5));
    const low = roundPrice(Math.min(open, close) * Math.exp(-Math.abs(gaussian(rand)) * sigma * 0.5));
    const volume = Math.round((200 + 800 * rand()) * (sigma / barVol) * (step / MS_PER_HOUR) ** 0.5);
    builder.push(t, open, Math.max(high, open, close), Math.min(low, open, close), close, volume);
    price = close;
    closedBefore = false;
    t += step;
  }
  return {
    bars: builder.build(),
    symbol: symbolInfo("EURUSD (simulated)"),
    timeframe,
    simulated: true,
    seed,
  };
}
