/**
 * Test and demo helpers: bars from literal OHLC rows and a strategy that runs a script of
 * actions on given bars. Used by the engine's unit tests; handy for app tests too.
 */
import type { StrategyDefinition } from "../strategy/types.ts";
import type { BrokerApi } from "./broker-api.ts";
import type { Bars } from "./types.ts";

const HOUR_MS = 3_600_000;

/** Bars from [open, high, low, close] rows, hourly from `startMs` (default 2024-01-01 Mon 00:00 UTC). */
export function barsFrom(
  rows: readonly (readonly [number, number, number, number])[],
  startMs = Date.UTC(2024, 0, 1),
  stepMs = HOUR_MS,
): Bars {
  const n = rows.length;
  const bars: Bars = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  rows.forEach(([o, h, l, c], i) => {
    bars.time[i] = startMs + i * stepMs;
    bars.open[i] = o;
    bars.high[i] = h;
    bars.low[i] = l;
    bars.close[i] = c;
  });
  return bars;
}

/** Flat bars at one price. */
export function flatBars(n: number, price = 1): Bars {
  return barsFrom(Array.from({ length: n }, () => [price, price, price, price] as const));
}

/** A strategy with no parameters that runs `script[i]` on bar i (next() starts at bar 1). */
export function scripted(script: Record<number, (broker: BrokerApi, i: number) => void>): StrategyDefinition {
  return {
    id: "scripted",
    name: "Scripted",
    description: "Runs fixed actions on fixed bars (tests).",
    params: [],
    create({ broker }) {
      return {
        warmup: 0,
        next(i) {
          script[i]?.(broker, i);
        },
      };
    },
  };
}
