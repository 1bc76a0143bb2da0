/**
 * Market analysis of a stored data set at a timeframe: reads the last ~13 months of bars
 * (a year for the ATR percentile plus the indicators' warm-up) and runs core/analysis.
 */
import { analyzeMarket, type MarketAnalysis } from "../../../../core/analysis/index.ts";
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from "../../../../core/market/timeframes.ts";
import { type DatasetRecord, db } from "../../adapters/db.ts";
import { loadWindow } from "../chart/load-bars.ts";

const WINDOW_MS = 400 * 86_400_000;

/** Timeframes a data set can be analysed at: its own and every higher one up to D1. */
export function analysisTimeframes(d: DatasetRecord): Timeframe[] {
  const own = TIMEFRAME_MS[d.timeframe as Timeframe] ?? 0;
  return TIMEFRAMES.filter((tf) => TIMEFRAME_MS[tf] >= own && TIMEFRAME_MS[tf] <= TIMEFRAME_MS.D1);
}

/** A sensible default: H1 when the data allows it, else the data's own timeframe. */
export function defaultAnalysisTimeframe(d: DatasetRecord): Timeframe {
  return analysisTimeframes(d).includes("H1") ? "H1" : (d.timeframe as Timeframe);
}

export type AnalysisOutcome = { ok: true; analysis: MarketAnalysis } | { ok: false; message: string };

export async function analyseDataset(d: DatasetRecord, tf: Timeframe): Promise<AnalysisOutcome> {
  const bars = await loadWindow(db, d, { from: d.end - WINDOW_MS, to: d.end + 1 }, tf);
  try {
    const label = d.simulated ? `${d.symbol} (simulated)` : d.symbol;
    const analysis = analyzeMarket(bars, { symbol: d.symbol, timeframe: tf });
    analysis.symbol = label;
    analysis.summary = analysis.summary.replace(new RegExp(`^${d.symbol} `), `${label} `);
    return { ok: true, analysis };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
