/**
 * Stop-loss and take-profit in a trader's units. The built-in strategies take them as
 * fractions of the entry bar's close (0.003 = 0.3%); traders think in pips, in a price
 * distance or in percent. This wraps a built-in strategy so its stopLoss/takeProfit
 * parameters are entered in the chosen unit: percent maps onto the fraction (divided by 100),
 * pips and price distances are placed exactly at close -+ distance on each entry order.
 */
import type { BrokerApi } from "../../../../core/backtest/broker-api.ts";
import type { OrderOptions } from "../../../../core/backtest/types.ts";
import type { ParamSpec, Params, StrategyDefinition } from "../../../../core/strategy/types.ts";

export type BracketUnit = "pips" | "price" | "percent";

/** The unit and what turns pips into a price distance. */
export interface BracketUnits {
  unit: BracketUnit;
  /** price of one pip of the instrument (0.0001 for EURUSD, 0.01 for USDJPY) */
  pipSize: number;
}

export const BRACKET_UNIT_LABELS: Record<BracketUnit, string> = {
  pips: "pips",
  price: "price distance",
  percent: "% of price",
};

const BRACKETS = ["stopLoss", "takeProfit"] as const;

/** True for the stop-loss / take-profit parameters of the built-in strategies. */
export function isBracketParam(name: string): boolean {
  return (BRACKETS as readonly string[]).includes(name);
}

/** The short unit written after a value ("30 pips", "0.5%", "0.003"). */
export function bracketSuffix(unit: BracketUnit): string {
  return unit === "pips" ? " pips" : unit === "percent" ? "%" : "";
}

/** A bracket parameter's spec in the unit (bounds, optimisation range and description). */
export function bracketSpec(p: ParamSpec, unit: BracketUnit): ParamSpec {
  const what = p.name === "stopLoss" ? "Stop-loss" : "Take-profit";
  const sl = p.name === "stopLoss";
  if (unit === "pips")
    return {
      ...p,
      label: `${what} (pips)`,
      description: `${what} distance from the entry bar's close in pips; 0 = none`,
      max: 100_000,
      range: sl ? [10, 100, 10] : [20, 200, 20],
    };
  if (unit === "price")
    return {
      ...p,
      label: `${what} (price)`,
      description: `${what} distance from the entry bar's close in price (0.0030 = 30 pips on EURUSD); 0 = none`,
      max: 1e9,
      range: sl ? [0.001, 0.01, 0.001] : [0.002, 0.02, 0.002],
    };
  return {
    ...p,
    label: `${what} (%)`,
    description: `${what} distance in percent of the entry bar's close (0.3 = 0.3%); 0 = none`,
    max: sl ? 99 : 1000,
    range: sl ? [0.1, 1, 0.1] : [0.2, 2, 0.2],
  };
}

/** Parameter specs as the form shows them: brackets in the unit, the rest unchanged. */
export function specsInUnit(specs: readonly ParamSpec[], unit: BracketUnit): ParamSpec[] {
  return specs.map((p) => (isBracketParam(p.name) ? bracketSpec(p, unit) : p));
}

/** Entry orders without their own SL/TP get them at close -+ the distances. */
function bracketBroker(broker: BrokerApi, close: () => number, sl: number, tp: number): BrokerApi {
  const add = (side: 1 | -1, o: OrderOptions = {}): OrderOptions => {
    if (o.sl !== undefined || o.tp !== undefined) return o;
    const c = close();
    return {
      ...o,
      sl: sl > 0 ? c - side * sl : undefined,
      tp: tp > 0 ? c + side * tp : undefined,
    };
  };
  const view = Object.create(broker) as BrokerApi;
  view.buy = (o?: OrderOptions) => broker.buy(add(1, o));
  view.sell = (o?: OrderOptions) => broker.sell(add(-1, o));
  return view;
}

/**
 * The definition with its brackets in the unit; unchanged when it has no bracket parameters
 * (user strategies place their own stops).
 */
export function withBracketUnits(
  def: StrategyDefinition,
  units: BracketUnits | undefined,
): StrategyDefinition {
  if (!units || !def.params.some((p) => isBracketParam(p.name))) return def;
  const { unit, pipSize } = units;
  return {
    ...def,
    params: specsInUnit(def.params, unit),
    create: (ctx) => {
      const sl = ctx.params.stopLoss ?? 0;
      const tp = ctx.params.takeProfit ?? 0;
      if (unit === "percent") {
        return def.create({ ...ctx, params: { ...ctx.params, stopLoss: sl / 100, takeProfit: tp / 100 } });
      }
      const k = unit === "pips" ? pipSize : 1;
      if (!(sl > 0) && !(tp > 0)) return def.create(ctx);
      let bar = 0;
      const closes = ctx.bars.close;
      const broker = bracketBroker(ctx.broker, () => closes[bar], sl * k, tp * k);
      const params: Params = { ...ctx.params, stopLoss: 0, takeProfit: 0 };
      const inner = def.create({ ...ctx, broker, params });
      return {
        warmup: inner.warmup,
        next(i: number) {
          bar = i;
          inner.next(i);
        },
      };
    },
  };
}
