/**
 * The user's trading settings: what they are, their defaults, and normalisation of any
 * stored or received value (unknown keys dropped, numbers clamped, bad values defaulted),
 * so a corrupt local copy or an older server document can never break a page.
 */

export const CURRENCIES = ["USD", "EUR", "GBP", "JPY", "CHF", "AUD", "CAD", "NZD"] as const;
export type AccountCurrency = (typeof CURRENCIES)[number];

/** Pairs with a spread setting, and a typical retail spread in pips for each. */
export const DEFAULT_SPREADS: Readonly<Record<string, number>> = {
  EURUSD: 0.6,
  GBPUSD: 0.9,
  USDJPY: 0.7,
  USDCHF: 1.0,
  AUDUSD: 0.8,
  USDCAD: 1.0,
  NZDUSD: 1.2,
  EURGBP: 1.0,
  EURJPY: 1.2,
  GBPJPY: 1.8,
};

export interface AppSettings {
  accountCurrency: AccountCurrency;
  /** Percent of equity risked per trade by default (position sizing). */
  defaultRiskPercent: number;
  /** Default account leverage, as N in 1:N. */
  defaultLeverage: number;
  /** Spread per pair in pips: the default of backtests, paper accounts and replays. */
  spreadPips: Record<string, number>;
  /** Commission per lot (100,000 units) per fill, in account currency. */
  commissionPerLot: number;
  /** Email me when a bot opens or closes a trade. */
  emailTradeNotifications: boolean;
  /** AI supervisor: alert when a drawdown passes this percent of the peak balance (null = no limit). */
  drawdownLimitPct: number | null;
  /** AI supervisor: email me a digest of my newest alerts (sent from the app, at most weekly). */
  emailAiDigest: boolean;
  /** Email me when the connector has been offline for more than 5 minutes (relay alarm). */
  emailConnectorOffline: boolean;
}

export const LIMITS = {
  riskPercent: { min: 0.01, max: 10 },
  leverage: { min: 1, max: 1000 },
  spreadPips: { min: 0, max: 100 },
  commissionPerLot: { min: 0, max: 100 },
  drawdownLimitPct: { min: 0.5, max: 100 },
} as const;

export function defaultSettings(): AppSettings {
  return {
    accountCurrency: "USD",
    defaultRiskPercent: 1,
    defaultLeverage: 30,
    spreadPips: { ...DEFAULT_SPREADS },
    commissionPerLot: 0,
    emailTradeNotifications: false,
    drawdownLimitPct: null,
    emailAiDigest: false,
    emailConnectorOffline: false,
  };
}

function clampNumber(value: unknown, range: { min: number; max: number }, fallback: number): number {
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return fallback;
  return Math.min(range.max, Math.max(range.min, n));
}

/** Returns valid settings from anything (defaults fill what is missing or wrong). */
export function normalizeSettings(input: unknown): AppSettings {
  const d = defaultSettings();
  if (!input || typeof input !== "object") return d;
  const o = input as Record<string, unknown>;
  const currency = CURRENCIES.includes(o.accountCurrency as AccountCurrency)
    ? (o.accountCurrency as AccountCurrency)
    : d.accountCurrency;
  const spreads = { ...d.spreadPips };
  if (o.spreadPips && typeof o.spreadPips === "object") {
    for (const [pair, v] of Object.entries(o.spreadPips as Record<string, unknown>)) {
      if (/^[A-Z]{6}$/.test(pair)) spreads[pair] = clampNumber(v, LIMITS.spreadPips, spreads[pair] ?? 1);
    }
  }
  return {
    accountCurrency: currency,
    defaultRiskPercent: clampNumber(o.defaultRiskPercent, LIMITS.riskPercent, d.defaultRiskPercent),
    defaultLeverage: Math.round(clampNumber(o.defaultLeverage, LIMITS.leverage, d.defaultLeverage)),
    spreadPips: spreads,
    commissionPerLot: clampNumber(o.commissionPerLot, LIMITS.commissionPerLot, d.commissionPerLot),
    emailTradeNotifications: o.emailTradeNotifications === true,
    drawdownLimitPct:
      o.drawdownLimitPct === null || o.drawdownLimitPct === undefined || o.drawdownLimitPct === ""
        ? null
        : clampNumber(o.drawdownLimitPct, LIMITS.drawdownLimitPct, Number.NaN) || null,
    emailAiDigest: o.emailAiDigest === true,
    emailConnectorOffline: o.emailConnectorOffline === true,
  };
}

/** Problems a user must fix before saving (empty when valid), keyed by field. */
export function settingsProblems(s: AppSettings): Record<string, string> {
  const out: Record<string, string> = {};
  const { riskPercent, leverage, spreadPips } = LIMITS;
  if (!(s.defaultRiskPercent >= riskPercent.min && s.defaultRiskPercent <= riskPercent.max))
    out.defaultRiskPercent = `Use a risk between ${riskPercent.min}% and ${riskPercent.max}% per trade.`;
  if (
    !(
      Number.isInteger(s.defaultLeverage) &&
      s.defaultLeverage >= leverage.min &&
      s.defaultLeverage <= leverage.max
    )
  )
    out.defaultLeverage = `Use a whole number from ${leverage.min} to ${leverage.max} (as in 1:30).`;
  if (
    !(s.commissionPerLot >= LIMITS.commissionPerLot.min && s.commissionPerLot <= LIMITS.commissionPerLot.max)
  )
    out.commissionPerLot = `Use a commission from ${LIMITS.commissionPerLot.min} to ${LIMITS.commissionPerLot.max} per lot.`;
  const dd = LIMITS.drawdownLimitPct;
  if (s.drawdownLimitPct !== null && !(s.drawdownLimitPct >= dd.min && s.drawdownLimitPct <= dd.max))
    out.drawdownLimitPct = `Use a drawdown limit from ${dd.min}% to ${dd.max}%, or leave it empty for none.`;
  for (const [pair, v] of Object.entries(s.spreadPips)) {
    if (!(v >= spreadPips.min && v <= spreadPips.max))
      out[`spreadPips.${pair}`] = `Spread for ${pair}: use ${spreadPips.min} to ${spreadPips.max} pips.`;
  }
  return out;
}

/**
 * Moves a form draft onto a newer stored copy (e.g. settings adopted from the account
 * while the form is open): what the user changed from `base` (the copy the draft started
 * from) is kept, everything else follows `next`. Spreads are compared pair by pair.
 */
export function rebaseDraft(draft: AppSettings, base: AppSettings, next: AppSettings): AppSettings {
  const spreadPips = { ...next.spreadPips };
  for (const [pair, v] of Object.entries(draft.spreadPips)) {
    if (!Object.is(v, base.spreadPips[pair])) spreadPips[pair] = v;
  }
  const pick = <K extends Exclude<keyof AppSettings, "spreadPips">>(key: K): AppSettings[K] =>
    Object.is(draft[key], base[key]) ? next[key] : draft[key];
  return {
    accountCurrency: pick("accountCurrency"),
    defaultRiskPercent: pick("defaultRiskPercent"),
    defaultLeverage: pick("defaultLeverage"),
    spreadPips,
    commissionPerLot: pick("commissionPerLot"),
    emailTradeNotifications: pick("emailTradeNotifications"),
    drawdownLimitPct: pick("drawdownLimitPct"),
    emailAiDigest: pick("emailAiDigest"),
    emailConnectorOffline: pick("emailConnectorOffline"),
  };
}
