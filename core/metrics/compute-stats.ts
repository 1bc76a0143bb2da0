/**
 * Every summary statistic of a run in one pure function. It reads only an equity curve,
 * its bar times and closed trades, so it serves backtests and live trade history alike.
 * Formulas: docs/backtesting.md (the first block matches the reference fixtures).
 */
import { curveFigures } from "./curve.ts";
import { annualFigures } from "./returns.ts";

/** The fields of a closed trade the statistics read. */
export interface StatsTrade {
  size: number;
  entryBar: number;
  exitBar: number;
  pnl: number;
  /** Percent return net of costs. */
  returnPct: number;
  entryTime: number;
  exitTime: number;
  commission?: number;
  swap?: number;
}

/** Closed trades column by column (what TradeLog holds); `count` entries are valid. */
export interface TradeColumns {
  count: number;
  entryBar: ArrayLike<number>;
  exitBar: ArrayLike<number>;
  pnl: ArrayLike<number>;
  returnPct: ArrayLike<number>;
  entryTime: ArrayLike<number>;
  exitTime: ArrayLike<number>;
  commission: ArrayLike<number>;
  swap: ArrayLike<number>;
}

/** Columns from a list of trade objects (e.g. a live account's history). */
export function columnsOf(trades: readonly StatsTrade[]): TradeColumns {
  const col = (f: (t: StatsTrade) => number) => Float64Array.from(trades, f);
  return {
    count: trades.length,
    entryBar: col((t) => t.entryBar),
    exitBar: col((t) => t.exitBar),
    pnl: col((t) => t.pnl),
    returnPct: col((t) => t.returnPct),
    entryTime: col((t) => t.entryTime),
    exitTime: col((t) => t.exitTime),
    commission: col((t) => t.commission ?? 0),
    swap: col((t) => t.swap ?? 0),
  };
}

/** Inputs: equity per bar, bar times (epoch ms), closed trades. */
export interface StatsInput {
  equity: Float64Array;
  time: Float64Array;
  /** Closed trades, as objects or as columns. */
  trades: readonly StatsTrade[] | TradeColumns;
  /** Starting equity (default equity[0]). */
  initialCash?: number;
  /** Annual risk-free rate for Sharpe/Sortino (default 0). */
  riskFreeRate?: number;
  /** When given (length = equity.length), filled with the drawdown series. */
  drawdownOut?: Float64Array;
}

/** The statistics; NaN where a figure is undefined (e.g. no trades). */
export interface Stats {
  trades: number;
  equityFinal: number;
  equityPeak: number;
  returnPct: number;
  maxDrawdownPct: number;
  avgDrawdownPct: number;
  exposurePct: number;
  winRatePct: number;
  bestTradePct: number;
  worstTradePct: number;
  avgTradePct: number;
  profitFactor: number;
  expectancyPct: number;
  sqn: number;
  kelly: number;
  cagrPct: number;
  returnAnnPct: number;
  volatilityAnnPct: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  maxDrawdownDurationDays: number;
  avgDrawdownDurationDays: number;
  avgTradeDurationDays: number;
  longestWinStreak: number;
  longestLossStreak: number;
  commissionsPaid: number;
  swapsPaid: number;
}

const DAY_MS = 86_400_000;

/** Bars covered by at least one trade (entry to exit bar inclusive), counted once, as a percentage. */
function exposure(t: TradeColumns, bars: number): number {
  if (bars === 0) return Number.NaN;
  const n = t.count;
  let order: number[] | null = null;
  for (let k = 1; k < n; k++) {
    if (t.entryBar[k] < t.entryBar[k - 1]) {
      order = Array.from({ length: n }, (_, j) => j).sort((x, y) => t.entryBar[x] - t.entryBar[y]);
      break;
    }
  }
  let count = 0;
  let end = -1; // last bar already counted
  for (let j = 0; j < n; j++) {
    const k = order ? order[j] : j;
    const from = Math.max(t.entryBar[k], end + 1, 0);
    const to = Math.min(t.exitBar[k], bars - 1);
    if (to >= from) {
      count += to - from + 1;
      end = to;
    }
  }
  return (count / bars) * 100;
}

