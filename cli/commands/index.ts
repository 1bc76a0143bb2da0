import type { CliCommand } from "../io.ts";
import { analyzeCommand } from "./analyze.ts";
import { backtestCommand } from "./backtest.ts";
import { dataConvertCommand } from "./data-convert.ts";
import { dataInspectCommand } from "./data-inspect.ts";
import { habitsCommand } from "./habits.ts";
import { optimizeCommand } from "./optimize.ts";
import { sizeCommand } from "./size.ts";
import { trainCommand } from "./train.ts";
import { versionCommand } from "./version.ts";
import { walkForwardCommand } from "./walk-forward.ts";

/**
 * Every command the CLI knows. Later features add theirs here
 * (e.g. "backtest", "optimize", "data inspect", "data convert").
 */
export const commands: CliCommand[] = [
  versionCommand,
  dataInspectCommand,
  dataConvertCommand,
  backtestCommand,
  optimizeCommand,
  sizeCommand,
  analyzeCommand,
  habitsCommand,
  trainCommand,
  walkForwardCommand,
];
