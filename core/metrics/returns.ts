/** Daily returns and the annualised figures built on them (CAGR, return, volatility, Sharpe, Sortino). */

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;
/** Data with more weekend bars than 60% of a 7-day week's share trade every day (crypto-like). */
const WEEKEND_SHARE = (2 / 7) * 0.6;

/** Simple returns between consecutive daily closes. */
export function dailyReturns(closes: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = 1; k < closes.length; k++) out.push(closes[k] / closes[k - 1] - 1);
  return out;
}

/** Trading days per year: 365 when the data trade on weekends, else 252. */
export function periodsPerYear(weekendShare: number): number {
  return weekendShare > WEEKEND_SHARE ? 365 : 252;
}

/** The annualised block of the statistics. */
export interface AnnualFigures {
  cagrPct: number;
  returnAnnPct: number;
  volatilityAnnPct: number;
  sharpe: number;
  sortino: number;
}

/** Inputs of annualFigures. */
export interface AnnualInput {
  dailyCloses: readonly number[];
  weekendShare: number;
  startMs: number;
  endMs: number;
  initial: number;
  final: number;
  /** Annual risk-free rate (0.02 = 2%). */
  riskFree: number;
}

/** Annualised figures; see docs/backtesting.md for the formulas. */
export function annualFigures(a: AnnualInput): AnnualFigures {
  const years = (a.endMs - a.startMs) / DAY_MS / YEAR_DAYS;
  const cagr = years > 0 ? (a.final / a.initial) ** (1 / years) - 1 : Number.NaN;
  const r = dailyReturns(a.dailyCloses);
  const ppy = periodsPerYear(a.weekendShare);
  let logSum = 0;
  let sum = 0;
  let ruined = false;
  for (const x of r) {
    if (x <= -1) ruined = true;
    else logSum += Math.log(1 + x);
    sum += x;
  }
  const m = r.length ? sum / r.length : Number.NaN;
  const gmean = r.length === 0 ? Number.NaN : ruined ? -1 : Math.exp(logSum / r.length) - 1;
  const rf = a.riskFree / ppy;
  let sq = 0;
  let down = 0;
  for (const x of r) {
    sq += (x - m) ** 2;
    const ex = Math.min(0, x - rf);
    down += ex * ex;
  }
  const sd = r.length > 1 ? Math.sqrt(sq / (r.length - 1)) : Number.NaN;
  const dsd = r.length ? Math.sqrt(down / r.length) : Number.NaN;
  const root = Math.sqrt(ppy);
  return {
    cagrPct: cagr * 100,
    returnAnnPct: ((1 + gmean) ** ppy - 1) * 100,
    volatilityAnnPct: sd * root * 100,
    sharpe: sd > 0 ? ((m - rf) / sd) * root : Number.NaN,
    sortino: dsd > 0 ? ((m - rf) / dsd) * root : Number.NaN,
  };
}
