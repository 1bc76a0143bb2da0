/**
 * Series that end at the current bar. A user strategy sees prices and indicator series
 * through a guard: in `next(ctx, i)` index i is the last readable one (`length` is i + 1,
 * methods such as slice see bars 0..i) and reading a later index throws a DomainError
 * "look-ahead" (with the user's line added by the caller), as backtesting.py and Pine do.
 * In `init` the whole series is readable (indicators are computed once, up front; whether
 * they peek is what the look-ahead check finds). Writes are refused: the data is shared.
 * Built-in strategies never see these guards, so they pay nothing for them.
 */
import { DomainError } from "../errors.ts";

/** The last readable bar; the user strategy moves it to i before each next(ctx, i). */
export interface BarClock {
  limit: number;
  /** True while next() runs: then any index after limit (even past the data) is an error. */
  inNext: boolean;
}

const targets = new WeakMap<object, Float64Array>();

/** The array behind a guarded series (the value itself when it is not guarded). */
export function unguarded<T>(value: T): T | Float64Array {
  return (value && typeof value === "object" && targets.get(value)) || value;
}

/** The readable part of a series now: a guarded series cut at the clock, others as they are. */
export function readable<T>(value: T, clock: BarClock): T | Float64Array {
  const target = value && typeof value === "object" ? targets.get(value) : undefined;
  if (!target) return value;
  return clock.limit >= target.length - 1 ? target : target.subarray(0, clock.limit + 1);
}

function lookAhead(name: string, index: number, clock: BarClock): DomainError {
  return new DomainError(
    "look-ahead",
    `Look-ahead: ${name}[${index}] is read at bar ${clock.limit}, but in next(ctx, i) series end at the current bar (use index i or earlier)`,
  );
}

/** A read-only view of `series` that ends at clock.limit. */
export function guardSeries(series: Float64Array, name: string, clock: BarClock): Float64Array {
  let view = series;
  let viewLimit = series.length - 1;
  const current = (): Float64Array => {
    if (viewLimit !== clock.limit) {
      viewLimit = clock.limit;
      view = clock.limit >= series.length - 1 ? series : series.subarray(0, clock.limit + 1);
    }
    return view;
  };
  const proxy = new Proxy(series, {
    get(target, prop) {
      if (typeof prop === "string") {
        const c = prop.charCodeAt(0);
        if (c >= 48 && c <= 57) {
          const k = Number(prop);
          if (Number.isInteger(k)) {
            if (k > clock.limit && (clock.inNext || k < target.length)) throw lookAhead(name, k, clock);
            return target[k];
          }
        }
        if (prop === "length") return Math.min(clock.limit + 1, target.length);
      }
      const v = current();
      const value = Reflect.get(v, prop, v);
      return typeof value === "function" ? value.bind(v) : value;
    },
    set(_target, prop) {
      throw new DomainError(
        "read-only",
        `${name} is read-only (tried to set ${String(prop)}): copy it first, e.g. Float64Array.from(${name})`,
      );
    },
    has(_target, prop) {
      return Reflect.has(current(), prop);
    },
  });
  targets.set(proxy, series);
  return proxy;
}
