/**
 * Live predictions for a bot: the features of the newest row (known when the next bar
 * opens), scaled with the scaler stored with the model, through the model. Also returns
 * the raw feature values so every decision can be journaled with what produced it.
 */
import * as tf from "@tensorflow/tfjs";
import type { Bars } from "../../../../core/backtest/types.ts";
import { computeFeatures } from "../../../../core/ml/features.ts";
import type { ModelMeta } from "./artifacts.ts";

export interface LivePrediction {
  /** P(up) for the bar after the last one, NaN while the features warm up */
  probability: number;
  /** the unscaled features of that row, by name */
  features: Record<string, number>;
}

/** Predicts from the last bars (a few hundred are enough for every feature to be defined). */
export function predictNext(model: tf.LayersModel, meta: ModelMeta, bars: Bars): LivePrediction {
  const m = computeFeatures(bars, meta.features);
  const t = m.rows - 1;
  const features: Record<string, number> = {};
  m.names.forEach((name, j) => {
    features[name] = m.data[t * m.cols + j];
  });
  if (t - meta.lookback + 1 < m.firstRow) return { probability: Number.NaN, features };
  const x = new Float32Array(meta.lookback * m.cols);
  for (let r = 0; r < meta.lookback; r++) {
    const row = t - meta.lookback + 1 + r;
    for (let j = 0; j < m.cols; j++) {
      const z = (m.data[row * m.cols + j] - meta.scaler.mean[j]) / meta.scaler.std[j];
      x[r * m.cols + j] = Math.max(-8, Math.min(8, z));
    }
  }
  const probability = tf.tidy(() => {
    const input =
      meta.lookback === 1 ? tf.tensor2d(x, [1, m.cols]) : tf.tensor3d(x, [1, meta.lookback, m.cols]);
    return (model.predict(input) as tf.Tensor).dataSync()[0];
  });
  return { probability, features };
}
