/**
 * Loads a price file for the backtest commands through the shared market-data parser
 * (core/market, every supported dialect; naive times are UTC) and returns its columnar bars.
 */
import type { Bars } from "../core/backtest/types.ts";
import { parseFile } from "./read-file-chunks.ts";

/** Reads and parses a price file (path relative to cwd); throws with the parser's reason. */
export async function loadBarsCsv(cwd: string, file: string): Promise<Bars> {
  const result = await parseFile(cwd, file);
  if (!result.ok) throw new Error(`${file}: ${result.failure ?? "no valid bar found"}`);
  if (result.bars.time.length < 2) throw new Error(`${file}: at least 2 bars are needed for a backtest.`);
  return result.bars;
}
