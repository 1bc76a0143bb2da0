/**
 * The four model kinds in TensorFlow.js, all ending in one sigmoid unit (P(up)):
 * logistic regression and an MLP on one feature row, a 1-D CNN and a GRU on the last
 * `lookback` rows. Every initialiser takes a seed so a run can be repeated exactly.
 * Shared by the app's training worker and the CLI (no DOM, no Node APIs here).
 */
import * as tf from "@tensorflow/tfjs";
import type { ModelKind } from "./model-kinds.ts";

/** Default learning rates: the linear model wants larger steps. */
export const LEARNING_RATE: Record<ModelKind, number> = { logreg: 0.01, mlp: 0.002, cnn: 0.002, gru: 0.003 };

/** Builds and compiles an untrained model for `features` inputs (per row) and `lookback` rows. */
export function buildModel(
  kind: ModelKind,
  features: number,
  lookback: number,
  seed: number,
): tf.LayersModel {
  let s = seed;
  const init = () => tf.initializers.glorotUniform({ seed: s++ });
  const model = tf.sequential();
  if (kind === "logreg") {
    model.add(
      tf.layers.dense({ units: 1, activation: "sigmoid", inputShape: [features], kernelInitializer: init() }),
    );
  } else if (kind === "mlp") {
    model.add(
      tf.layers.dense({ units: 32, activation: "relu", inputShape: [features], kernelInitializer: init() }),
    );
    model.add(tf.layers.dense({ units: 16, activation: "relu", kernelInitializer: init() }));
    model.add(tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: init() }));
  } else if (kind === "cnn") {
    model.add(
      tf.layers.conv1d({
        filters: 16,
        kernelSize: 3,
        activation: "relu",
        inputShape: [lookback, features],
        kernelInitializer: init(),
      }),
    );
    model.add(tf.layers.globalAveragePooling1d({}));
    model.add(tf.layers.dense({ units: 16, activation: "relu", kernelInitializer: init() }));
    model.add(tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: init() }));
  } else {
    model.add(
      tf.layers.gru({
        units: 16,
        inputShape: [lookback, features],
        kernelInitializer: init(),
        recurrentInitializer: tf.initializers.orthogonal({ seed: s++ }),
      }),
    );
    model.add(tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: init() }));
  }
  model.compile({
    optimizer: tf.train.adam(LEARNING_RATE[kind]),
    loss: "binaryCrossentropy",
    metrics: ["accuracy"],
  });
  return model;
}

export { lookbackOf, MODEL_KINDS, MODEL_LABELS, type ModelKind, modelKindSchema } from "./model-kinds.ts";
