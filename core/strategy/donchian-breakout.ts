/** Turtle-style channel breakout: enter on a new N-bar extreme, exit on an M-bar opposite extreme. */
import { donchian } from "../indicators/donchian.ts";
import { BRACKET_PARAMS, enter, periodParam } from "./common.ts";
import { type StrategyDefinition, warmupOf } from "./types.ts";

export const donchianBreakout: StrategyDefinition = {
  id: "donchian-breakout",
  name: "Donchian breakout",
  description:
    "Long when the close exceeds the highest high of the previous N bars, short below the lowest low; exit on the M-bar channel.",
  params: [
    periodParam("period", "Entry channel", 20, [10, 60, 5]),
    periodParam("exit", "Exit channel", 10, [5, 30, 5]),
    ...BRACKET_PARAMS,
  ],
  create({ bars, broker, params }) {
    const close = bars.close;
    const entry = donchian(bars.high, bars.low, params.period);
    const exit = donchian(bars.high, bars.low, params.exit);
    return {
      warmup: warmupOf(entry.upper, exit.upper),
      next(i) {
        const c = close[i];
        const pos = broker.position;
        if (pos <= 0 && c > entry.upper[i - 1]) {
          broker.closePosition();
          enter(broker, 1, c, params);
        } else if (pos >= 0 && c < entry.lower[i - 1]) {
          broker.closePosition();
          enter(broker, -1, c, params);
        } else if ((pos > 0 && c < exit.lower[i - 1]) || (pos < 0 && c > exit.upper[i - 1])) {
          broker.closePosition();
        }
      },
    };
  },
};
