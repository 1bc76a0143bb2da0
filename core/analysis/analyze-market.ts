/**
 * Market analysis of the end of a price series: regime and direction, volatility
 * percentile, support and resistance, the session and its typical range, and a summary.
 * Pure: the same bars give the same answer.
 */
import { DomainError } from "../errors.ts";
import type { Bars } from "../market/candles.ts";
import { symbolInfo } from "../market/symbols.ts";
import { findLevels, type Level } from "./levels.ts";
import { summarize } from "./market-summary.ts";
import { classifyRegime, type Direction, MIN_BARS, type Regime, type RegimeFigures } from "./regime.ts";
import { type SessionName, sessionAt, sessionDayKey } from "./sessions.ts";
import { atrPercentile, type Volatility, yearStart } from "./volatility.ts";
import { atrSeries } from "./wilder.ts";

/** How many past occurrences of a session the typical range looks at. */
export const SESSION_DAYS = 20;
/** Session ranges need bars shorter than this (H4 and longer span whole sessions). */
const MAX_SESSION_BAR_MS = 2 * 3_600_000;

export interface SessionFigures {
  name: SessionName;
  /** median high-low range of the session's last `days` complete occurrences */
  typicalRange?: number;
  typicalRangePips?: number;
  days: number;
}

export interface MarketAnalysis {
  symbol?: string;
  timeframe?: string;
  /** UTC ms of the last bar */
  time: number;
  close: number;
  /** price decimals used in texts */
  digits: number;
  regime: Regime;
  direction: Direction;
  figures: RegimeFigures;
  volatility: Volatility;
  levels: Level[];
  session: SessionFigures;
  summary: string;
}

export interface AnalyzeOptions {
  symbol?: string;
  timeframe?: string;
}

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function sessionFigures(bars: Bars, pipSize: number | undefined): SessionFigures {
  const last = bars.length - 1;
  const name = sessionAt(bars.time[last]);
  const spacing = bars.time[last] - bars.time[last - 1];
  if (!(spacing < MAX_SESSION_BAR_MS)) return { name, days: 0 };
  const currentKey = sessionDayKey(bars.time[last]);
  const ranges = new Map<number, { high: number; low: number }>();
  for (let i = last; i >= 0 && ranges.size <= SESSION_DAYS; i--) {
    const t = bars.time[i];
    const key = sessionDayKey(t);
    if (key === currentKey || sessionAt(t) !== name) continue;
    const r = ranges.get(key);
    if (r) {
      r.high = Math.max(r.high, bars.high[i]);
      r.low = Math.min(r.low, bars.low[i]);
    } else ranges.set(key, { high: bars.high[i], low: bars.low[i] });
  }
  // The loop may have opened one occurrence too many (and only partly); drop the oldest.
  const keys = [...ranges.keys()].sort((a, b) => b - a).slice(0, SESSION_DAYS);
  if (keys.length === 0) return { name, days: 0 };
  const typicalRange = median(
    keys.map(
      (k) =>
        (ranges.get(k) as { high: number; low: number }).high -
        (ranges.get(k) as { high: number; low: number }).low,
    ),
  );
  return {
    name,
    typicalRange,
    typicalRangePips: pipSize ? typicalRange / pipSize : undefined,
    days: keys.length,
  };
}

function instrument(symbol: string | undefined): { pipSize?: number; digits: number } {
  if (!symbol) return { digits: 5 };
  try {
    const info = symbolInfo(symbol);
    return { pipSize: info.pipSize, digits: info.digits };
  } catch {
    return { digits: 5 };
  }
}

/** Analyses the last bar of `bars` (UTC, ascending); needs at least MIN_BARS bars. */
export function analyzeMarket(bars: Bars, options: AnalyzeOptions = {}): MarketAnalysis {
  if (bars.length < MIN_BARS) {
    throw new DomainError(
      "not_enough_bars",
      `Market analysis needs at least ${MIN_BARS} bars (SMA 50, its 10-bar slope and ADX 14); this series has ${bars.length}.`,
    );
  }
  const last = bars.length - 1;
  const from = yearStart(bars.time, bars.length);
  const { regime, direction, figures } = classifyRegime(bars, from);
  const atr = atrSeries(bars);
  const volatility = atrPercentile(atr, bars.time, from);
  const { pipSize, digits } = instrument(options.symbol);
  const analysis: MarketAnalysis = {
    symbol: options.symbol,
    timeframe: options.timeframe,
    time: bars.time[last],
    close: bars.close[last],
    digits,
    regime,
    direction,
    figures,
    volatility,
    levels: findLevels(bars, atr[last]),
    session: sessionFigures(bars, pipSize),
    summary: "",
  };
  analysis.summary = summarize(analysis);
  return analysis;
}
