/**
 * Standardisation fitted on training rows only: mean and standard deviation per column,
 * then applied unchanged to any other rows (validation, test, live), so the test period
 * never informs the scaling.
 */
import type { FeatureMatrix } from "./features.ts";

export interface Scaler {
  mean: number[];
  std: number[];
}

/** Values past this many standard deviations are clipped (outliers would dominate a small net). */
const CLIP = 8;

/** Fits a scaler on rows [start, end) of the matrix. */
export function fitScaler(m: FeatureMatrix, start: number, end: number): Scaler {
  const { data, cols } = m;
  const mean = new Array<number>(cols).fill(0);
  const sq = new Array<number>(cols).fill(0);
  const count = Math.max(1, end - start);
  for (let r = start; r < end; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) mean[j] += data[o + j];
  }
  for (let j = 0; j < cols; j++) mean[j] /= count;
  for (let r = start; r < end; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) {
      const d = data[o + j] - mean[j];
      sq[j] += d * d;
    }
  }
  const std = sq.map((s) => {
    const v = Math.sqrt(s / count);
    return v > 1e-12 && Number.isFinite(v) ? v : 1;
  });
  return { mean, std };
}

/** Standardised copy of rows [start, end) (row-major, cols per row). */
export function applyScaler(m: FeatureMatrix, scaler: Scaler, start: number, end: number): Float32Array {
  const { data, cols } = m;
  const out = new Float32Array((end - start) * cols);
  for (let r = start; r < end; r++) {
    const o = r * cols;
    const p = (r - start) * cols;
    for (let j = 0; j < cols; j++) {
      const z = (data[o + j] - scaler.mean[j]) / scaler.std[j];
      out[p + j] = Math.min(CLIP, Math.max(-CLIP, z));
    }
  }
  return out;
}
