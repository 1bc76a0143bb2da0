/** Paper trading: an account filled by the backtest matching engine from bid/ask quotes. */
export * from "./book.ts";
export * from "./book-state.ts";
export * from "./order-checks.ts";
export * from "./paper-broker.ts";
export * from "./paper-state.ts";
export * from "./replay.ts";
export * from "./types.ts";
export * from "./views.ts";
