/**
 * Training throughput of the default MLP (the Bots page's default model) on random data of
 * the default feature width: samples per second over `epochs` after one warm-up epoch.
 * Shared by the ML worker (browser figure) and scripts/bench/ml.ts (Node figures).
 */
import * as tf from "@tensorflow/tfjs";
import { DEFAULT_FEATURES, featureNames } from "../../../../core/ml/feature-spec.ts";
import { buildModel } from "./models.ts";

export async function mlpThroughput(samples: number, epochs: number): Promise<number> {
  const cols = featureNames(DEFAULT_FEATURES).length;
  const model = buildModel("mlp", cols, 1, 1);
  const x = tf.randomNormal([samples, cols], 0, 1, "float32", 1);
  const y = tf.randomUniform([samples, 1], 0, 1, "float32", 2).round();
  try {
    await model.fit(x, y, { epochs: 1, batchSize: 256, verbose: 0, shuffle: false });
    const start = performance.now();
    await model.fit(x, y, { epochs, batchSize: 256, verbose: 0, shuffle: false });
    return (samples * epochs) / ((performance.now() - start) / 1000);
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}
