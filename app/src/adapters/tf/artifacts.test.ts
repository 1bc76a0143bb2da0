import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURES, featureNames } from "../../../../core/ml/feature-spec.ts";
import { syntheticBars } from "../../../../core/ml/synthetic.ts";
import { loadArtifacts, type ModelMeta, modelJson, parseModelFiles, saveArtifacts } from "./artifacts.ts";
import { buildModel } from "./models.ts";
import { predictNext } from "./predict.ts";

describe("model export/import", () => {
  it("round-trips model.json + weights.bin to identical predictions and metadata", async () => {
    await tf.setBackend("cpu");
    const names = featureNames(DEFAULT_FEATURES);
    const model = buildModel("mlp", names.length, 1, 9);
    const meta: ModelMeta = {
      kind: "mlp",
      features: DEFAULT_FEATURES,
      featureNames: names,
      label: { kind: "direction", horizon: 1, deadZonePips: 0, pipSize: 0.0001 },
      scaler: { mean: names.map((_, j) => j * 0.1), std: names.map(() => 2) },
      lookback: 1,
    };
    const artifacts = await saveArtifacts(model);
    const json = modelJson(artifacts, meta, { name: "test" });
    const weights = artifacts.weightData.slice(0);
    const parsed = parseModelFiles(json, weights);
    expect(parsed.meta).toEqual(meta);
    expect(parsed.extra).toEqual({ name: "test" });
    const loaded = await loadArtifacts(parsed.artifacts);
    const bars = syntheticBars({ count: 300, seed: 4 });
    const a = predictNext(model, meta, bars);
    const b = predictNext(loaded, meta, bars);
    expect(Number.isFinite(a.probability)).toBe(true);
    expect(b.probability).toBe(a.probability);
    expect(Object.keys(b.features)).toEqual(names);
  });

  it("refuses a wrong weights file or a foreign model.json with a message naming the problem", async () => {
    await tf.setBackend("cpu");
    const model = buildModel("logreg", 3, 1, 1);
    const artifacts = await saveArtifacts(model);
    const meta = {
      kind: "logreg",
      features: DEFAULT_FEATURES,
      featureNames: ["a", "b", "c"],
      label: { kind: "direction", horizon: 1, deadZonePips: 0, pipSize: 0.0001 },
      scaler: { mean: [0, 0, 0], std: [1, 1, 1] },
      lookback: 1,
    } as ModelMeta;
    const json = modelJson(artifacts, meta);
    expect(() => parseModelFiles(json, new ArrayBuffer(3))).toThrow(
      /weights file has 3 bytes; model.json expects 16/,
    );
    expect(() => parseModelFiles("{}", new ArrayBuffer(0))).toThrow(/not a Forex AI model: modelTopology/);
    expect(() => parseModelFiles("nope", new ArrayBuffer(0))).toThrow(/not valid JSON/);
  });
});
