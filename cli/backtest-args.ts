/**
 * Flag parsing shared by `backtest` and `optimize`: account/cost flags to BacktestSettings,
 * repeated --param name=value, and ISO formatting of trade times for output.
 */
import type { BacktestSettings, TradeRecord } from "../core/backtest/types.ts";
import { UsageError } from "./io.ts";

/** Numeric flags and the setting each one sets. */
const NUMBER_FLAGS: Record<string, keyof BacktestSettings> = {
  "--cash": "cash",
  "--commission": "commission",
  "--commission-fixed": "commissionFixed",
  "--commission-per-lot": "commissionPerLot",
  "--spread": "spread",
  "--slippage": "slippage",
  "--margin": "margin",
  "--lot-size": "lotSize",
  "--point": "pointSize",
  "--swap-long": "swapLong",
  "--swap-short": "swapShort",
  "--triple-swap-day": "tripleSwapDay",
  "--rollover-hour": "rolloverHourUtc",
  "--stop-out": "stopOutLevel",
};

const BOOLEAN_FLAGS: Record<string, [keyof BacktestSettings, boolean]> = {
  "--trade-on-close": ["tradeOnClose", true],
  "--hedging": ["hedging", true],
  "--no-finalize": ["finalize", false],
};

/** Usage lines for the shared flags. */
export const SETTINGS_USAGE = `Account and cost options (spread and commission are fractions of price):
  --cash N                 starting cash (10000)
  --commission X           relative commission per fill (0)
  --commission-fixed X     fixed commission per fill (0)
  --commission-per-lot X   commission per lot per fill (0)
  --spread X               relative spread on entries (0)
  --slippage X             relative slippage on market/stop fills (0)
  --margin X               margin requirement = 1/leverage (1)
  --lot-size N             units per lot (100000)
  --swap-long P, --swap-short P   swap in points per lot per night (0)
  --point X                point size for swap (0.00001)
  --triple-swap-day D      weekday with triple swap, 0=Sun..6=Sat (3)
  --rollover-hour H        rollover hour UTC (0)
  --stop-out L             stop out below equity/used margin L, e.g. 0.5 (off)
  --trade-on-close         fill market orders at the signal bar's close
  --hedging                keep opposite trades open (default: netting)
  --no-finalize            leave trades open at the end out of the statistics`;

/** A flag's numeric value, or a UsageError naming the flag. */
export function numberValue(flag: string, raw: string | undefined): number {
  const v = Number(raw);
  if (raw === undefined || raw.trim() === "" || !Number.isFinite(v)) {
    throw new UsageError(`${flag} needs a number (got ${raw === undefined ? "nothing" : `"${raw}"`}).`);
  }
  return v;
}

/** A flag's whole-number value of at least `min`, or a UsageError naming the flag. */
export function wholeNumber(flag: string, raw: string | undefined, min: number): number {
  const v = Number(raw);
  if (raw === undefined || raw.trim() === "" || !Number.isInteger(v) || v < min) {
    throw new UsageError(
      `${flag} needs a whole number >= ${min} (got ${raw === undefined ? "nothing" : `"${raw}"`}).`,
    );
  }
  return v;
}

/** Parses "name=value" of --param. */
export function parseParam(raw: string | undefined, into: Record<string, number>): void {
  const m = /^([A-Za-z_][\w]*)=(.+)$/.exec(raw ?? "");
  if (!m) throw new UsageError(`--param needs name=value (got "${raw ?? ""}").`);
  into[m[1]] = numberValue(`--param ${m[1]}`, m[2]);
}

/**
 * Consumes a settings flag at argv[i]; returns how many items it used (0 = not a settings flag).
 */
export function takeSettingsFlag(argv: string[], i: number, settings: Partial<BacktestSettings>): number {
  const flag = argv[i];
  const num = NUMBER_FLAGS[flag];
  if (num) {
    (settings as Record<string, number>)[num] = numberValue(flag, argv[i + 1]);
    return 2;
  }
  const bool = BOOLEAN_FLAGS[flag];
  if (bool) {
    (settings as Record<string, boolean>)[bool[0]] = bool[1];
    return 1;
  }
  return 0;
}

/** "2021-01-05T16:00:00" (UTC, no zone suffix), as in the fixtures. */
export function isoTime(ms: number): string {
  if (!Number.isFinite(ms)) return "";
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? iso.slice(0, 19) : iso.slice(0, 23);
}

/** A trade as printed by --json (fixture names first, extras after). */
export function tradeJson(t: TradeRecord): Record<string, unknown> {
  return {
    size: t.size,
    entryBar: t.entryBar,
    exitBar: t.exitBar,
    entryPrice: t.entryPrice,
    exitPrice: t.exitPrice,
    pnl: t.pnl,
    returnPct: t.returnPct,
    entryTime: isoTime(t.entryTime),
    exitTime: isoTime(t.exitTime),
    commission: t.commission,
    swap: t.swap,
    exitReason: t.exitReason,
    ...(t.tag ? { tag: t.tag } : {}),
  };
}
