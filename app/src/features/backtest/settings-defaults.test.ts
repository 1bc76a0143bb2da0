/**
 * Issue 12 item 6, "Settings must act": leverage 1:50, a 0.3-pip EURUSD spread and a
 * commission saved in Settings are what the Backtest form's defaults show (they showed the
 * built-in 1:30 and 1 pip before), for the pair of the chosen data set.
 */
import { describe, expect, it } from "vitest";
import { defaultSettings } from "../settings/settings-model.ts";
import { FOREX_DEFAULTS } from "./account-form.ts";
import { forexDefaultsFrom } from "./settings-defaults.ts";

describe("Backtest form defaults follow Settings", () => {
  const saved = {
    ...defaultSettings(),
    defaultLeverage: 50,
    spreadPips: { ...defaultSettings().spreadPips, EURUSD: 0.3, USDJPY: 1.4 },
    commissionPerLot: 3.5,
  };

  it("uses the saved leverage, the pair's spread and the commission", () => {
    const f = forexDefaultsFrom(saved, "EURUSD (simulated)");
    expect(f.leverage).toBe(50);
    expect(f.spreadPips).toBe(0.3);
    expect(f.commissionPerLot).toBe(3.5);
    expect(forexDefaultsFrom(saved, "USDJPY").spreadPips).toBe(1.4);
  });

  it("keeps the built-in spread for a pair without a setting and the rest of the defaults", () => {
    const f = forexDefaultsFrom(saved, "XAUUSD");
    expect(f.spreadPips).toBe(FOREX_DEFAULTS.spreadPips);
    expect(f.cash).toBe(FOREX_DEFAULTS.cash);
    expect(f.sizing).toEqual(FOREX_DEFAULTS.sizing);
    expect(f.sizing).not.toBe(FOREX_DEFAULTS.sizing);
  });
});
