/**
 * Paper-trading benchmark (npm run bench:paper). Prints figures, asserts nothing.
 *
 * A year of M1 bars (372,000 bars: 52 weeks of 5 trading days, seeded sample data) played
 * at the fastest speed as 1,488,000 bid/ask quotes (four per bar) through the paper broker
 * with 20 working limit orders kept in the book (re-placed as they fill, each with a 30-pip
 * SL and TP): quotes/s in Node, then the same job in the browser's trade worker, and the
 * Trade page's frame times while the replay runs at 1000x with an open position
 * (paper-browser.ts; needs dist/app, built first by the npm script).
 */

import { cpus, loadavg } from "node:os";
import { benchQuotes } from "../../app/src/features/trade/bench-quotes.ts";
import { generateSampleBars } from "../../core/market/sample-data.ts";
import { runPaperBrowserBench } from "./paper-browser.ts";

export const YEAR_M1_BARS = 372_000;
export const WORKING_ORDERS = 20;

function line(label: string, value: string): void {
  console.log(`${label.padEnd(52)} ${value}`);
}

const rate = (quotes: number, ms: number) =>
  `${Math.round(quotes / (ms / 1000)).toLocaleString("en-US")} quotes/s`;

async function main(): Promise<void> {
  console.log(
    `bench:paper — ${YEAR_M1_BARS.toLocaleString("en-US")} M1 bars, ${WORKING_ORDERS} working orders`,
  );
  const { bars } = generateSampleBars({ count: YEAR_M1_BARS, timeframe: "M1", seed: 7 });
  benchQuotes(generateSampleBars({ count: 20_000, timeframe: "M1", seed: 1 }).bars, WORKING_ORDERS); // warm-up
  const node = benchQuotes(bars, WORKING_ORDERS);
  line(
    "Node: quotes through the paper broker",
    `${node.quotes.toLocaleString("en-US")} in ${(node.ms / 1000).toFixed(2)} s`,
  );
  line("Node: rate", rate(node.quotes, node.ms));
  line("Node: fills / closed trades", `${node.fills} / ${node.closed}`);
  if (process.argv.includes("--node-only")) return;
  const b = await runPaperBrowserBench(YEAR_M1_BARS, WORKING_ORDERS);
  line(
    "Browser worker: quotes through the paper broker",
    `${b.worker.quotes.toLocaleString("en-US")} in ${(b.worker.ms / 1000).toFixed(2)} s`,
  );
  line("Browser worker: rate", rate(b.worker.quotes, b.worker.ms));
  line(
    "Trade page paused (baseline): mean / p99 / max frame",
    `${b.idle.meanMs.toFixed(1)} / ${b.idle.p99Ms.toFixed(1)} / ${b.idle.maxMs.toFixed(1)} ms`,
  );
  line("Trade page at 1000x: frames in 10 s", String(b.frames.frames));
  line(
    "Trade page at 1000x: mean frame",
    `${b.frames.meanMs.toFixed(1)} ms (${(1000 / b.frames.meanMs).toFixed(0)} fps)`,
  );
  line("Trade page at 1000x: p99 frame", `${b.frames.p99Ms.toFixed(1)} ms`);
  line("Trade page at 1000x: max frame (target <= 50 ms)", `${b.frames.maxMs.toFixed(1)} ms`);
  line("Trade page at 1000x: replay advanced", `${b.barsPlayed} bars`);
  const [one] = loadavg();
  line("Machine load (1-min load average / cores)", `${one.toFixed(2)} / ${cpus().length}`);
}

await main();
