/**
 * "Model signal": trades a model's predicted probabilities of "up". probs[t] belongs to
 * feature row t (known when bar t opens, core/ml/features.ts), so after bar i closes the
 * strategy reads probs[i + 1] and its market order fills at bar i + 1's open. Long above
 * the threshold, short below 1 - threshold (when shorts are allowed), flat in between and
 * where there is no prediction (NaN, e.g. outside the out-of-sample windows).
 */
import type { BrokerApi } from "../backtest/broker-api.ts";
import type { ParamSpec, Params, StrategyDefinition, StrategyInstance } from "./types.ts";

const PARAMS: readonly ParamSpec[] = [
  {
    name: "threshold",
    label: "Threshold",
    description: "Go long when P(up) is above this, short when below 1 - this (0.5 = always in the market)",
    default: 0.5,
    min: 0.5,
    max: 1,
    integer: false,
    range: [0.5, 0.6, 0.02],
  },
  {
    name: "allowShort",
    label: "Shorts",
    description: "1 = take short positions on 'down' signals, 0 = long or flat only",
    default: 1,
    min: 0,
    max: 1,
    integer: true,
    range: [0, 1, 1],
  },
];

/** The side a probability asks for: 1 long, -1 short, 0 flat. */
export function signalSide(p: number, params: Params): -1 | 0 | 1 {
  if (!Number.isFinite(p)) return 0;
  if (p > params.threshold) return 1;
  if (params.allowShort >= 1 && p < 1 - params.threshold) return -1;
  return 0;
}

class ModelSignalRun implements StrategyInstance {
  readonly warmup = 0;
  constructor(
    private readonly probs: ArrayLike<number>,
    private readonly broker: BrokerApi,
    private readonly params: Params,
  ) {}

  next(i: number): void {
    const want = signalSide(this.probs[i + 1], this.params);
    const pos = this.broker.position;
    const have = pos > 0 ? 1 : pos < 0 ? -1 : 0;
    if (want === have) return;
    if (have !== 0) this.broker.closePosition();
    if (want > 0) this.broker.buy();
    else if (want < 0) this.broker.sell();
  }
}

/** A strategy definition trading the given probabilities (one per feature row: bars.length + 1). */
export function modelSignal(probs: ArrayLike<number>): StrategyDefinition {
  return {
    id: "model-signal",
    name: "Model signal",
    description: "Trades a machine-learning model's out-of-sample predictions (long on up, short on down).",
    params: PARAMS,
    create: ({ broker, params }) => new ModelSignalRun(probs, broker, params),
  };
}

/** Buy on the first bar the strategy may act on and hold to the end (the benchmark). */
export const buyAndHold: StrategyDefinition = {
  id: "buy-and-hold",
  name: "Buy and hold",
  description: "Buys once and holds to the end.",
  params: [],
  create: ({ broker }) => ({
    warmup: 0,
    next() {
      if (broker.position === 0 && broker.orders.length === 0) broker.buy();
    },
  }),
};
