/**
 * The look-ahead check as the CLI runs it before backtesting, optimising or walking forward
 * a user strategy file (built-in strategies are known to be causal and are not checked):
 * the report for --json output and the warning printed above a text report.
 */
import type { BacktestSettings, Bars } from "../core/backtest/types.ts";
import { checkLookahead, type LookaheadReport } from "../core/strategy/lookahead-check.ts";
import type { Params } from "../core/strategy/types.ts";
import { isStrategyFile, readStrategySource } from "./strategy-arg.ts";

/** The check of --strategy FILE with these parameters, or null for a built-in strategy. */
export function lookaheadOf(
  strategy: string,
  cwd: string,
  bars: Bars,
  params: Params,
  settings: Partial<BacktestSettings>,
): LookaheadReport | null {
  if (!isStrategyFile(strategy)) return null;
  return checkLookahead({ bars, source: readStrategySource(strategy, cwd), params, settings });
}

/** "WARNING: ..." lines for a flagged strategy ("" when clean or built-in). */
export function lookaheadWarning(report: LookaheadReport | null): string {
  if (!report?.flagged) return "";
  const lines = report.findings
    .slice(0, 5)
    .map((f) =>
      f.kind === "read-ahead"
        ? `  - ${f.detail}`
        : `  - bar ${f.bar} (${new Date(f.time).toISOString().slice(0, 16)}Z) ${f.what}: ${f.detail}`,
    );
  return `WARNING: ${report.summary}\n${lines.join("\n")}\n\n`;
}
