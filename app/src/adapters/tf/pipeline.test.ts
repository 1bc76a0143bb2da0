/**
 * The shared training pipeline on small seeded data (cpu backend): a seed repeats a run
 * exactly, a different seed does not, every model kind trains and predicts every test row,
 * and predictions exist only inside the test windows (never on training rows).
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FEATURES } from "../../../../core/ml/feature-spec.ts";
import { syntheticBars } from "../../../../core/ml/synthetic.ts";
import type { ModelKind } from "./model-kinds.ts";
import { walkForwardTrain } from "./pipeline.ts";

const bars = syntheticBars({ count: 900, seed: 21, phi: 0.5 });
const label = { kind: "direction" as const, horizon: 1, deadZonePips: 0, pipSize: 0.0001 };

function job(model: ModelKind, seed: number, epochs = 2) {
  return { bars, features: DEFAULT_FEATURES, label, model, epochs, seed, windows: 2, patience: 0 };
}

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("walkForwardTrain", () => {
  it("repeats a run exactly with the same seed, and differs with another", { timeout: 60_000 }, async () => {
    const a = await walkForwardTrain(job("mlp", 3));
    const b = await walkForwardTrain(job("mlp", 3));
    const c = await walkForwardTrain(job("mlp", 4));
    expect(Array.from(b.oosProbs)).toEqual(Array.from(a.oosProbs));
    expect(Array.from(c.oosProbs)).not.toEqual(Array.from(a.oosProbs));
    for (const o of [a, b, c]) o.model.dispose();
  });

  it.each(["logreg", "cnn", "gru"] as const)(
    "%s trains and predicts every test row, and only those",
    { timeout: 120_000 },
    async (kind) => {
      const out = await walkForwardTrain(job(kind, 1, 1));
      const first = out.windows[0].split.test[0];
      const last = out.windows[out.windows.length - 1].split.test[1];
      for (let t = 0; t < out.oosProbs.length; t++) {
        const inside = t >= first && t < last;
        expect(Number.isFinite(out.oosProbs[t])).toBe(inside);
      }
      expect(out.lookback).toBe(kind === "logreg" ? 1 : 16);
      expect(out.report.classification.samples).toBeGreaterThan(400);
      out.model.dispose();
    },
  );
});
