/** Default backtest settings and their validation (every setting checked once, at run start). */
import { DomainError } from "../errors.ts";
import type { BacktestSettings } from "./types.ts";

/** Defaults as in docs/backtest-semantics: cash 10000, no costs, margin 1, netting. */
export const DEFAULT_SETTINGS: Readonly<BacktestSettings> = Object.freeze({
  cash: 10_000,
  commission: 0,
  commissionFixed: 0,
  commissionPerLot: 0,
  spread: 0,
  slippage: 0,
  margin: 1,
  tradeOnClose: false,
  hedging: false,
  lotSize: 100_000,
  pointSize: 0.00001,
  swapLong: 0,
  swapShort: 0,
  tripleSwapDay: 3,
  rolloverHourUtc: 0,
  stopOutLevel: 0,
  finalize: true,
});

function check(ok: boolean, name: string, rule: string, value: unknown): void {
  if (!ok)
    throw new DomainError("invalid-settings", `Setting "${name}" must be ${rule} (got ${String(value)}).`);
}

/** Fills in defaults and rejects impossible values with a message naming the setting. */
export function resolveSettings(partial: Partial<BacktestSettings> = {}): BacktestSettings {
  const s: BacktestSettings = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_SETTINGS)) {
      throw new DomainError("invalid-settings", `Unknown setting "${key}".`);
    }
    (s as unknown as Record<string, unknown>)[key] = value;
  }
  const finite = (v: number) => typeof v === "number" && Number.isFinite(v);
  check(finite(s.cash) && s.cash > 0, "cash", "a positive number", s.cash);
  for (const k of [
    "commission",
    "commissionFixed",
    "commissionPerLot",
    "slippage",
    "stopOutLevel",
  ] as const) {
    check(finite(s[k]) && s[k] >= 0, k, "a number >= 0", s[k]);
  }
  check(finite(s.spread) && s.spread >= 0 && s.spread < 1, "spread", "between 0 and 1", s.spread);
  check(finite(s.margin) && s.margin > 0 && s.margin <= 1, "margin", "in (0, 1] (1 / leverage)", s.margin);
  check(finite(s.lotSize) && s.lotSize > 0, "lotSize", "a positive number", s.lotSize);
  check(finite(s.pointSize) && s.pointSize > 0, "pointSize", "a positive number", s.pointSize);
  check(finite(s.swapLong) && finite(s.swapShort), "swapLong/swapShort", "finite numbers", s.swapLong);
  check(
    Number.isInteger(s.tripleSwapDay) && s.tripleSwapDay >= 0 && s.tripleSwapDay <= 6,
    "tripleSwapDay",
    "0..6 (0 = Sunday)",
    s.tripleSwapDay,
  );
  check(
    finite(s.rolloverHourUtc) && s.rolloverHourUtc >= 0 && s.rolloverHourUtc < 24,
    "rolloverHourUtc",
    "0..23",
    s.rolloverHourUtc,
  );
  return s;
}
