/**
 * "Export CSV" for a stored data set: chunk by chunk through core's CSV writer into a Blob,
 * then a download. The file uses the generic header layout the importer reads back, with a
 * Spread column on every row when any stored chunk has the data's own spread (empty where
 * unknown), so a set merged from files with and without one exports consistent rows.
 */
import { withSpreadColumn } from "../../../../core/market/candles.ts";
import { csvChunks } from "../../../../core/market/csv-writer.ts";
import { priceDigits } from "../../../../core/market/symbols.ts";
import { chunkToBars, readChunks } from "../../adapters/bar-store.ts";
import { type DatasetRecord, db } from "../../adapters/db.ts";

/** The data set as a CSV Blob (times in UTC). */
export async function datasetToCsvBlob(dataset: DatasetRecord): Promise<Blob> {
  const chunks = await readChunks(db, dataset.id);
  const digits = priceDigits(dataset.symbol);
  const withSpread = chunks.some((c) => c.layout?.spread !== undefined);
  const parts: string[] = [];
  chunks.forEach((chunk, i) => {
    const bars = withSpread ? withSpreadColumn(chunkToBars(chunk)) : chunkToBars(chunk);
    for (const text of csvChunks(bars, { digits, header: i === 0, chunkRows: 50_000 })) parts.push(text);
  });
  return new Blob(parts, { type: "text/csv" });
}

/** File name for an export, e.g. "EURUSD_H1.csv" ("EURUSD_H1_simulated.csv" for samples). */
export function exportFileName(dataset: DatasetRecord): string {
  return `${dataset.symbol}_${dataset.timeframe}${dataset.simulated ? "_simulated" : ""}.csv`;
}

/** Downloads the data set as CSV. */
export async function downloadCsv(dataset: DatasetRecord): Promise<void> {
  const blob = await datasetToCsvBlob(dataset);
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = exportFileName(dataset);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
