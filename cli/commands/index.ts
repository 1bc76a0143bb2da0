import type { CliCommand } from "../io.ts";
import { versionCommand } from "./version.ts";

/**
 * Every command the CLI knows. Later features add theirs here
 * (e.g. "backtest", "optimize", "data inspect", "data convert").
 */
export const commands: CliCommand[] = [versionCommand];
