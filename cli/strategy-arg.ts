/**
 * The --strategy value of the backtest commands: a built-in id (sma-cross, ...) or the path
 * of a user strategy file (.js/.mjs exporting init and next; see docs/backtesting.md).
 */
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { getStrategy } from "../core/strategy/registry.ts";
import type { StrategyDefinition } from "../core/strategy/types.ts";
import { userStrategy } from "../core/strategy/user-strategy.ts";

/** True when the value names a strategy file rather than a built-in id. */
export function isStrategyFile(value: string): boolean {
  return /\.m?js$/i.test(value);
}

/** The source of a strategy file (path relative to cwd). */
export function readStrategySource(value: string, cwd: string): string {
  const path = resolve(cwd, value);
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new Error(`cannot read strategy file "${value}" (looked in ${path}).`);
  }
}

/** Resolves --strategy (a file path is read relative to cwd); throws DomainError on bad code. */
export function loadStrategy(value: string, cwd: string): StrategyDefinition {
  if (!isStrategyFile(value)) return getStrategy(value);
  const path = resolve(cwd, value);
  const source = readStrategySource(value, cwd);
  return userStrategy({ id: basename(path), name: basename(path), source });
}
