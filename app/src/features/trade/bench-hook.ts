/**
 * Hook for scripts/bench/paper-browser.ts, installed only when the page URL has ?bench:
 * quotes/s of the paper broker in the trade worker, storing generated M1 bars through the
 * real storage code (a data set to replay), and frame times of the page while it runs.
 */

import { generateSampleBars } from "../../../../core/market/sample-data.ts";
import { storeBars } from "../../adapters/bar-store.ts";
import { db } from "../../adapters/db.ts";
import { tradeWorker } from "../../workers/trade-client.ts";
import type { BenchResult } from "./bench-quotes.ts";

export interface PaperBenchHook {
  workerQuotes(bars: number, orders: number): Promise<BenchResult>;
  storeM1(bars: number): Promise<string>;
  frames(ms: number): Promise<{ frames: number; maxMs: number; p99Ms: number; meanMs: number }>;
}

declare global {
  interface Window {
    __paperBench?: PaperBenchHook;
  }
}

const SEED = 7;
const enabled = typeof location !== "undefined" && new URLSearchParams(location.search).has("bench");

if (enabled) {
  window.__paperBench = {
    async workerQuotes(count, orders) {
      const { bars } = generateSampleBars({ count, timeframe: "M1", seed: SEED });
      return tradeWorker().benchmark(bars, orders);
    },
    async storeM1(count) {
      const { bars } = generateSampleBars({ count, timeframe: "M1", seed: SEED });
      const r = await storeBars(db, {
        symbol: "EURUSD",
        label: "EURUSD bench M1",
        timeframe: "M1",
        bars,
        source: "bench",
        now: Date.now(),
      });
      return r.dataset.id;
    },
    frames(ms) {
      return new Promise((resolve) => {
        const gaps: number[] = [];
        let last = performance.now();
        const end = last + ms;
        const step = (t: number) => {
          gaps.push(t - last);
          last = t;
          if (t < end) requestAnimationFrame(step);
          else {
            const sorted = [...gaps].sort((a, b) => a - b);
            resolve({
              frames: gaps.length,
              maxMs: sorted[sorted.length - 1],
              p99Ms: sorted[Math.floor(sorted.length * 0.99)],
              meanMs: gaps.reduce((a, b) => a + b, 0) / gaps.length,
            });
          }
        };
        requestAnimationFrame(step);
      });
    },
  };
}
