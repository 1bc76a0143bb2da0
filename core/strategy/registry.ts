/** The built-in strategies by id. */
import { DomainError } from "../errors.ts";
import { bollingerBreakout } from "./bollinger-breakout.ts";
import { donchianBreakout } from "./donchian-breakout.ts";
import { macdStrategy } from "./macd.ts";
import { suggest } from "./params.ts";
import { rsiReversion } from "./rsi-reversion.ts";
import { emaCross, smaCross } from "./sma-cross.ts";
import type { StrategyDefinition } from "./types.ts";

/** Every built-in strategy, in menu order. */
export const STRATEGIES: readonly StrategyDefinition[] = [
  smaCross,
  emaCross,
  rsiReversion,
  bollingerBreakout,
  macdStrategy,
  donchianBreakout,
];

/** Looks a strategy up by id; the error lists the ids and suggests the closest. */
export function getStrategy(id: string): StrategyDefinition {
  const found = STRATEGIES.find((s) => s.id === id);
  if (found) return found;
  const ids = STRATEGIES.map((s) => s.id);
  const hint = suggest(id, ids);
  throw new DomainError(
    "unknown-strategy",
    `Unknown strategy "${id}".${hint ? ` Did you mean "${hint}"?` : ""} Available: ${ids.join(", ")}.`,
  );
}
