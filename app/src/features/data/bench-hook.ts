/**
 * Test hook for scripts/bench/data-browser.ts, installed only when the page URL has ?bench:
 * the timing of the last import as seen by the page, and a timed read-back of stored bars
 * through the real storage path. Nothing else is exposed.
 */
import { readBars } from "../../adapters/bar-store.ts";
import { db } from "../../adapters/db.ts";
import type { ImportOutcome } from "../../workers/import-api.ts";

export interface ForexBenchHook {
  lastImport?: { wallMs: number; outcome: ImportOutcome };
  readBars(datasetId: string, from: number, to: number): Promise<{ bars: number; ms: number }>;
}

declare global {
  interface Window {
    __forexBench?: ForexBenchHook;
  }
}

const enabled = typeof location !== "undefined" && new URLSearchParams(location.search).has("bench");

if (enabled) {
  window.__forexBench = {
    async readBars(datasetId, from, to) {
      const t0 = performance.now();
      const bars = await readBars(db, datasetId, from, to);
      return { bars: bars.length, ms: performance.now() - t0 };
    },
  };
}

/** Records an import's page-side wall time (from the Import click to the stored outcome). */
export function recordImport(wallMs: number, outcome: ImportOutcome): void {
  if (window.__forexBench) window.__forexBench.lastImport = { wallMs, outcome };
}
