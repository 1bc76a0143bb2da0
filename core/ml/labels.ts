/**
 * Labels aligned with the feature rows: label[t] is about the bars from t on, seen from
 * the close of bar t-1 (the price a decision at row t trades at). 1 = up, 0 = down,
 * NaN = no label (inside the dead zone, a flat move, or too close to the end).
 */
import { z } from "zod";
import type { Bars } from "../backtest/types.ts";
import { DomainError } from "../errors.ts";

export const labelSpecSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("direction"),
    /** bars ahead: the label compares close[t + horizon - 1] with close[t - 1] */
    horizon: z.number().int().min(1).max(500),
    /** moves of at most this many pips get no label (0 = only exactly flat moves) */
    deadZonePips: z.number().min(0).default(0),
    pipSize: z.number().positive().default(0.0001),
  }),
  z.object({
    kind: z.literal("triple-barrier"),
    /** the timeout in bars */
    horizon: z.number().int().min(1).max(500),
    takeProfitPips: z.number().positive(),
    stopLossPips: z.number().positive(),
    pipSize: z.number().positive().default(0.0001),
  }),
]);

export type LabelSpec = z.infer<typeof labelSpecSchema>;

/** Labels for rows 0..n (n + 1 values, like the feature matrix). */
export function computeLabels(bars: Bars, spec: LabelSpec): Float32Array {
  if (!(spec.horizon >= 1))
    throw new DomainError("bad-label", `Label horizon must be >= 1 (got ${spec.horizon}).`);
  return spec.kind === "direction" ? directionLabels(bars, spec) : tripleBarrierLabels(bars, spec);
}

function directionLabels(bars: Bars, spec: Extract<LabelSpec, { kind: "direction" }>): Float32Array {
  const { close } = bars;
  const n = close.length;
  const out = new Float32Array(n + 1).fill(Number.NaN);
  const dead = spec.deadZonePips * spec.pipSize;
  for (let t = 1; t + spec.horizon - 1 < n; t++) {
    const move = close[t + spec.horizon - 1] - close[t - 1];
    if (move === 0 || Math.abs(move) <= dead) continue;
    out[t] = move > 0 ? 1 : 0;
  }
  return out;
}

/**
 * Triple barrier from the close of bar t-1: 1 when the take-profit level is touched first,
 * 0 when the stop-loss level is; a bar touching both counts as the stop (the pessimistic
 * reading, as the backtest engine fills stops first); at the timeout, the sign of the move.
 */
function tripleBarrierLabels(bars: Bars, spec: Extract<LabelSpec, { kind: "triple-barrier" }>): Float32Array {
  const { close, high, low } = bars;
  const n = close.length;
  const out = new Float32Array(n + 1).fill(Number.NaN);
  const up = spec.takeProfitPips * spec.pipSize;
  const down = spec.stopLossPips * spec.pipSize;
  for (let t = 1; t + spec.horizon - 1 < n; t++) {
    const entry = close[t - 1];
    let label = Number.NaN;
    for (let j = t; j < t + spec.horizon; j++) {
      const hitDown = low[j] <= entry - down;
      const hitUp = high[j] >= entry + up;
      if (hitDown) label = 0;
      else if (hitUp) label = 1;
      if (hitDown || hitUp) break;
    }
    if (Number.isNaN(label)) {
      const move = close[t + spec.horizon - 1] - entry;
      if (move !== 0) label = move > 0 ? 1 : 0;
    }
    out[t] = label;
  }
  return out;
}
