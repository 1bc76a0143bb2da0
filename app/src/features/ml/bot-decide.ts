/**
 * One bot decision after a bar closed, shared by every venue (market replay and the
 * connector): a model's P(up) for the next bar from the features of the bars so far (in the
 * ML worker), turned into a side by the bot's threshold, or a built-in strategy's position
 * from the core backtest engine over the bars so far. Only bars up to `end` are used. While
 * the model's features or the strategy's indicators are still warming up there is no signal
 * (a note says so), and the bot acts on nothing.
 */

import { runBacktest } from "../../../../core/backtest/engine.ts";
import type { Bars } from "../../../../core/backtest/types.ts";
import { viewColumns } from "../../../../core/market/candles.ts";
import { signalSide } from "../../../../core/strategy/model-signal.ts";
import { mlWorker } from "../../workers/ml-client.ts";
import type { BotRecord, ModelRecord } from "./records.ts";

/** Bars of history given to a model for one decision (enough for every feature). */
export const MODEL_HISTORY = 400;
/** Bars of history a strategy is replayed over for one decision. */
export const STRATEGY_HISTORY = 2000;

export interface BotSignal {
  /** model bots: P(up); strategy bots: NaN */
  probability: number;
  features: Record<string, number>;
  /** 1 long, -1 short, 0 flat */
  want: -1 | 0 | 1;
  /** why there is no signal (e.g. the features are still warming up) */
  note: string;
}

/** The last `size` bars before index `end` (exclusive), as views (no copy). */
export function barWindow(bars: Bars, end: number, size: number): Bars {
  return viewColumns(bars, Math.max(0, end - size), end);
}

/** Decides after bar `i` of `bars` closed. */
export async function decideBar(
  bot: BotRecord,
  model: ModelRecord | undefined,
  bars: Bars,
  i: number,
): Promise<BotSignal> {
  if (model) {
    const out = await mlWorker().predict(
      model.id,
      model.artifacts,
      model.meta,
      barWindow(bars, i + 1, MODEL_HISTORY),
    );
    if (!out.ok) return { probability: Number.NaN, features: {}, want: 0, note: out.error.message };
    const { probability, features } = out.value;
    return {
      probability,
      features,
      note: Number.isNaN(probability) ? "features still warming up" : "",
      want: signalSide(probability, {
        threshold: bot.risk.threshold,
        allowShort: bot.risk.allowShort ? 1 : 0,
      }),
    };
  }
  if (bot.source.kind === "strategy") {
    const window = barWindow(bars, i + 1, STRATEGY_HISTORY);
    const r = runBacktest({ bars: window, strategy: bot.source.strategyId, settings: { finalize: false } });
    const n = window.close.length;
    // Until the strategy has decided on a bar, "flat" means "no opinion yet", not "close":
    // a connector bot rebuilding its bars after a reload must leave its position alone.
    if (r.startBar >= n)
      return {
        probability: Number.NaN,
        features: { close: bars.close[i] },
        want: 0,
        note: `strategy warming up (${n} ${n === 1 ? "bar" : "bars"} so far; its indicators need more)`,
      };
    const open = r.openTrades.reduce((s, t) => s + t.size, 0);
    return {
      probability: Number.NaN,
      features: { close: bars.close[i] },
      want: open > 0 ? 1 : open < 0 ? -1 : 0,
      note: "",
    };
  }
  return { probability: Number.NaN, features: {}, want: 0, note: "this bot's model is missing" };
}
