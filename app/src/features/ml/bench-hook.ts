/**
 * Test hook for scripts/bench/ml.ts, installed only when the page URL has ?bench: the
 * default MLP's training throughput in the real ML worker. Nothing else is exposed.
 */
import type { BackendChoice } from "../../adapters/tf/backend-choice.ts";
import { mlWorker } from "../../workers/ml-client.ts";

export interface ForexMlBenchHook {
  throughput(
    samples: number,
    epochs: number,
    backend: BackendChoice,
  ): Promise<{ backend: string; samplesPerSecond: number }>;
}

declare global {
  interface Window {
    __forexMlBench?: ForexMlBenchHook;
  }
}

if (typeof location !== "undefined" && new URLSearchParams(location.search).has("bench")) {
  window.__forexMlBench = { throughput: (s, e, b) => mlWorker().throughput(s, e, b) };
}
