/**
 * Out-of-sample classification figures from predicted probabilities of "up" and the true
 * labels: accuracy, precision, recall, F1 (for "up"), the confusion matrix, a calibration
 * table and the Brier score. Rows without a label or a prediction are left out.
 */

export interface CalibrationBin {
  /** predicted probability range [from, to) */
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  /** share of rows in the bin that went up */
  observed: number;
}

export interface ClassificationReport {
  samples: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** confusion matrix, "up" is the positive class */
  confusion: { tp: number; fp: number; tn: number; fn: number };
  /** share of labelled rows that went up (the accuracy of always saying the majority is max(upRate, 1 - upRate)) */
  upRate: number;
  brier: number;
  calibration: CalibrationBin[];
}

const BINS = 10;

/** Classification figures for rows where both prob and label are defined; threshold 0.5 by default. */
export function classificationReport(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold = 0.5,
): ClassificationReport {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  let brier = 0;
  const sumP = new Float64Array(BINS);
  const sumY = new Float64Array(BINS);
  const cnt = new Float64Array(BINS);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    const y = labels[i];
    if (!Number.isFinite(p) || !Number.isFinite(y)) continue;
    const up = p > threshold;
    if (up && y === 1) tp++;
    else if (up) fp++;
    else if (y === 1) fn++;
    else tn++;
    brier += (p - y) * (p - y);
    const b = Math.min(BINS - 1, Math.max(0, Math.floor(p * BINS)));
    sumP[b] += p;
    sumY[b] += y;
    cnt[b]++;
  }
  const n = tp + fp + tn + fn;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const calibration: CalibrationBin[] = [];
  for (let b = 0; b < BINS; b++) {
    if (cnt[b] === 0) continue;
    calibration.push({
      from: b / BINS,
      to: (b + 1) / BINS,
      count: cnt[b],
      meanPredicted: sumP[b] / cnt[b],
      observed: sumY[b] / cnt[b],
    });
  }
  return {
    samples: n,
    accuracy: ratio(tp + tn, n),
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    confusion: { tp, fp, tn, fn },
    upRate: ratio(tp + fn, n),
    brier: ratio(brier, n),
    calibration,
  };
}

/** A seeded Fisher-Yates permutation of the defined values of `labels` in [start, end) (for the shuffled-label control). */
export function shuffledLabels(
  labels: Float32Array,
  start: number,
  end: number,
  rand: () => number,
): Float32Array {
  const out = labels.slice();
  const idx: number[] = [];
  for (let i = start; i < end; i++) if (Number.isFinite(labels[i])) idx.push(i);
  for (let k = idx.length - 1; k > 0; k--) {
    const j = Math.floor(rand() * (k + 1));
    const a = out[idx[k]];
    out[idx[k]] = out[idx[j]];
    out[idx[j]] = a;
  }
  return out;
}
