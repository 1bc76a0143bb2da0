/**
 * The account and cost settings as a trader enters them (pips, percent, leverage 1:N, lots)
 * and their conversion to the engine's settings (relative spread, margin = 1 / leverage,
 * points). Pure: the app's form, the worker and the tests share it.
 */
import type { BacktestSettings } from "../../../../core/backtest/types.ts";

/** How orders without an explicit size are sized. */
export type SizeMode = "equity" | "units" | "lots";

/** Default order size applied to strategy orders that do not set one. */
export interface Sizing {
  mode: SizeMode;
  /** equity: fraction in (0, 1] (1 = full equity); units: whole units; lots: lots. */
  value: number;
}

/** Account and costs in a trader's units. */
export interface AccountForm {
  cash: number;
  /** 30 means 1:30 (margin 1/30). */
  leverage: number;
  /** Spread in pips of the pair, charged on entry. */
  spreadPips: number;
  /** Slippage in pips against the trader on market and stop fills. */
  slippagePips: number;
  /** Relative commission per fill, in percent of traded value. */
  commissionPct: number;
  /** Commission per lot per fill, in account currency. */
  commissionPerLot: number;
  /** Fixed commission per fill, in account currency. */
  commissionFixed: number;
  /** Swap per lot per night in points (negative = charged). */
  swapLong: number;
  swapShort: number;
  /** Weekday (0 = Sunday) with the triple swap. */
  tripleSwapDay: number;
  /** Stop-out margin level in percent (50 = at 50% of used margin); 0 = off. */
  stopOutPct: number;
  tradeOnClose: boolean;
  hedging: boolean;
  sizing: Sizing;
}

/**
 * Sensible retail forex defaults: 10,000, 1:30, 1 pip spread, 0.1 lot per order, stop-out
 * at 50%. (A fraction of equity is a fraction of what the margin allows, so "full equity"
 * at 1:30 would trade 30 times the account.)
 */
export const FOREX_DEFAULTS: Readonly<AccountForm> = Object.freeze<AccountForm>({
  cash: 10_000,
  leverage: 30,
  spreadPips: 1,
  slippagePips: 0,
  commissionPct: 0,
  commissionPerLot: 0,
  commissionFixed: 0,
  swapLong: 0,
  swapShort: 0,
  tripleSwapDay: 3,
  stopOutPct: 50,
  tradeOnClose: false,
  hedging: false,
  sizing: { mode: "lots", value: 0.1 },
});

/** The engine's reference defaults (as the CLI and the fixtures): no costs, no leverage. */
export const REFERENCE_DEFAULTS: Readonly<AccountForm> = Object.freeze<AccountForm>({
  ...FOREX_DEFAULTS,
  leverage: 1,
  spreadPips: 0,
  stopOutPct: 0,
  sizing: { mode: "equity", value: 1 },
});

/** What the conversion needs to know about the instrument and the data. */
export interface InstrumentRef {
  /** Price of one pip (0.0001 for EURUSD, 0.01 for USDJPY). */
  pipSize: number;
  /** Price used to turn pips into a relative spread (the median close of the bars). */
  refPrice: number;
}

/** Median of the closes (the reference price for pip conversion); NaN for no bars. */
export function medianPrice(close: Float64Array): number {
  if (close.length === 0) return Number.NaN;
  const step = Math.max(1, Math.floor(close.length / 2001));
  const sample: number[] = [];
  for (let i = 0; i < close.length; i += step) sample.push(close[i]);
  sample.sort((a, b) => a - b);
  return sample[Math.floor(sample.length / 2)];
}

/** Converts the form to engine settings. */
export function toEngineSettings(form: AccountForm, ref: InstrumentRef): Partial<BacktestSettings> {
  const relative = (pips: number) => (pips > 0 ? (pips * ref.pipSize) / ref.refPrice : 0);
  return {
    cash: form.cash,
    margin: 1 / form.leverage,
    spread: relative(form.spreadPips),
    slippage: relative(form.slippagePips),
    commission: form.commissionPct / 100,
    commissionPerLot: form.commissionPerLot,
    commissionFixed: form.commissionFixed,
    swapLong: form.swapLong,
    swapShort: form.swapShort,
    tripleSwapDay: form.tripleSwapDay,
    stopOutLevel: form.stopOutPct / 100,
    tradeOnClose: form.tradeOnClose,
    hedging: form.hedging,
    // A point is a tenth of a pip on 5- and 3-digit quotes.
    pointSize: ref.pipSize / 10,
  };
}

/** Order options a sizing adds to an order that sets no size; undefined = engine default (full equity). */
export function sizeOption(s: Sizing): { size?: number; lots?: number } | undefined {
  if (s.mode === "lots") return { lots: s.value };
  if (s.mode === "units") return { size: Math.round(s.value) };
  return s.value >= 1 ? undefined : { size: s.value };
}

/** Checks a form; returns the first problem as a sentence, or "". */
export function formProblem(f: AccountForm): string {
  if (!(f.cash > 0)) return "Cash must be a positive amount.";
  if (!(f.leverage >= 1)) return "Leverage must be at least 1 (1:1).";
  for (const [k, v] of [
    ["Spread", f.spreadPips],
    ["Slippage", f.slippagePips],
    ["Commission", f.commissionPct],
    ["Commission per lot", f.commissionPerLot],
    ["Fixed commission", f.commissionFixed],
    ["Stop-out level", f.stopOutPct],
  ] as const) {
    if (!(v >= 0)) return `${k} must be 0 or more.`;
  }
  const s = f.sizing;
  if (s.mode === "equity" && !(s.value > 0 && s.value <= 1))
    return "Size as a fraction of equity must be in (0, 1].";
  if (s.mode === "units" && !(s.value >= 1)) return "Size in units must be at least 1.";
  if (s.mode === "lots" && !(s.value > 0)) return "Size in lots must be positive.";
  return "";
}
