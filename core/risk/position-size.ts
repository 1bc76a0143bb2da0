/**
 * Position sizing: how many units to trade so that a stop `stopPips` away loses a chosen
 * risk (a % of balance or a cash amount), in the account currency.
 *
 *   pip size        0.01 when the quote currency is JPY, 0.0001 otherwise (metals: their own)
 *   quote->account  1 when account = quote; 1 / price when account = base;
 *                   otherwise a rate the caller gives (e.g. GBPUSD for EURGBP in a USD account)
 *   pip value/unit  pipSize x quote->account
 *   units           floor(risk / (stopPips x pip value/unit)) to the lot step, never up,
 *                   but a quotient a rounding error below a whole step counts as that step
 *   margin          units x price x quote->account / leverage
 *
 * Pure: no I/O; errors are DomainErrors that say which input to fix.
 */
import { DomainError } from "../errors.ts";
import { symbolInfo } from "../market/symbols.ts";

/** Units in one standard lot. */
export const STANDARD_LOT = 100_000;
/** Leverage used when the caller gives none (1:30, the EU retail limit on majors). */
export const DEFAULT_LEVERAGE = 30;
/** Account currency used when the caller gives none. */
export const DEFAULT_ACCOUNT_CURRENCY = "USD";
/**
 * Relative distance from a whole number of steps under which a quotient is taken to be that
 * whole number: IEEE doubles give 100 / (50 x 0.01 / 150) = 29999.999999999996, which must
 * size 30,000. Far above double rounding (~1e-16) and far below a real shortfall of one unit.
 */
const STEP_TOLERANCE = 1e-9;

export interface SizingInput {
  /** Pair such as "EURUSD" or "USDJPY". */
  pair: string;
  /** Current price of the pair (quote currency per unit of base). */
  price: number;
  /** Account balance in account currency. */
  balance: number;
  /** Risk as a percentage of balance (1 = 1%); give this or riskAmount. */
  riskPct?: number;
  /** Risk as a cash amount in account currency; give this or riskPct. */
  riskAmount?: number;
  /** Distance to the stop-loss in pips. */
  stopPips: number;
  /** Account currency (default USD). */
  accountCurrency?: string;
  /** Quote-to-account rate, needed when the account is neither the base nor the quote. */
  conversionRate?: number;
  /** Units per step (1, 1,000, 10,000 or 100,000; default 1). */
  lotStep?: number;
  /** Leverage as N of 1:N (default 30). */
  leverage?: number;
}

export interface SizingResult {
  units: number;
  /** units / 100,000 */
  lots: number;
  /** Account currency per pip for the whole position. */
  pipValue: number;
  /** Money lost if the stop is hit at the sized units (at most the risk asked for). */
  riskAmount: number;
  /** Margin required at the leverage, in account currency. */
  marginRequired: number;
}

function fail(message: string): never {
  throw new DomainError("invalid-sizing", message);
}

function positive(value: number | undefined, what: string): number {
  if (value === undefined || !(Number.isFinite(value) && value > 0)) {
    fail(`${what} must be a number above 0 (got ${String(value)}).`);
  }
  return value;
}

/** Rounds `units` down to a whole number of `step`s, forgiving floating-point shortfalls. */
export function floorToStep(units: number, step: number): number {
  const steps = units / step;
  const nearest = Math.round(steps);
  const whole =
    Math.abs(steps - nearest) <= STEP_TOLERANCE * Math.max(1, nearest) ? nearest : Math.floor(steps);
  return Math.max(0, whole) * step;
}

/** Quote-currency amounts times this give account-currency amounts. */
export function quoteToAccountRate(
  pair: string,
  price: number,
  accountCurrency?: string,
  conversionRate?: number,
): number {
  const info = symbolInfo(pair);
  const account = (accountCurrency ?? DEFAULT_ACCOUNT_CURRENCY).toUpperCase();
  if (account === info.quote) return 1;
  if (account === info.base) return 1 / price;
  if (conversionRate === undefined) {
    fail(
      `An account in ${account} trading ${info.symbol} needs the conversion rate from ${info.quote} to ${account} (the ${info.quote}${account} price).`,
    );
  }
  return positive(conversionRate, `The conversion rate ${info.quote}${account}`);
}

/** Sizes a position from the risk and the stop distance; see the module comment for formulas. */
export function positionSize(input: SizingInput): SizingResult {
  const info = symbolInfo(input.pair);
  const price = positive(input.price, "Price");
  if (!(Number.isFinite(input.balance) && input.balance > 0)) {
    fail(`Balance must be above 0 (got ${String(input.balance)}).`);
  }
  const stopPips = positive(input.stopPips, "Stop distance in pips");
  const leverage = positive(input.leverage ?? DEFAULT_LEVERAGE, "Leverage");
  const lotStep = input.lotStep ?? 1;
  if (!(Number.isInteger(lotStep) && lotStep >= 1))
    fail(`Lot step must be a whole number of units >= 1 (got ${lotStep}).`);
  if ((input.riskPct === undefined) === (input.riskAmount === undefined)) {
    fail("Give the risk either as a percentage of balance or as a cash amount (one of the two).");
  }
  const risk =
    input.riskPct !== undefined
      ? (input.balance * positive(input.riskPct, "Risk %")) / 100
      : positive(input.riskAmount, "Risk amount");
  const rate = quoteToAccountRate(info.symbol, price, input.accountCurrency, input.conversionRate);
  const pipPerUnit = info.pipSize * rate;
  const units = floorToStep(risk / (stopPips * pipPerUnit), lotStep);
  return {
    units,
    lots: units / STANDARD_LOT,
    pipValue: units * pipPerUnit,
    riskAmount: units * pipPerUnit * stopPips,
    marginRequired: (units * price * rate) / leverage,
  };
}
