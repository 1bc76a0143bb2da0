/**
 * The strategy contract. A strategy definition declares its parameters (with defaults and
 * optimisation ranges) and creates an instance for one run; the instance reports its
 * warm-up w (leading bars on which some indicator has no value) and gets next(i) per bar.
 */
import type { BrokerApi } from "../backtest/broker-api.ts";
import type { Bars } from "../backtest/types.ts";

/** One numeric parameter. */
export interface ParamSpec {
  name: string;
  label: string;
  description: string;
  default: number;
  /** Hard bounds: values outside are rejected. */
  min: number;
  max: number;
  /** Whole numbers only (periods). */
  integer: boolean;
  /** Suggested optimisation range: start, stop (inclusive), step. */
  range: readonly [number, number, number];
}

/** Parameter values by name. */
export type Params = Record<string, number>;

/** What a strategy instance is given at creation. */
export interface StrategyContext {
  bars: Bars;
  broker: BrokerApi;
  params: Params;
}

/** A strategy bound to one run. */
export interface StrategyInstance {
  /** w: the engine calls next() from bar w + 1 on. */
  warmup: number;
  /** Called after bar i's orders are processed and its equity recorded; may place orders. */
  next(i: number): void;
}

/** A named strategy with its parameters. */
export interface StrategyDefinition {
  id: string;
  name: string;
  description: string;
  params: readonly ParamSpec[];
  /** Optional extra rule on parameters, e.g. fast < slow; returns an error message or "". */
  validate?(params: Params): string;
  create(ctx: StrategyContext): StrategyInstance;
}

/** Index of the first value that is not NaN (the array length if none). */
export function firstDefined(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) return i;
  return values.length;
}

/** w for a set of indicator series: the largest first-defined index (0 without indicators). */
export function warmupOf(...series: Float64Array[]): number {
  let w = 0;
  for (const s of series) w = Math.max(w, firstDefined(s));
  return w;
}
