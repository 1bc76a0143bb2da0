/**
 * One symbol's book inside a paper account: the symbol's metadata and its matching engine,
 * plus the quote-to-account conversion the engine needs for P/L, swap and margin.
 */
import { Broker } from "../backtest/broker.ts";
import type { BacktestSettings } from "../backtest/types.ts";
import { type SymbolInfo, symbolInfo } from "../market/symbols.ts";
import type { PaperQuote } from "./types.ts";

export interface Book {
  /** canonical symbol, e.g. "EURUSD" */
  symbol: string;
  info: SymbolInfo;
  broker: Broker;
}

/** A book for `symbol` around an existing engine, or a fresh one with `settings`. */
export function newBook(symbol: string, engine: Broker | BacktestSettings): Book {
  const info = symbolInfo(symbol);
  const broker = engine instanceof Broker ? engine : new Broker(engine);
  return { symbol: info.symbol, info, broker };
}

const mid = (q: PaperQuote) => (q.bid + q.ask) / 2;

/**
 * Account-currency value of one unit of the pair's quote currency: 1 when the account is
 * in the quote currency, 1 / price when in the base, else the quote of a converting pair
 * (QUOTEACC or ACCQUOTE) or a fixed rate from `fixed`; NaN when none is known.
 */
export function quoteToAccount(
  info: SymbolInfo,
  account: string,
  own: PaperQuote | undefined,
  quoteOf: (symbol: string) => PaperQuote | undefined,
  fixed: Record<string, number> = {},
): number {
  if (account === info.quote) return 1;
  if (account === info.base) return own ? 1 / mid(own) : Number.NaN;
  const direct = `${info.quote}${account}`;
  const inverse = `${account}${info.quote}`;
  const d = quoteOf(direct);
  if (d) return mid(d);
  const i = quoteOf(inverse);
  if (i) return 1 / mid(i);
  if (fixed[direct] > 0) return fixed[direct];
  if (fixed[inverse] > 0) return 1 / fixed[inverse];
  return Number.NaN;
}
