/** Machine-learning data preparation (pure): causal features, labels, splits, scaling, evaluation. */

export { atr, rollingStd } from "./atr.ts";
export {
  type CalibrationBin,
  type ClassificationReport,
  classificationReport,
  shuffledLabels,
} from "./classification.ts";
export { DEFAULT_FEATURES, type FeatureSpec, featureNames, featureSpecSchema } from "./feature-spec.ts";
export { computeFeatures, type FeatureMatrix, logReturns } from "./features.ts";
export { computeLabels, type LabelSpec, labelSpecSchema } from "./labels.ts";
export { type BacktestSummary, buildOosReport, type OosReport, type ReportInput } from "./report.ts";
export { applyScaler, fitScaler, type Scaler } from "./scaler.ts";
export { type SplitOptions, type SplitWindow, validationSplit, walkForwardSplits } from "./splits.ts";
export { syntheticBars } from "./synthetic.ts";
