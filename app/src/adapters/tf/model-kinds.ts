/**
 * The model kinds and their names, without TensorFlow.js (the page imports these; the
 * library itself loads only in the ML worker and the CLI).
 */
import { z } from "zod";

export const MODEL_KINDS = ["logreg", "mlp", "cnn", "gru"] as const;
export const modelKindSchema = z.enum(MODEL_KINDS);
export type ModelKind = z.infer<typeof modelKindSchema>;

export const MODEL_LABELS: Record<ModelKind, string> = {
  logreg: "Logistic regression",
  mlp: "MLP (32-16)",
  cnn: "1-D CNN",
  gru: "GRU",
};

/** Rows of history a sequence model sees (1 for the row models). */
export function lookbackOf(kind: ModelKind, lookback = 16): number {
  return kind === "cnn" || kind === "gru" ? lookback : 1;
}
