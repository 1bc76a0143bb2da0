/** Close and reverse when the MACD line crosses its signal line. */
import { macd as macdSeries } from "../indicators/macd.ts";
import { BRACKET_PARAMS, crossedAbove, periodParam, reverse } from "./common.ts";
import { type StrategyDefinition, warmupOf } from "./types.ts";

export const macdStrategy: StrategyDefinition = {
  id: "macd",
  name: "MACD",
  description: "Long when MACD crosses above its signal line, short when it crosses below.",
  params: [
    periodParam("fast", "Fast EMA", 12, [6, 20, 2]),
    periodParam("slow", "Slow EMA", 26, [20, 40, 2]),
    periodParam("signal", "Signal EMA", 9, [5, 15, 1]),
    ...BRACKET_PARAMS,
  ],
  validate: (p) =>
    p.fast < p.slow ? "" : `MACD fast period (${p.fast}) must be below the slow period (${p.slow}).`,
  create({ bars, broker, params }) {
    const close = bars.close;
    const m = macdSeries(close, params.fast, params.slow, params.signal);
    return {
      warmup: warmupOf(m.macd, m.signal),
      next(i) {
        if (crossedAbove(m.macd, m.signal, i)) reverse(broker, 1, close[i], params);
        else if (crossedAbove(m.signal, m.macd, i)) reverse(broker, -1, close[i], params);
      },
    };
  },
};
