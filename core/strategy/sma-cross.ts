/** The reference strategy of the fixtures: close and reverse on SMA crosses (semantics page). */
import type { BrokerApi } from "../backtest/broker-api.ts";
import { ema, smaPair } from "../indicators/moving-average.ts";
import { BRACKET_PARAMS, periodParam, reverse } from "./common.ts";
import { type Params, type StrategyDefinition, type StrategyInstance, warmupOf } from "./types.ts";

/** Local copy: under tsx every reference to an imported binding is a getter call. */
const reverseFn = reverse;

/**
 * One run of a moving-average cross. A class (not a closure) so every run shares one
 * next() function and the engine's call site stays monomorphic across runs.
 */
export class MaCrossRun implements StrategyInstance {
  readonly warmup: number;
  constructor(
    private readonly close: Float64Array,
    private readonly fast: Float64Array,
    private readonly slow: Float64Array,
    private readonly broker: BrokerApi,
    private readonly params: Params,
  ) {
    this.warmup = warmupOf(fast, slow);
  }

  next(i: number): void {
    const f = this.fast;
    const s = this.slow;
    if (f[i - 1] < s[i - 1] && f[i] > s[i]) reverseFn(this.broker, 1, this.close[i], this.params);
    else if (s[i - 1] < f[i - 1] && s[i] > f[i]) reverseFn(this.broker, -1, this.close[i], this.params);
  }
}

/**
 * Indicator buffers per data set, reused by every run on the same bars (an optimisation runs
 * hundreds): writing into warm memory instead of fresh arrays saves a large share of a run.
 * Safe because a run is synchronous and the buffers never leave it.
 */
const buffers = new WeakMap<Float64Array, [Float64Array, Float64Array]>();

function buffersFor(close: Float64Array): [Float64Array, Float64Array] {
  let pair = buffers.get(close);
  if (!pair) {
    pair = [new Float64Array(close.length), new Float64Array(close.length)];
    buffers.set(close, pair);
  }
  return pair;
}

export const smaCross: StrategyDefinition = {
  id: "sma-cross",
  name: "SMA cross",
  description:
    "Long when the fast SMA crosses above the slow one, short when it crosses below (always in the market).",
  params: [
    periodParam("fast", "Fast SMA", 10, [5, 50, 5]),
    periodParam("slow", "Slow SMA", 30, [10, 200, 10]),
    ...BRACKET_PARAMS,
  ],
  create: ({ bars, broker, params }) => {
    const [fast, slow] = smaPair(bars.close, params.fast, params.slow, buffersFor(bars.close));
    return new MaCrossRun(bars.close, fast, slow, broker, params);
  },
};

export const emaCross: StrategyDefinition = {
  id: "ema-cross",
  name: "EMA cross",
  description: "Long when the fast EMA crosses above the slow one, short when it crosses below.",
  params: [
    periodParam("fast", "Fast EMA", 12, [5, 50, 5]),
    periodParam("slow", "Slow EMA", 26, [10, 200, 10]),
    ...BRACKET_PARAMS,
  ],
  create: ({ bars, broker, params }) =>
    new MaCrossRun(bars.close, ema(bars.close, params.fast), ema(bars.close, params.slow), broker, params),
};
