/**
 * The Backtest form's "Forex defaults" taken from the trader's Settings: leverage, the
 * pair's spread and the commission per lot replace the built-in retail figures, so what is
 * saved in Settings is what a backtest uses unless the form is changed by hand.
 */
import type { AppSettings } from "../settings/settings-model.ts";
import { type AccountForm, FOREX_DEFAULTS } from "./account-form.ts";

/** FOREX_DEFAULTS with the settings' leverage, spread of `symbol` and commission applied. */
export function forexDefaultsFrom(settings: AppSettings, symbol?: string): AccountForm {
  const key = symbol
    ?.toUpperCase()
    .replace(/[^A-Z]/g, "")
    .slice(0, 6);
  const spread = key !== undefined ? settings.spreadPips[key] : undefined;
  return {
    ...FOREX_DEFAULTS,
    leverage: settings.defaultLeverage,
    spreadPips: spread ?? FOREX_DEFAULTS.spreadPips,
    commissionPerLot: settings.commissionPerLot,
    sizing: { ...FOREX_DEFAULTS.sizing },
  };
}
