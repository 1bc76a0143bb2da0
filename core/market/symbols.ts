/**
 * Instrument metadata: base/quote currency, pip size and price digits, from a known-pairs
 * table, with recognition of symbols in file names ("DAT_ASCII_EURUSD_M1_2024.csv",
 * "EURUSD60.csv", "USDJPY_Candlestick_1_M_BID_...csv") and user overrides (brokers differ,
 * e.g. for gold), applied without global state.
 */
import { DomainError } from "../errors.ts";

export type InstrumentKind = "forex" | "metal";

export interface SymbolInfo {
  /** canonical code, e.g. "EURUSD" */
  symbol: string;
  base: string;
  quote: string;
  /** size of one pip in price units: 0.0001, or 0.01 for JPY quotes */
  pipSize: number;
  /** decimals quoted by brokers (5 for EURUSD, 3 for USDJPY) */
  digits: number;
  kind: InstrumentKind;
  /** display name; "EURUSD (simulated)" for generated data */
  label: string;
  /** true for generated sample data that is not a real market record */
  simulated?: boolean;
}

/** Currency codes recognised inside pair names. */
export const CURRENCIES = [
  "EUR",
  "USD",
  "GBP",
  "JPY",
  "CHF",
  "AUD",
  "NZD",
  "CAD",
  "SEK",
  "NOK",
  "DKK",
  "SGD",
  "HKD",
  "MXN",
  "ZAR",
  "TRY",
  "PLN",
  "HUF",
  "CZK",
  "CNH",
] as const;

const METALS: Record<string, { pipSize: number; digits: number }> = {
  XAU: { pipSize: 0.01, digits: 2 },
  XAG: { pipSize: 0.001, digits: 3 },
};

/** Majors, main crosses and gold/silver: the pairs offered by name in pickers. */
export const KNOWN_PAIRS: readonly string[] = [
  "EURUSD",
  "GBPUSD",
  "USDJPY",
  "USDCHF",
  "AUDUSD",
  "USDCAD",
  "NZDUSD",
  "EURGBP",
  "EURJPY",
  "EURCHF",
  "EURAUD",
  "EURCAD",
  "EURNZD",
  "GBPJPY",
  "GBPCHF",
  "GBPAUD",
  "GBPCAD",
  "GBPNZD",
  "AUDJPY",
  "AUDCHF",
  "AUDCAD",
  "AUDNZD",
  "NZDJPY",
  "NZDCHF",
  "NZDCAD",
  "CADJPY",
  "CADCHF",
  "CHFJPY",
  "XAUUSD",
  "XAGUSD",
];

const CURRENCY_SET = new Set<string>(CURRENCIES);

function isCode(code: string): boolean {
  return CURRENCY_SET.has(code) || code in METALS;
}

/** Builds the metadata for a 6-letter code of two known currencies/metals, or undefined. */
function fromCode(code: string): SymbolInfo | undefined {
  const base = code.slice(0, 3);
  const quote = code.slice(3, 6);
  if (!isCode(base) || !CURRENCY_SET.has(quote) || base === quote) return undefined;
  const metal = METALS[base];
  if (metal) return { symbol: code, base, quote, ...metal, kind: "metal", label: code };
  const jpy = quote === "JPY";
  return {
    symbol: code,
    base,
    quote,
    pipSize: jpy ? 0.01 : 0.0001,
    digits: jpy ? 3 : 5,
    kind: "forex",
    label: code,
  };
}

/** User edits to a symbol's metadata (e.g. a broker quoting gold with a 0.1 pip). */
export type SymbolOverride = Partial<Pick<SymbolInfo, "pipSize" | "digits" | "label">>;

/** Applies a user override after checking it; throws DomainError with what to fix. */
export function overrideSymbol(info: SymbolInfo, patch: SymbolOverride): SymbolInfo {
  if (patch.pipSize !== undefined && !(patch.pipSize > 0 && Number.isFinite(patch.pipSize))) {
    throw new DomainError("bad-symbol", `Pip size must be a positive number, got ${patch.pipSize}.`);
  }
  if (
    patch.digits !== undefined &&
    !(Number.isInteger(patch.digits) && patch.digits >= 0 && patch.digits <= 8)
  ) {
    throw new DomainError("bad-symbol", `Digits must be a whole number from 0 to 8, got ${patch.digits}.`);
  }
  return { ...info, ...patch };
}

/**
 * Metadata for a symbol name: "EURUSD", "EUR/USD", "eurusd.m", "EURUSDm", "EURUSD (simulated)".
 * Overrides keyed by canonical symbol are applied last. Throws DomainError for unknown names.
 */
export function symbolInfo(name: string, overrides: Record<string, SymbolOverride> = {}): SymbolInfo {
  const simulated = /simulated/i.test(name);
  const code = name
    .toUpperCase()
    .replace(/\(.*?\)/g, "")
    .replace(/[^A-Z]/g, "");
  const info = fromCode(code.slice(0, 6));
  if (!info) {
    throw new DomainError(
      "unknown-symbol",
      `Unknown symbol "${name}". Use a 6-letter pair of currency codes such as EURUSD, USDJPY or XAUUSD.`,
    );
  }
  const full = simulated ? { ...info, simulated: true, label: `${info.symbol} (simulated)` } : info;
  const patch = overrides[info.symbol];
  return patch ? overrideSymbol(full, patch) : full;
}

/** Finds a known pair inside free text (file name, header, column value); undefined if none. */
export function findSymbol(text: string): SymbolInfo | undefined {
  const upper = text.toUpperCase();
  const letters = upper.replace(/[^A-Z]/g, " ");
  // Try each 6-letter window inside runs of letters: "DATASCIIEURUSDM" style names are split by "_".
  for (const run of letters.split(/\s+/)) {
    for (let i = 0; i + 6 <= run.length; i++) {
      const info = fromCode(run.slice(i, i + 6));
      if (info) return info;
    }
  }
  return undefined;
}

/** Symbol recognised from a file name such as "EURUSD_H1.csv" or "DAT_ASCII_EURUSD_M1_2024.csv". */
export function symbolFromFileName(fileName: string): SymbolInfo | undefined {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[a-z0-9]+$/i, "");
  return findSymbol(base);
}

/** Price digits of a symbol for display (5 when it is missing or not one this app knows). */
export function priceDigits(symbol: string | undefined): number {
  if (!symbol) return 5;
  try {
    return symbolInfo(symbol).digits;
  } catch {
    return 5;
  }
}
