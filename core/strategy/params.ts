/** Resolves strategy parameters: defaults, unknown names (with a "did you mean"), bounds. */
import { DomainError } from "../errors.ts";
import type { Params, StrategyDefinition } from "./types.ts";

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = d[j];
      d[j] = Math.min(
        d[j] + 1,
        d[j - 1] + 1,
        prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1),
      );
      prev = keep;
    }
  }
  return d[b.length];
}

/** The closest name within a small edit distance, for "did you mean" hints. */
export function suggest(name: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const n of names) {
    const dist = distance(name, n);
    if (dist < bestD) {
      bestD = dist;
      best = n;
    }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** Fills defaults, rejects unknown names and out-of-bounds values, runs the strategy's own check. */
export function resolveParams(def: StrategyDefinition, given: Params = {}): Params {
  const names = def.params.map((p) => p.name);
  const out: Params = {};
  for (const key of Object.keys(given)) {
    if (names.includes(key)) continue;
    const hint = suggest(key, names);
    throw new DomainError(
      "invalid-params",
      `Strategy "${def.id}" has no parameter "${key}".${hint ? ` Did you mean "${hint}"?` : ""} Parameters: ${names.join(", ")}.`,
    );
  }
  for (const p of def.params) {
    const v = given[p.name] ?? p.default;
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new DomainError("invalid-params", `Parameter "${p.name}" must be a number (got ${String(v)}).`);
    }
    if (p.integer && !Number.isInteger(v)) {
      throw new DomainError("invalid-params", `Parameter "${p.name}" must be a whole number (got ${v}).`);
    }
    if (v < p.min || v > p.max) {
      throw new DomainError(
        "invalid-params",
        `Parameter "${p.name}" must be between ${p.min} and ${p.max} (got ${v}).`,
      );
    }
    out[p.name] = v;
  }
  const problem = def.validate?.(out) ?? "";
  if (problem) throw new DomainError("invalid-params", problem);
  return out;
}
