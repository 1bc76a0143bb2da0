/**
 * What a trader reads about a run: its name (strategy, parameters with units, data set,
 * period, leverage and costs, so two runs that differ in any of them are told apart), the
 * cost summary in the units they were entered in, and parameter checks in plain words.
 */
import type { ParamSpec, Params } from "../../../../core/strategy/types.ts";
import type { AccountForm } from "./account-form.ts";
import { type BracketUnit, bracketSuffix, isBracketParam } from "./bracket-units.ts";

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const num = (x: number) => String(Number(x.toPrecision(10)));

/** "10/30 SL 30 pips TP 60 pips" (brackets left out when 0 = none). */
export function paramText(params: Params, unit: BracketUnit | undefined): string {
  const plain = Object.entries(params)
    .filter(([k]) => !isBracketParam(k))
    .map(([, v]) => num(v))
    .join("/");
  const suffix = unit ? bracketSuffix(unit) : "";
  const brackets = [
    params.stopLoss > 0 ? `SL ${num(params.stopLoss)}${suffix}` : "",
    params.takeProfit > 0 ? `TP ${num(params.takeProfit)}${suffix}` : "",
  ].filter(Boolean);
  return [plain, ...brackets].filter(Boolean).join(" ");
}

/** "spread 1 pip · slippage 0.5 pips · commission 7/lot · swap -3/+1 pts" (only what is set). */
export function costText(a: AccountForm): string {
  const pips = (x: number) => `${num(x)} ${x === 1 ? "pip" : "pips"}`;
  const parts = [`spread ${pips(a.spreadPips)}`];
  if (a.slippagePips > 0) parts.push(`slippage ${pips(a.slippagePips)}`);
  if (a.commissionPct > 0) parts.push(`commission ${num(a.commissionPct)}%`);
  if (a.commissionPerLot > 0) parts.push(`commission ${num(a.commissionPerLot)}/lot`);
  if (a.commissionFixed > 0) parts.push(`commission ${num(a.commissionFixed)}/fill`);
  if (a.swapLong !== 0 || a.swapShort !== 0) parts.push(`swap ${num(a.swapLong)}/${num(a.swapShort)} pts`);
  return parts.join(" · ");
}

export interface RunNameParts {
  strategy: string;
  params: Params;
  bracketUnit?: BracketUnit;
  dataset: string;
  timeframe: string;
  from: number;
  to: number;
  account: AccountForm;
}

/** "SMA cross 10/30 SL 30 pips · EURUSD H1 2024-01-02..2024-06-28 · 1:30 · spread 1 pip". */
export function runName(r: RunNameParts): string {
  const params = paramText(r.params, r.bracketUnit);
  return [
    `${r.strategy}${params ? ` ${params}` : ""}`,
    `${r.dataset} ${r.timeframe} ${day(r.from)}..${day(r.to)}`,
    `1:${num(r.account.leverage)}`,
    costText(r.account),
  ].join(" · ");
}

/**
 * The first problem with the strategy's parameters, said as what to do ("" when fine):
 * empty fields, whole numbers, bounds, and a fast average that is not faster than the slow one.
 */
export function paramProblem(specs: readonly ParamSpec[], params: Params): string {
  for (const p of specs) {
    const v = params[p.name] ?? p.default;
    const name = p.label;
    if (typeof v !== "number" || !Number.isFinite(v))
      return `${name} is empty: type a number${p.integer ? " of bars" : ""} (the default is ${p.default}).`;
    if (p.integer && !Number.isInteger(v))
      return `${name} is a number of bars: type a whole number (got ${v}).`;
    if (v < p.min) return `${name} must be at least ${p.min} (got ${v}).`;
    if (v > p.max) return `${name} must be at most ${p.max} (got ${v}).`;
  }
  const fast = specs.find((p) => p.name === "fast");
  const slow = specs.find((p) => p.name === "slow");
  if (fast && slow) {
    const f = params.fast ?? fast.default;
    const s = params.slow ?? slow.default;
    if (f >= s)
      return `${fast.label} (${f}) must be shorter than ${slow.label} (${s}): the fast average follows price more closely than the slow one. Swap the two values or lower ${fast.label}.`;
  }
  return "";
}
