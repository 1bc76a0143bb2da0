/** Breakout of the Bollinger bands, exit when price returns to the middle band. */
import { bollinger } from "../indicators/bollinger.ts";
import { BRACKET_PARAMS, enter, periodParam } from "./common.ts";
import { type StrategyDefinition, warmupOf } from "./types.ts";

export const bollingerBreakout: StrategyDefinition = {
  id: "bollinger-breakout",
  name: "Bollinger breakout",
  description:
    "Long when the close breaks above the upper band, short below the lower band; exit at the middle band.",
  params: [
    periodParam("period", "Period", 20, [10, 50, 5]),
    {
      name: "k",
      label: "Width (std devs)",
      description: "Band distance in standard deviations",
      default: 2,
      min: 0.1,
      max: 10,
      integer: false,
      range: [1, 3, 0.5],
    },
    ...BRACKET_PARAMS,
  ],
  create({ bars, broker, params }) {
    const close = bars.close;
    const { middle, upper, lower } = bollinger(close, params.period, params.k);
    return {
      warmup: warmupOf(middle),
      next(i) {
        const c = close[i];
        const pos = broker.position;
        if (pos <= 0 && close[i - 1] <= upper[i - 1] && c > upper[i]) {
          broker.closePosition();
          enter(broker, 1, c, params);
        } else if (pos >= 0 && close[i - 1] >= lower[i - 1] && c < lower[i]) {
          broker.closePosition();
          enter(broker, -1, c, params);
        } else if ((pos > 0 && c < middle[i]) || (pos < 0 && c > middle[i])) {
          broker.closePosition();
        }
      },
    };
  },
};
