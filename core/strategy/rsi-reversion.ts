/** Mean reversion on RSI: buy when RSI climbs back above the lower level, sell below the upper. */
import { rsi } from "../indicators/rsi.ts";
import { BRACKET_PARAMS, enter, periodParam } from "./common.ts";
import { type StrategyDefinition, warmupOf } from "./types.ts";

export const rsiReversion: StrategyDefinition = {
  id: "rsi-reversion",
  name: "RSI reversion",
  description:
    "Buy when RSI crosses up through the lower level, sell when it crosses down through the upper level; exit at the mid level.",
  params: [
    periodParam("period", "RSI period", 14, [5, 30, 1]),
    {
      name: "lower",
      label: "Lower level",
      description: "Oversold level",
      default: 30,
      min: 1,
      max: 50,
      integer: false,
      range: [20, 40, 5],
    },
    {
      name: "upper",
      label: "Upper level",
      description: "Overbought level",
      default: 70,
      min: 50,
      max: 99,
      integer: false,
      range: [60, 80, 5],
    },
    {
      name: "exit",
      label: "Exit level",
      description: "Close longs above / shorts below this level",
      default: 50,
      min: 1,
      max: 99,
      integer: false,
      range: [40, 60, 5],
    },
    ...BRACKET_PARAMS,
  ],
  validate: (p) =>
    p.lower < p.upper ? "" : `RSI lower level (${p.lower}) must be below the upper level (${p.upper}).`,
  create({ bars, broker, params }) {
    const close = bars.close;
    const r = rsi(close, params.period);
    const { lower, upper, exit } = params;
    return {
      warmup: warmupOf(r),
      next(i) {
        const pos = broker.position;
        if (r[i - 1] < lower && r[i] >= lower) {
          if (pos <= 0) {
            broker.closePosition();
            enter(broker, 1, close[i], params);
          }
        } else if (r[i - 1] > upper && r[i] <= upper) {
          if (pos >= 0) {
            broker.closePosition();
            enter(broker, -1, close[i], params);
          }
        } else if (
          (pos > 0 && r[i] >= exit && r[i - 1] < exit) ||
          (pos < 0 && r[i] <= exit && r[i - 1] > exit)
        ) {
          broker.closePosition();
        }
      },
    };
  },
};
