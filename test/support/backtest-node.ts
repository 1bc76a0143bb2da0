/**
 * The engine run in Node on the committed SIM file, for end-to-end tests to compare the
 * app's figures with: the bars as the app imports them (UTC), single runs, and the same
 * walk-forward the Walk-forward page runs.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { runBacktest } from "../../core/backtest/engine.ts";
import type { Bars } from "../../core/backtest/types.ts";

const simCsv = resolve(import.meta.dirname, "../fixtures/backtest/SIM_H1.csv");

/** The SIM file as columnar bars (times as UTC, as the app imports it). */
export function simBars(): Bars {
  const rows = readFileSync(simCsv, "utf8").trim().split("\n").slice(1);
  const col = () => new Float64Array(rows.length);
  const bars: Bars = { time: col(), open: col(), high: col(), low: col(), close: col(), volume: col() };
  rows.forEach((line, i) => {
    const [t, o, h, l, c, v] = line.split(",");
    bars.time[i] = Date.parse(`${t.replace(" ", "T")}Z`);
    bars.open[i] = Number(o);
    bars.high[i] = Number(h);
    bars.low[i] = Number(l);
    bars.close[i] = Number(c);
    bars.volume[i] = Number(v);
  });
  return bars;
}

export function nodeRun(fast: number, slow: number) {
  return runBacktest({
    bars: simBars(),
    strategy: "sma-cross",
    params: { fast, slow },
    settings: { cash: 10_000 },
  });
}

/** The same walk-forward in Node with core's in-thread runners: SQN-best of a small grid per window. */
export async function nodeWalkForward(plan: { inSample: number; outOfSample: number }) {
  const { localWalkRunners, walkForward } = await import("../../core/backtest/walk-forward.ts");
  const bars = simBars();
  const settings = { cash: 10_000 };
  const res = await walkForward({
    ranges: [
      { name: "fast", start: 5, stop: 15, step: 5 },
      { name: "slow", start: 20, stop: 40, step: 10 },
    ],
    fixed: { stopLoss: 0, takeProfit: 0 },
    constraint: (p) => p.fast < p.slow,
    objective: "sqn",
    time: bars.time,
    inSampleBars: plan.inSample,
    outOfSampleBars: plan.outOfSample,
    cash: settings.cash,
    ...localWalkRunners({ bars, strategy: "sma-cross", settings, lookback: plan.inSample }),
  });
  return { windows: res.windows.length, stats: res.stats, firstBest: res.windows[0].params };
}
