/**
 * User strategies: a module of plain JavaScript exporting `init(ctx)` and `next(ctx, i)`
 * (and optionally `params`, defaults by name), written in the app's editor and run in a
 * worker. This file compiles the source, exposes the context (prices, indicators, orders)
 * and turns every error into a DomainError that names the line of the user's code.
 * Prices and indicator series are guarded (bar-guard.ts): in next(ctx, i) they end at bar i.
 * An optional probe records the strategy's signals and its `this` for the look-ahead check.
 */
import type { OrderOptions } from "../backtest/types.ts";
import { DomainError } from "../errors.ts";
import { bollinger } from "../indicators/bollinger.ts";
import { donchian } from "../indicators/donchian.ts";
import { macd } from "../indicators/macd.ts";
import { ema, sma } from "../indicators/moving-average.ts";
import { rsi } from "../indicators/rsi.ts";
import { type BarClock, guardSeries, readable } from "./bar-guard.ts";
import { crossedAbove } from "./common.ts";
import type { ParamSpec, Params, StrategyContext, StrategyDefinition } from "./types.ts";
import { warmupOf } from "./types.ts";

/** The compiled module. */
export interface UserModule {
  init(this: object, ctx: UserContext): void;
  next(this: object, ctx: UserContext, i: number): void;
  params?: Record<string, number>;
}

/** What user code sees as `ctx`. Indicator helpers register their series for the warm-up. */
export interface UserContext {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  params: Params;
  readonly position: number;
  readonly equity: number;
  buy(options?: OrderOptions): void;
  sell(options?: OrderOptions): void;
  closePosition(portion?: number): void;
  sma(values: Float64Array, period: number): Float64Array;
  ema(values: Float64Array, period: number): Float64Array;
  rsi(values: Float64Array, period: number): Float64Array;
  bollinger(values: Float64Array, period: number, k: number): ReturnType<typeof bollinger>;
  macd(values: Float64Array, fast: number, slow: number, signal: number): ReturnType<typeof macd>;
  donchian(period: number): ReturnType<typeof donchian>;
  /** True when a crossed above b between bars i-1 and i. */
  crossover(a: Float64Array, b: Float64Array, i: number): boolean;
}

const FILE = "user-strategy.js";
/** Lines new Function puts before the body ("function anonymous(\n) {\n"). */
const HEADER_LINES = 2;
const EXPORT = /^(\s*)export\s+(?=(?:async\s+)?function\b|const\b|let\b|var\b)/gm;

function body(source: string): string {
  const code = source.replace(EXPORT, (_m, indent: string) => indent);
  return `"use strict";${code}\nreturn { init: typeof init === "function" ? init : undefined, next: typeof next === "function" ? next : undefined, params: typeof params === "object" ? params : undefined };\n//# sourceURL=${FILE}`;
}

/**
 * The line of a syntax error (the Function constructor does not report it): compile growing
 * prefixes inside a function that is never closed, so nothing can run and a truncated but
 * valid prefix only fails with "end of input"; the first other failure is the bad line.
 */
function syntaxLine(source: string): number {
  const lines = source.replace(EXPORT, (_m, indent: string) => indent).split("\n");
  // biome-ignore lint/security/noGlobalEval: compile-only probe; the wrapper is never closed, so no code can run
  const probe = globalThis.eval;
  for (let k = 1; k <= lines.length; k++) {
    try {
      probe(`(function(){"use strict";${lines.slice(0, k).join("\n")}`);
    } catch (e) {
      if (!/end of input|Unterminated template/i.test(String((e as Error).message))) return k;
    }
  }
  return lines.length;
}

/** "line N" of the user's code from an error stack (0 when not found). */
export function userLine(error: unknown): number {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const m = new RegExp(`${FILE.replace(".", "\\.")}:(\\d+)`).exec(stack);
  return m ? Number(m[1]) - HEADER_LINES : 0;
}

function fail(where: string, error: unknown): never {
  const line = userLine(error);
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof DomainError ? error.code : "strategy-error";
  throw new DomainError(code, `${line ? `Line ${line}: ` : ""}${message} (in ${where}).`);
}

/** Compiles user source; a syntax error or a missing init/next is reported with its line. */
export function compileUserStrategy(source: string): UserModule {
  let factory: () => Partial<UserModule>;
  try {
    factory = new Function(body(source)) as () => Partial<UserModule>;
  } catch (error) {
    throw new DomainError("strategy-syntax", `Line ${syntaxLine(source)}: ${(error as Error).message}.`);
  }
  let mod: Partial<UserModule>;
  try {
    mod = factory();
  } catch (error) {
    fail("the module body", error);
  }
  if (typeof mod.next !== "function") {
    throw new DomainError(
      "strategy-syntax",
      "The strategy must define `export function next(ctx, i) { ... }`.",
    );
  }
  return { init: mod.init ?? (() => {}), next: mod.next, params: mod.params };
}