function tradeFigures(t: TradeColumns) {
  const n = t.count;
  let wins = 0;
  let best = Number.NaN;
  let worst = Number.NaN;
  let logSum = 0;
  let nonPositive = false;
  let pos = 0;
  let neg = 0;
  let retSum = 0;
  let pnlSum = 0;
  let winPnl = 0;
  let lossPnl = 0;
  let losses = 0;
  for (let k = 0; k < n; k++) {
    const pnl = t.pnl[k];
    const pct = t.returnPct[k];
    const r = pct / 100;
    if (pnl > 0) {
      wins++;
      winPnl += pnl;
    } else if (pnl < 0) {
      losses++;
      lossPnl -= pnl;
    }
    if (!(pct <= best)) best = pct;
    if (!(pct >= worst)) worst = pct;
    if (1 + r <= 0) nonPositive = true;
    else logSum += Math.log(1 + r);
    if (r > 0) pos += r;
    else if (r < 0) neg += r;
    retSum += pct;
    pnlSum += pnl;
  }
  const meanPnl = pnlSum / n;
  let sq = 0;
  for (let k = 0; k < n; k++) sq += (t.pnl[k] - meanPnl) ** 2;
  const std = n > 1 ? Math.sqrt(sq / (n - 1)) : Number.NaN;
  const winRate = n ? wins / n : Number.NaN;
  return {
    winRatePct: winRate * 100,
    bestTradePct: best,
    worstTradePct: worst,
    avgTradePct: n === 0 ? Number.NaN : nonPositive ? 0 : (Math.exp(logSum / n) - 1) * 100,
    profitFactor: neg !== 0 ? pos / Math.abs(neg) : Number.NaN,
    expectancyPct: n ? retSum / n : Number.NaN,
    sqn: std > 0 ? (Math.sqrt(n) * meanPnl) / std : Number.NaN,
    kelly: winRate - (1 - winRate) / (winPnl / wins / (lossPnl / losses)),
  };
}

function streaksAndCosts(t: TradeColumns) {
  let win = 0;
  let loss = 0;
  let maxWin = 0;
  let maxLoss = 0;
  let commissions = 0;
  let swaps = 0;
  let duration = 0;
  for (let k = 0; k < t.count; k++) {
    const pnl = t.pnl[k];
    win = pnl > 0 ? win + 1 : 0;
    loss = pnl < 0 ? loss + 1 : 0;
    if (win > maxWin) maxWin = win;
    if (loss > maxLoss) maxLoss = loss;
    commissions += t.commission[k];
    swaps += t.swap[k];
    duration += t.exitTime[k] - t.entryTime[k];
  }
  return {
    avgTradeDurationDays: t.count ? duration / t.count / DAY_MS : Number.NaN,
    longestWinStreak: maxWin,
    longestLossStreak: maxLoss,
    commissionsPaid: commissions,
    swapsPaid: swaps === 0 ? 0 : -swaps,
  };
}

/** Computes every statistic of docs/backtesting.md. */
export function computeStats(input: StatsInput): Stats {
  const { equity, time } = input;
  const trades = Array.isArray(input.trades)
    ? columnsOf(input.trades as readonly StatsTrade[])
    : (input.trades as TradeColumns);
  const n = equity.length;
  const initial = input.initialCash ?? (n ? equity[0] : Number.NaN);
  const curve = curveFigures(equity, time, input.drawdownOut);
  const final = n ? equity[n - 1] : initial;
  const annual = annualFigures({
    dailyCloses: curve.dailyCloses,
    weekendShare: curve.weekendShare,
    startMs: n ? time[0] : 0,
    endMs: n ? time[n - 1] : 0,
    initial,
    final,
    riskFree: input.riskFreeRate ?? 0,
  });
  const maxDd = curve.maxDrawdown;
  return {
    trades: trades.count,
    equityFinal: final,
    equityPeak: curve.equityPeak,
    returnPct: ((final - initial) / initial) * 100,
    maxDrawdownPct: -maxDd * 100,
    avgDrawdownPct: -curve.meanPeriodPeak * 100,
    exposurePct: exposure(trades, n),
    ...tradeFigures(trades),
    ...annual,
    calmar: maxDd > 0 ? annual.cagrPct / 100 / maxDd : Number.NaN,
    maxDrawdownDurationDays: curve.maxPeriodMs / DAY_MS,
    avgDrawdownDurationDays: curve.meanPeriodMs / DAY_MS,
    ...streaksAndCosts(trades),
  };
}
