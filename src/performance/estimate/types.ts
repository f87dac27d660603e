/**
 * Types of label-free performance estimation (confidence-based performance estimation, CBPE:
 * NannyML, docs/how_it_works/performance_estimation.rst; Kivimäki et al. 2024,
 * arXiv 2407.08649). Scores are held row-major, one probability per class and row.
 */

/** Per-row class probabilities: row-major n × k; binary models have k = 2, class 1 positive. */
export interface ScoreMatrix {
  n: number;
  k: number;
  p: Float64Array;
}

/** A window of a classifier's outputs, already checked (see input.ts). */
export interface ScoredWindow {
  scores: ScoreMatrix;
  /** The class each row was predicted as (index into the class list). */
  predicted: Int32Array;
  /** Numeric feature columns, when the prediction log has them (support check). */
  features?: Readonly<Record<string, Float64Array>>;
}

/** The labelled reference window: the same outputs with their true class. */
export interface LabelledWindow extends ScoredWindow {
  labels: Int32Array;
}

export const ESTIMATED_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc'] as const;
export type EstimatedMetricName = (typeof ESTIMATED_METRICS)[number];

export interface EstimatedMetric {
  metric: EstimatedMetricName;
  /** For multiclass models: the macro average over one-vs-rest classes (as scikit-learn's). */
  average: 'binary' | 'macro';
  /** The CBPE point estimate; null when it is undefined (said in `note`). */
  value: number | null;
  /** Covers the realized value at `level` when the assumptions hold. */
  interval: [number, number] | null;
  level: number;
  intervalMethod: 'poisson-binomial' | 'label-simulation';
  /** The realized value on the labelled reference (what "no change" would say). */
  reference: number | null;
  note?: string;
}

export interface CalibrationReport {
  method: 'isotonic';
  /** Whether calibration was applied (for multiclass: to at least one class). */
  applied: boolean;
  /** Cross-validated expected calibration error of the raw and of the calibrated scores. */
  eceBefore: number;
  eceAfter: number;
  /** The ECE of the scores the estimate uses (eceAfter when applied, else eceBefore). */
  eceUsed: number;
  folds: number;
  bins: number;
  perClass?: { class: string; applied: boolean; eceBefore: number; eceAfter: number }[];
}

export interface SupportReport {
  /** Which columns were compared: the model's scores, and features when the log has them. */
  basis: 'scores' | 'scores+features';
  /** Share of current rows with any compared column outside the reference's observed range. */
  outsideShare: number;
  limit: number;
  /** Per column, worst first. */
  columns: { column: string; outsideShare: number; range: [number, number] }[];
}

export interface AtcReport {
  /** Garg et al. (ICLR 2022, arXiv 2201.04234), negative-entropy confidence. */
  accuracy: number;
  threshold: number;
  /** |CBPE accuracy − ATC accuracy| and the tolerance beyond which they disagree. */
  difference: number;
  tolerance: number;
}

export interface Reliability {
  reliable: boolean;
  /** Each reason in words, empty when reliable. */
  reasons: string[];
}

export interface PerformanceEstimate {
  task: 'binary' | 'multiclass';
  classes: string[];
  n: number;
  referenceN: number;
  metrics: EstimatedMetric[];
  calibration: CalibrationReport;
  support: SupportReport;
  atc: AtcReport;
  reliability: Reliability;
  /** The assumptions the estimate rests on, in words, for reports. */
  assumptions: string[];
}
