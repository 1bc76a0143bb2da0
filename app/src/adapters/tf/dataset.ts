/**
 * Turns standardised feature rows into model inputs: one row per sample for the row
 * models, the last `lookback` rows (ending at the sample's row) for sequence models.
 */
import * as tf from "@tensorflow/tfjs";

/** Scaled rows [from, to) of the matrix, row-major (`cols` per row), and the rows to use. */
export interface ScaledRows {
  data: Float32Array;
  from: number;
  cols: number;
}

/** Input tensor for the given row indices (each >= scaled.from + lookback - 1). */
export function inputTensor(scaled: ScaledRows, rows: ArrayLike<number>, lookback: number): tf.Tensor {
  const { data, from, cols } = scaled;
  const n = rows.length;
  const out = new Float32Array(n * lookback * cols);
  for (let k = 0; k < n; k++) {
    const first = rows[k] - lookback + 1 - from;
    out.set(data.subarray(first * cols, (first + lookback) * cols), k * lookback * cols);
  }
  return lookback === 1 ? tf.tensor2d(out, [n, cols]) : tf.tensor3d(out, [n, lookback, cols]);
}

/** Rows in [start, end) whose label is defined. */
export function labelledRows(labels: Float32Array, start: number, end: number): Int32Array {
  let count = 0;
  for (let t = start; t < end; t++) if (Number.isFinite(labels[t])) count++;
  const out = new Int32Array(count);
  let k = 0;
  for (let t = start; t < end; t++) if (Number.isFinite(labels[t])) out[k++] = t;
  return out;
}

/** Labels of the given rows as a [n, 1] tensor. */
export function labelTensor(labels: Float32Array, rows: Int32Array): tf.Tensor {
  const y = new Float32Array(rows.length);
  for (let k = 0; k < rows.length; k++) y[k] = labels[rows[k]];
  return tf.tensor2d(y, [rows.length, 1]);
}

/** Balanced class weights n / (2 n_c), so a majority class cannot win by volume alone. */
export function classWeights(labels: Float32Array, rows: Int32Array): { 0: number; 1: number } {
  let ups = 0;
  for (let k = 0; k < rows.length; k++) ups += labels[rows[k]];
  const downs = rows.length - ups;
  if (ups === 0 || downs === 0) return { 0: 1, 1: 1 };
  return { 0: rows.length / (2 * downs), 1: rows.length / (2 * ups) };
}
