/**
 * Parameter spaces for optimisation: ranges (start:stop:step, inclusive), the grid they
 * span, seeded random samples of it, and constraints such as "fast < slow" parsed safely
 * (no eval: names, numbers and comparison operators only).
 */
import { DomainError } from "../errors.ts";
import type { Params } from "../strategy/types.ts";

/** One parameter's values: start, start + step, ... up to stop inclusive. */
export interface ParamRange {
  name: string;
  start: number;
  stop: number;
  step: number;
}

const MAX_GRID = 1_000_000;

function decimals(x: number): number {
  const s = String(x);
  const e = s.indexOf("e-");
  if (e >= 0) return Number(s.slice(e + 2));
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** The values of a range, rounded to the precision of its inputs (no 0.30000000000000004). */
export function rangeValues(r: ParamRange): number[] {
  if (![r.start, r.stop, r.step].every(Number.isFinite) || r.step <= 0 || r.stop < r.start) {
    throw new DomainError(
      "invalid-range",
      `Range ${r.name}=${r.start}:${r.stop}:${r.step} needs start <= stop and step > 0.`,
    );
  }
  const digits = Math.max(decimals(r.start), decimals(r.step));
  const count = Math.floor((r.stop - r.start) / r.step + 1e-9) + 1;
  return Array.from({ length: count }, (_, k) => Number((r.start + k * r.step).toFixed(digits)));
}

/** Parses "name=start:stop:step" (or "name=value" for a single value). */
export function parseRange(text: string): ParamRange {
  const m = /^([A-Za-z_]\w*)=([^:]+)(?::([^:]+):([^:]+))?$/.exec(text.trim());
  if (!m)
    throw new DomainError(
      "invalid-range",
      `Range "${text}" must look like name=start:stop:step (e.g. fast=5:30:5).`,
    );
  const start = Number(m[2]);
  const r =
    m[3] === undefined
      ? { name: m[1], start, stop: start, step: 1 }
      : { name: m[1], start, stop: Number(m[3]), step: Number(m[4]) };
  rangeValues(r);
  return r;
}

type Operand = { name: string } | { value: number };
const OPS = ["<=", ">=", "==", "!=", "<", ">"] as const;
type Op = (typeof OPS)[number];

function operand(text: string): Operand {
  const t = text.trim();
  if (/^[A-Za-z_]\w*$/.test(t)) return { name: t };
  const v = Number(t);
  if (t === "" || !Number.isFinite(v))
    throw new DomainError("invalid-constraint", `"${t}" is neither a parameter name nor a number.`);
  return { value: v };
}

/** Compiles "a < b, c >= 2" (all must hold) into a predicate; unknown names are rejected. */
export function parseConstraint(text: string, known: readonly string[]): (p: Params) => boolean {
  const rules = text
    .split(/[,;]|&&/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((rule) => {
      const op = OPS.find((o) => rule.includes(o)) as Op | undefined;
      if (!op)
        throw new DomainError("invalid-constraint", `Constraint "${rule}" needs one of ${OPS.join(" ")}.`);
      const [l, r] = rule.split(op);
      const a = operand(l);
      const b = operand(r);
      for (const x of [a, b]) {
        if ("name" in x && !known.includes(x.name)) {
          throw new DomainError(
            "invalid-constraint",
            `Constraint names "${x.name}", which is not a parameter (${known.join(", ")}).`,
          );
        }
      }
      return { a, op, b };
    });
  const val = (x: Operand, p: Params) => ("name" in x ? p[x.name] : x.value);
  return (p) =>
    rules.every(({ a, op, b }) => {
      const x = val(a, p);
      const y = val(b, p);
      switch (op) {
        case "<":
          return x < y;
        case "<=":
          return x <= y;
        case ">":
          return x > y;
        case ">=":
          return x >= y;
        case "==":
          return x === y;
        default:
          return x !== y;
      }
    });
}

/** Every combination of the ranges (first range varies slowest), merged over `fixed`, that passes `keep`. */
export function gridOf(
  ranges: readonly ParamRange[],
  fixed: Params = {},
  keep: (p: Params) => boolean = () => true,
): Params[] {
  const lists = ranges.map(rangeValues);
  const total = lists.reduce((n, l) => n * l.length, 1);
  if (total > MAX_GRID)
    throw new DomainError(
      "invalid-range",
      `The grid has ${total} combinations; the limit is ${MAX_GRID}. Use larger steps or random search.`,
    );
  const out: Params[] = [];
  const idx = new Array(lists.length).fill(0);
  for (let c = 0; c < total; c++) {
    const p: Params = { ...fixed };
    lists.forEach((l, k) => {
      p[ranges[k].name] = l[idx[k]];
    });
    if (keep(p)) out.push(p);
    for (let k = lists.length - 1; k >= 0; k--) {
      if (++idx[k] < lists[k].length) break;
      idx[k] = 0;
    }
  }
  return out;
}

/** A seeded PRNG (mulberry32): the same seed gives the same samples everywhere. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct combinations drawn without replacement (the whole list when count >= its length). */
export function sampleOf<T>(items: readonly T[], count: number, seed: number): T[] {
  const copy = items.slice();
  const rnd = seededRandom(seed);
  const k = Math.min(count, copy.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rnd() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, k);
}
