/**
 * Figures of a closed-trade history (paper, live or imported), in account currency unless
 * named otherwise: win rate, profit factor (gross profit / gross loss), expectancy (mean
 * pnl), SQN (sqrt(n) x mean pnl / sample std of pnl, as in docs/backtesting.md), per-trade
 * price returns, streaks (in exit order), holding times, and the drawdown of the running
 * sum of pnl (in percent of the peak too when the starting balance is known).
 */
import type { HistoryTrade } from "../../trading/history-csv.ts";

const MINUTE = 60_000;

export interface TradeStats {
  trades: number;
  wins: number;
  losses: number;
  winRatePct: number;
  netPnl: number;
  grossProfit: number;
  grossLoss: number;
  profitFactor: number;
  expectancy: number;
  avgWin: number;
  avgLoss: number;
  sqn: number;
  avgReturnPct: number;
  bestTradePct: number;
  worstTradePct: number;
  longestWinStreak: number;
  longestLossStreak: number;
  avgHoldMinutes: number;
  medianHoldMinutes: number;
  maxDrawdown: number;
  /** only with a starting balance */
  maxDrawdownPct?: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Percent price move in the trade's favour. */
export function returnPct(t: HistoryTrade): number {
  const move = (t.exitPrice / t.entryPrice - 1) * 100;
  return t.side === "buy" ? move : -move;
}

/** Indexes of the trades sorted by exit time (ties by entry, then input order). */
export function exitOrder(trades: readonly HistoryTrade[]): number[] {
  return trades
    .map((_, i) => i)
    .sort(
      (a, b) => trades[a].exitTime - trades[b].exitTime || trades[a].entryTime - trades[b].entryTime || a - b,
    );
}

export interface DrawdownFigures {
  maxDrawdown: number;
  maxDrawdownPct?: number;
  /** index (into trades) of the trade at the peak before the deepest drawdown; -1 = the start */
  peakAfter: number;
  /** index of the trade at its trough */
  troughAt: number;
  peakEquity: number;
  troughEquity: number;
}

/** Deepest fall of balance + running pnl, in exit order. */
export function drawdown(trades: readonly HistoryTrade[], startingBalance = 0): DrawdownFigures {
  let equity = startingBalance;
  let peak = startingBalance;
  let peakAt = -1;
  const out: DrawdownFigures = {
    maxDrawdown: 0,
    peakAfter: -1,
    troughAt: -1,
    peakEquity: peak,
    troughEquity: peak,
  };
  let worstPct = 0;
  for (const k of exitOrder(trades)) {
    equity += trades[k].pnl;
    if (equity > peak) {
      peak = equity;
      peakAt = k;
    }
    const dd = peak - equity;
    const pct = peak > 0 ? (dd / peak) * 100 : 0;
    if (startingBalance > 0 ? pct > worstPct : dd > out.maxDrawdown) {
      worstPct = pct;
      Object.assign(out, {
        maxDrawdown: dd,
        peakAfter: peakAt,
        troughAt: k,
        peakEquity: peak,
        troughEquity: equity,
      });
    }
  }
  if (startingBalance > 0) out.maxDrawdownPct = worstPct;
  return out;
}

/** Every figure of TradeStats. */
export function tradeStats(trades: readonly HistoryTrade[], startingBalance?: number): TradeStats {
  const n = trades.length;
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let winStreak = 0;
  let lossStreak = 0;
  let longestWinStreak = 0;
  let longestLossStreak = 0;
  for (const k of exitOrder(trades)) {
    const pnl = trades[k].pnl;
    if (pnl > 0) {
      wins++;
      grossProfit += pnl;
    } else if (pnl < 0) {
      losses++;
      grossLoss -= pnl;
    }
    winStreak = pnl > 0 ? winStreak + 1 : 0;
    lossStreak = pnl < 0 ? lossStreak + 1 : 0;
    longestWinStreak = Math.max(longestWinStreak, winStreak);
    longestLossStreak = Math.max(longestLossStreak, lossStreak);
  }
  const netPnl = grossProfit - grossLoss;
  const mean = n ? netPnl / n : Number.NaN;
  const variance = n > 1 ? trades.reduce((s, t) => s + (t.pnl - mean) ** 2, 0) / (n - 1) : Number.NaN;
  const returns = trades.map(returnPct);
  const holds = trades.map((t) => (t.exitTime - t.entryTime) / MINUTE);
  const dd = drawdown(trades, startingBalance);
  return {
    trades: n,
    wins,
    losses,
    winRatePct: n ? (wins / n) * 100 : Number.NaN,
    netPnl,
    grossProfit,
    grossLoss,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : Number.NaN,
    expectancy: mean,
    avgWin: wins ? grossProfit / wins : Number.NaN,
    avgLoss: losses ? -grossLoss / losses : Number.NaN,
    sqn: variance > 0 ? (Math.sqrt(n) * mean) / Math.sqrt(variance) : Number.NaN,
    avgReturnPct: n ? returns.reduce((s, r) => s + r, 0) / n : Number.NaN,
    bestTradePct: n ? Math.max(...returns) : Number.NaN,
    worstTradePct: n ? Math.min(...returns) : Number.NaN,
    longestWinStreak,
    longestLossStreak,
    avgHoldMinutes: n ? holds.reduce((s, h) => s + h, 0) / n : Number.NaN,
    medianHoldMinutes: median(holds),
    maxDrawdown: dd.maxDrawdown,
    ...(dd.maxDrawdownPct === undefined ? {} : { maxDrawdownPct: dd.maxDrawdownPct }),
  };
}
