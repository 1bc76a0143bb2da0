/**
 * The app's side of user strategies (the compiler and the contract live in
 * core/strategy/user-strategy.ts): errors as plain {code, message, line} objects for the
 * editor, the parameters a piece of code declares, and the starter code of a new strategy.
 */

import type { ParamSpec } from "../../../../core/strategy/types.ts";
import { userStrategy } from "../../../../core/strategy/user-strategy.ts";

/** An error (in user code or elsewhere) as it crosses the worker boundary; line is 1-based. */
export interface CodeError {
  code: string;
  message: string;
  line?: number;
}

/** Turns anything thrown into a CodeError, reading core's "Line N: ..." prefix. */
export function toCodeError(e: unknown, fallbackCode = "failed"): CodeError {
  const err = e as { message?: string; code?: string } | undefined;
  const message = err?.message ?? String(e);
  const m = /^Line (\d+): /.exec(message);
  return {
    code: err?.code ?? fallbackCode,
    message: m ? message.slice(m[0].length) : message,
    ...(m ? { line: Number(m[1]) } : {}),
  };
}

/** The parameters user code declares, or its compile error (runs the module's top level: call it in a worker). */
export function userParams(source: string): { params: ParamSpec[] } | { error: CodeError } {
  try {
    return { params: userStrategy({ source }).params.slice() };
  } catch (e) {
    return { error: toCodeError(e) };
  }
}

/** A starter strategy shown in a new editor. */
export const EXAMPLE_STRATEGY = `// A user strategy: export params (numeric defaults), init(ctx) and next(ctx, i).
// ctx: time, open, high, low, close, volume (Float64Array), params, position, equity,
//      buy(options), sell(options), closePosition(), crossover(a, b, i),
//      sma, ema, rsi, bollinger, macd, donchian (their warm-up is taken into account).
// Keep your own values on \`this\`. In next, series end at bar i: reading i + 1 is an error
// (and "Check look-ahead" finds series in init that use later bars).
export const params = { fast: 12, slow: 26 };

export function init(ctx) {
  this.fast = ctx.ema(ctx.close, ctx.params.fast);
  this.slow = ctx.ema(ctx.close, ctx.params.slow);
}

export function next(ctx, i) {
  if (ctx.crossover(this.fast, this.slow, i) && ctx.position <= 0) {
    ctx.closePosition();
    ctx.buy();
  } else if (ctx.crossover(this.slow, this.fast, i) && ctx.position >= 0) {
    ctx.closePosition();
    ctx.sell();
  }
}
`;
