/** Pieces shared by the built-in strategies: bracket parameters and reversing entries. */
import type { BrokerApi } from "../backtest/broker-api.ts";
import type { ParamSpec, Params } from "./types.ts";

/** A whole-number period parameter. */
export function periodParam(
  name: string,
  label: string,
  def: number,
  range: readonly [number, number, number],
): ParamSpec {
  return {
    name,
    label,
    description: `${label} (bars)`,
    default: def,
    min: 1,
    max: 100_000,
    integer: true,
    range,
  };
}

/** Optional stop-loss and take-profit as fractions of the entry bar's close (0 = none). */
export const BRACKET_PARAMS: readonly ParamSpec[] = [
  {
    name: "stopLoss",
    label: "Stop-loss",
    description: "Stop-loss distance as a fraction of price (0.003 = 0.3%); 0 = none",
    default: 0,
    min: 0,
    max: 0.99,
    integer: false,
    range: [0.001, 0.01, 0.001],
  },
  {
    name: "takeProfit",
    label: "Take-profit",
    description: "Take-profit distance as a fraction of price; 0 = none",
    default: 0,
    min: 0,
    max: 10,
    integer: false,
    range: [0.002, 0.02, 0.002],
  },
];

/** Closes the position, then enters full-equity on `side` with the optional brackets. */
export function reverse(broker: BrokerApi, side: 1 | -1, close: number, p: Params): void {
  broker.closePosition();
  enter(broker, side, close, p);
}

/** Enters full-equity on `side`; SL/TP at close x (1 -+ stopLoss) and close x (1 +- takeProfit). */
export function enter(broker: BrokerApi, side: 1 | -1, close: number, p: Params): void {
  const sl = p.stopLoss;
  const tp = p.takeProfit;
  if (!(sl > 0) && !(tp > 0)) {
    if (side > 0) broker.buy();
    else broker.sell();
    return;
  }
  if (side > 0) {
    broker.buy({ sl: sl > 0 ? close * (1 - sl) : undefined, tp: tp > 0 ? close * (1 + tp) : undefined });
  } else {
    broker.sell({ sl: sl > 0 ? close * (1 + sl) : undefined, tp: tp > 0 ? close * (1 - tp) : undefined });
  }
}

/** True when a crossed above b between bars i-1 and i (strict on both bars; ties are not crosses). */
export function crossedAbove(a: Float64Array, b: Float64Array, i: number): boolean {
  return a[i - 1] < b[i - 1] && a[i] > b[i];
}
