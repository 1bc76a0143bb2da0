/**
 * "Load sample data": the simulated EUR/USD-like H1 series committed with the project
 * (test/fixtures/backtest/SIM_H1.csv, bundled as a precached asset), imported through the
 * normal import path and labelled simulated. If the file is not in the tree at build time,
 * core's seeded generator makes the same kind of series.
 */
import { barsToCsv } from "../../../../core/market/csv-writer.ts";
import { generateSampleBars } from "../../../../core/market/sample-data.ts";
import type { ImportOutcome } from "../../workers/import-api.ts";
import { startImport } from "../../workers/import-client.ts";

const bundled = import.meta.glob<string>("../../../../test/fixtures/backtest/SIM_H1.csv", {
  query: "?url",
  import: "default",
  eager: true,
});

/** Symbol name that marks the data set as simulated everywhere it is shown. */
export const SAMPLE_SYMBOL = "EURUSD (simulated)";
const SAMPLE_BARS = 8000;
const SAMPLE_SEED = 42;

async function sampleBlob(): Promise<Blob> {
  const url = Object.values(bundled)[0];
  if (url) {
    const res = await fetch(url);
    if (res.ok) return res.blob();
  }
  const { bars } = generateSampleBars({ count: SAMPLE_BARS, timeframe: "H1", seed: SAMPLE_SEED });
  return new Blob([barsToCsv(bars)], { type: "text/csv" });
}

/** Imports the simulated sample (merging into an earlier sample import without duplicates). */
export async function loadSampleData(): Promise<ImportOutcome> {
  const file = await sampleBlob();
  return startImport(
    {
      file,
      fileName: "SIM_H1.csv",
      tz: "utc",
      mode: "skip",
      symbol: SAMPLE_SYMBOL,
      timeframe: "H1",
      simulated: true,
      source: "sample (simulated)",
    },
    () => {},
  ).done;
}
