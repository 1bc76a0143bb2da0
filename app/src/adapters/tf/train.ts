/**
 * Trains one model: seeded shuffling each epoch (repeatable runs; tfjs's own shuffle uses
 * Math.random), optional class weights, early stopping on the validation loss with the best
 * weights restored, and cancel checked after every batch.
 */
import * as tf from "@tensorflow/tfjs";
import { DomainError } from "../../../../core/errors.ts";
import { seededRandom } from "../../../../core/market/sample-data.ts";

/** One epoch's figures. */
export interface EpochLog {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  /** epochs without a better validation loss before stopping (0 = never stop early) */
  patience: number;
  classWeight?: { 0: number; 1: number };
  onEpoch?(log: EpochLog): void | Promise<void>;
  shouldStop?(): boolean;
}

export interface TrainResult {
  history: EpochLog[];
  /** epoch (1-based) whose weights were kept */
  bestEpoch: number;
  stoppedEarly: boolean;
}

/** Thrown when shouldStop() asked to stop. */
export class TrainingCancelled extends DomainError {
  constructor() {
    super("cancelled", "Training was cancelled.");
  }
}

/** Batches between yields to the event loop. */
const YIELD_EVERY = 16;

function permutation(n: number, rand: () => number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const a = p[i];
    p[i] = p[j];
    p[j] = a;
  }
  return p;
}

function scalar(value: tf.Scalar | tf.Scalar[] | number | undefined): number {
  if (value === undefined) return Number.NaN;
  if (typeof value === "number") return value;
  const s = Array.isArray(value) ? value[0] : value;
  return s.dataSync()[0];
}

/** Trains `model` on (x, y), validating on (xVal, yVal) after each epoch. */
export async function trainModel(
  model: tf.LayersModel,
  data: { x: tf.Tensor; y: tf.Tensor; xVal: tf.Tensor; yVal: tf.Tensor },
  opts: TrainOptions,
): Promise<TrainResult> {
  const rand = seededRandom(opts.seed);
  const history: EpochLog[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] | null = null;
  let wait = 0;
  let cancelled = false;
  let batches = 0;
  const n = data.x.shape[0];
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const order = tf.tensor1d(permutation(n, rand), "int32");
      const xs = tf.gather(data.x, order);
      const ys = tf.gather(data.y, order);
      order.dispose();
      const h = await model.fit(xs, ys, {
        epochs: 1,
        batchSize: opts.batchSize,
        shuffle: false,
        verbose: 0,
        classWeight: opts.classWeight,
        callbacks: {
          onBatchEnd: async () => {
            // Let queued messages (a cancel from the page) run between batches now and then.
            if (++batches % YIELD_EVERY === 0) await new Promise((resolve) => setTimeout(resolve, 0));
            if (opts.shouldStop?.()) {
              cancelled = true;
              model.stopTraining = true;
            }
          },
        },
      });
      xs.dispose();
      ys.dispose();
      if (cancelled) throw new TrainingCancelled();
      const evals = tf.tidy(() => model.evaluate(data.xVal, data.yVal, { batchSize: 4096 }) as tf.Scalar[]);
      const valLoss = scalar(evals[0]);
      const valAccuracy = scalar(evals[1]);
      tf.dispose(evals);
      const log: EpochLog = {
        epoch,
        loss: Number(h.history.loss[0]),
        accuracy: Number((h.history.acc ?? h.history.accuracy)?.[0]),
        valLoss,
        valAccuracy,
      };
      history.push(log);
      await opts.onEpoch?.(log);
      if (opts.shouldStop?.()) throw new TrainingCancelled();
      if (valLoss < best - 1e-5) {
        best = valLoss;
        bestEpoch = epoch;
        wait = 0;
        tf.dispose(bestWeights ?? []);
        bestWeights = model.getWeights().map((w) => w.clone());
      } else if (opts.patience > 0 && ++wait >= opts.patience) {
        model.setWeights(bestWeights ?? model.getWeights());
        return { history, bestEpoch, stoppedEarly: true };
      }
    }
    if (bestWeights) model.setWeights(bestWeights);
    return { history, bestEpoch, stoppedEarly: false };
  } finally {
    tf.dispose(bestWeights ?? []);
  }
}