function userParams(defaults: Record<string, number> = {}): ParamSpec[] {
  return Object.entries(defaults).map(([name, def]) => ({
    name,
    label: name,
    description: `User parameter ${name}`,
    default: def,
    min: Number.NEGATIVE_INFINITY,
    max: Number.POSITIVE_INFINITY,
    integer: false,
    range: [def, def, 1] as const,
  }));
}

/** What a probed run records: every order call by bar, and the strategy's `this`. */
export interface UserProbe {
  signals: Array<{ bar: number; call: string }>;
  self?: object;
}

function context(
  ctx: StrategyContext,
  series: Float64Array[],
  clock: BarClock,
  probe: UserProbe | undefined,
): UserContext {
  const { bars, broker, params } = ctx;
  const guard = (s: Float64Array, name: string) => guardSeries(s, name, clock);
  /** Registers a helper's series for the warm-up and hands it out guarded. */
  const track = (s: Float64Array, name: string): Float64Array => {
    series.push(s);
    return guard(s, name);
  };
  const input = (v: Float64Array) => readable(v, clock) as Float64Array;
  const object = <T extends object>(o: T, name: string, tracked: keyof T): T => {
    const out = { ...o };
    for (const [k, v] of Object.entries(o))
      if (v instanceof Float64Array)
        (out as Record<string, unknown>)[k] =
          k === tracked ? track(v, `${name}.${k}`) : guard(v, `${name}.${k}`);
    return out;
  };
  const record = (call: string, o?: unknown) =>
    probe?.signals.push({ bar: clock.limit, call: o === undefined ? call : `${call}(${JSON.stringify(o)})` });
  const g = (s: Float64Array | undefined, name: string) => (s ? guard(s, name) : s);
  return {
    time: g(bars.time, "ctx.time") as Float64Array,
    open: g(bars.open, "ctx.open") as Float64Array,
    high: g(bars.high, "ctx.high") as Float64Array,
    low: g(bars.low, "ctx.low") as Float64Array,
    close: g(bars.close, "ctx.close") as Float64Array,
    volume: g(bars.volume, "ctx.volume") as Float64Array,
    params,
    get position() {
      return broker.position;
    },
    get equity() {
      return broker.equity;
    },
    buy: (o) => {
      record("buy", o);
      broker.buy(o);
    },
    sell: (o) => {
      record("sell", o);
      broker.sell(o);
    },
    closePosition: (p) => {
      record("closePosition", p);
      broker.closePosition(p);
    },
    sma: (v, p) => track(sma(input(v), p), `sma(${p})`),
    ema: (v, p) => track(ema(input(v), p), `ema(${p})`),
    rsi: (v, p) => track(rsi(input(v), p), `rsi(${p})`),
    bollinger: (v, p, k) => object(bollinger(input(v), p, k), `bollinger(${p}, ${k})`, "middle"),
    macd: (v, f, s, sig) => object(macd(input(v), f, s, sig), `macd(${f}, ${s}, ${sig})`, "signal"),
    donchian: (p) => object(donchian(input(bars.high), input(bars.low), p), `donchian(${p})`, "upper"),
    crossover: crossedAbove,
  };
}

/** A strategy definition backed by user source (compiled once, run per backtest). */
export function userStrategy(opts: {
  id?: string;
  name?: string;
  source: string;
  /** Records signals and `this` (used by the look-ahead check). */
  probe?: UserProbe;
}): StrategyDefinition {
  const mod = compileUserStrategy(opts.source);
  return {
    id: opts.id ?? "user",
    name: opts.name ?? "User strategy",
    description: "A strategy written in the editor.",
    params: userParams(mod.params),
    create(ctx) {
      const self = {};
      if (opts.probe) opts.probe.self = self;
      const series: Float64Array[] = [];
      const clock: BarClock = { limit: ctx.bars.close.length - 1, inNext: false };
      const c = context(ctx, series, clock, opts.probe);
      try {
        mod.init.call(self, c);
      } catch (error) {
        fail("init", error);
      }
      return {
        warmup: warmupOf(...series),
        next(i) {
          clock.limit = i;
          clock.inNext = true;
          try {
            mod.next.call(self, c, i);
          } catch (error) {
            fail(`next, bar ${i}`, error);
          }
        },
      };
    },
  };
}
