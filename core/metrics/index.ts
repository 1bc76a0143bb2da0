/** Performance statistics of equity curves and trade lists. */
export {
  columnsOf,
  computeStats,
  type Stats,
  type StatsInput,
  type StatsTrade,
  type TradeColumns,
} from "./compute-stats.ts";
export { type CurveFigures, curveFigures, drawdownSeries } from "./curve.ts";
export {
  type AnnualFigures,
  type AnnualInput,
  annualFigures,
  dailyReturns,
  periodsPerYear,
} from "./returns.ts";
