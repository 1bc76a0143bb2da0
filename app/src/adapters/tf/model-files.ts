/**
 * A trained model as files (no TensorFlow.js at run time here, so the page can use it): model.json (the tfjs LayersModel format — topology and weights
 * manifest — plus our "forexAi" block: feature spec, label, scaler, lookback, metrics) and
 * one binary weights file. Export and import round-trip exactly (test beside this file).
 */
import type * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { featureSpecSchema } from "../../../../core/ml/feature-spec.ts";
import { labelSpecSchema } from "../../../../core/ml/labels.ts";
import { modelKindSchema } from "./model-kinds.ts";

/** What a model needs besides its weights to make the same predictions again. */
export const modelMetaSchema = z.object({
  kind: modelKindSchema,
  features: featureSpecSchema,
  featureNames: z.array(z.string()),
  label: labelSpecSchema,
  scaler: z.object({ mean: z.array(z.number()), std: z.array(z.number()) }),
  lookback: z.number().int().min(1),
});
export type ModelMeta = z.infer<typeof modelMetaSchema>;

/** The weights file name written into model.json's manifest. */
export const WEIGHTS_FILE = "weights.bin";

/** A model in memory, in the tfjs save format. */
export interface ModelArtifacts {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

/** model.json text: tfjs's layers-model format with our metadata block. */
export function modelJson(a: ModelArtifacts, meta: ModelMeta, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: "layers-model",
    generatedBy: "forex-ai",
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: a.weightSpecs }],
    forexAi: { ...extra, meta },
  });
}

const modelFileSchema = z.object({
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z
    .array(z.object({ paths: z.array(z.string()), weights: z.array(z.record(z.string(), z.unknown())) }))
    .min(1),
  forexAi: z.object({ meta: modelMetaSchema }).passthrough(),
});

/** Parses model.json + weights back; errors name the file and what is wrong. */
export function parseModelFiles(
  jsonText: string,
  weights: ArrayBuffer,
): { artifacts: ModelArtifacts; meta: ModelMeta; extra: Record<string, unknown> } {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch {
    throw new Error("model.json is not valid JSON.");
  }
  const parsed = modelFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `model.json is not a Forex AI model: ${issue.path.join(".") || "(top level)"}: ${issue.message}.`,
    );
  }
  const specs = parsed.data.weightsManifest.flatMap(
    (g) => g.weights,
  ) as unknown as tf.io.WeightsManifestEntry[];
  const expected = specs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (weights.byteLength !== expected)
    throw new Error(`The weights file has ${weights.byteLength} bytes; model.json expects ${expected}.`);
  const { meta, ...extra } = parsed.data.forexAi;
  return {
    artifacts: { modelTopology: parsed.data.modelTopology, weightSpecs: specs, weightData: weights },
    meta,
    extra,
  };
}
