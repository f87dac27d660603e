/**
 * A window of labelled predictions, ready for the metrics. Classes are coded 0..k-1 in the order
 * of `classes` (sorted, as scikit-learn sorts labels); scores are probabilities.
 */
export interface ClassData {
  task: 'binary' | 'multiclass';
  /** Class names, sorted; codes index into this list. */
  classes: string[];
  truth: Int32Array;
  pred: Int32Array;
  /** binary: P(positive) per row (width 1); multiclass: one score per class, row-major (width k). */
  scores?: Float64Array;
  /** binary: the code of the positive class. */
  positive: number;
}

export interface RegData {
  task: 'regression';
  truth: Float64Array;
  pred: Float64Array;
}

export type LabelledData = ClassData | RegData;

/** A metric's value with its interval; `value` is null only when the metric is undefined here. */
export interface MetricValue {
  metric: string;
  value: number | null;
  /** Two-sided 95 % interval. */
  ci?: [number, number];
  /** Standard error, for tests of a change against the reference. */
  se?: number;
  /** How the interval was made: wilson, delong, bootstrap, normal. */
  method?: string;
  /** Rows the value rests on (labelled predictions; for binary precision/recall the denominator). */
  n: number;
  /** Why the value is null or rests on a convention, in words. */
  note?: string;
}
