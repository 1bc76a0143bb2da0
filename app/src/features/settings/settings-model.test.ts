import { describe, expect, it } from "vitest";
import {
  DEFAULT_SPREADS,
  defaultSettings,
  normalizeSettings,
  rebaseDraft,
  settingsProblems,
} from "./settings-model.ts";

describe("normalizeSettings", () => {
  it("gives the defaults for nothing or garbage", () => {
    expect(normalizeSettings(undefined)).toEqual(defaultSettings());
    expect(normalizeSettings("x")).toEqual(defaultSettings());
    expect(normalizeSettings({ accountCurrency: "XYZ", defaultRiskPercent: "a lot" })).toEqual(
      defaultSettings(),
    );
  });

  it("keeps valid values, clamps numbers and drops unknown keys", () => {
    const s = normalizeSettings({
      accountCurrency: "EUR",
      defaultRiskPercent: 55,
      defaultLeverage: "50.4",
      spreadPips: { EURUSD: 0.3, GBPUSD: -2, "bad pair": 1, XAUUSD: 25 },
      emailTradeNotifications: true,
      drawdownLimitPct: "12.5",
      emailAiDigest: true,
      emailConnectorOffline: true,
      extra: "dropped",
    });
    expect(s).toEqual({
      accountCurrency: "EUR",
      defaultRiskPercent: 10,
      defaultLeverage: 50,
      spreadPips: { ...DEFAULT_SPREADS, EURUSD: 0.3, GBPUSD: 0, XAUUSD: 25 },
      commissionPerLot: 0,
      emailTradeNotifications: true,
      drawdownLimitPct: 12.5,
      emailAiDigest: true,
      emailConnectorOffline: true,
    });
  });

  it("a drawdown limit is clamped to 0.5..100; empty or garbage means no limit", () => {
    expect(normalizeSettings({ drawdownLimitPct: 250 }).drawdownLimitPct).toBe(100);
    expect(normalizeSettings({ drawdownLimitPct: "" }).drawdownLimitPct).toBeNull();
    expect(normalizeSettings({ drawdownLimitPct: "lots" }).drawdownLimitPct).toBeNull();
    expect(settingsProblems({ ...defaultSettings(), drawdownLimitPct: 0.1 }).drawdownLimitPct).toContain(
      "0.5%",
    );
  });

  it("only a literal true turns email notifications on", () => {
    expect(normalizeSettings({ emailTradeNotifications: "yes" }).emailTradeNotifications).toBe(false);
    expect(normalizeSettings({ emailConnectorOffline: 1 }).emailConnectorOffline).toBe(false);
  });
});

describe("settingsProblems", () => {
  it("accepts the defaults", () => {
    expect(settingsProblems(defaultSettings())).toEqual({});
  });

  it("names each field to fix, with the allowed range", () => {
    const bad = { ...defaultSettings(), defaultRiskPercent: Number.NaN, defaultLeverage: 2.5 };
    bad.spreadPips = { ...bad.spreadPips, EURUSD: 101 };
    const p = settingsProblems(bad);
    expect(Object.keys(p).sort()).toEqual(["defaultLeverage", "defaultRiskPercent", "spreadPips.EURUSD"]);
    expect(p.defaultRiskPercent).toContain("between 0.01% and 10%");
    expect(p["spreadPips.EURUSD"]).toContain("0 to 100 pips");
  });
});

describe("rebaseDraft", () => {
  const base = { ...defaultSettings(), defaultRiskPercent: 2.5, accountCurrency: "EUR" as const };

  it("keeps what the user typed and takes everything else from the newer copy", () => {
    const draft = { ...base, defaultLeverage: 50, spreadPips: { ...base.spreadPips, EURUSD: 0.2 } };
    const next = {
      ...base,
      defaultRiskPercent: 1.5,
      defaultLeverage: 100,
      spreadPips: { ...base.spreadPips, EURUSD: 0.9, GBPUSD: 2 },
    };
    expect(rebaseDraft(draft, base, next)).toEqual({
      ...next,
      defaultLeverage: 50,
      spreadPips: { ...next.spreadPips, EURUSD: 0.2 },
    });
  });

  it("is the newer copy when nothing was edited", () => {
    const next = { ...base, accountCurrency: "GBP" as const, emailTradeNotifications: true };
    expect(rebaseDraft(structuredClone(base), base, next)).toEqual(next);
  });

  it("keeps an emptied (NaN) field as the user left it", () => {
    const draft = { ...base, defaultRiskPercent: Number.NaN };
    expect(rebaseDraft(draft, base, { ...base, defaultRiskPercent: 3 }).defaultRiskPercent).toBeNaN();
  });
});
