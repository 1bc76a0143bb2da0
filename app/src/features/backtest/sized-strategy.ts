/**
 * Wraps a strategy so that its orders without an explicit size use the account's default
 * size (fraction of equity, units or lots) instead of the engine's full-equity default.
 */
import type { BrokerApi } from "../../../../core/backtest/broker-api.ts";
import type { OrderOptions } from "../../../../core/backtest/types.ts";
import type { StrategyDefinition } from "../../../../core/strategy/types.ts";
import { type Sizing, sizeOption } from "./account-form.ts";

function sizedBroker(broker: BrokerApi, extra: { size?: number; lots?: number }): BrokerApi {
  const fill = (o: OrderOptions = {}): OrderOptions =>
    o.size === undefined && o.lots === undefined ? { ...o, ...extra } : o;
  const view = Object.create(broker) as BrokerApi;
  view.buy = (o?: OrderOptions) => broker.buy(fill(o));
  view.sell = (o?: OrderOptions) => broker.sell(fill(o));
  return view;
}

/** The definition unchanged when the sizing is the engine default, else a wrapped one. */
export function withSizing(def: StrategyDefinition, sizing: Sizing): StrategyDefinition {
  const extra = sizeOption(sizing);
  if (!extra) return def;
  return { ...def, create: (ctx) => def.create({ ...ctx, broker: sizedBroker(ctx.broker, extra) }) };
}
