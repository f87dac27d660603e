/**
 * Confusion-matrix metrics from per-row class probabilities (CBPE: NannyML,
 * docs/how_it_works/performance_estimation.rst). Row i with predicted class ŷ and probability
 * p_ic of class c adds p_ic to the (true c, predicted ŷ) cell; summed over rows this is the
 * expected confusion matrix, and each metric is taken from it as scikit-learn defines it on a
 * real one. Given one-hot probabilities (the labels) the same code gives the realized metric,
 * so estimate and truth share one definition:
 * - accuracy: `accuracy_score`;
 * - precision, recall, F1: `precision_score`, `recall_score`, `f1_score` with
 *   `average='binary'` (positive class = class 1) or `'macro'`, `zero_division=0`;
 * - ROC AUC: `roc_auc_score` (binary; `multi_class='ovr'`, macro) on the model's raw scores,
 *   each row counted as a positive with weight p and as a negative with weight 1 − p — the
 *   expected TPR/FPR over all thresholds that NannyML's algorithm sums, in closed form.
 */
import type { EstimatedMetricName, ScoreMatrix } from './types.js';

export interface MetricValues {
  values: Record<EstimatedMetricName, number | null>;
  notes: Partial<Record<EstimatedMetricName, string>>;
}

/** Rows ordered by descending score, with the end of each run of equal scores. */
export interface RankedScores {
  order: Int32Array;
  groupEnds: Int32Array;
}

export function rankScores(s: ScoreMatrix, c: number): RankedScores {
  const order = Int32Array.from({ length: s.n }, (_, i) => i).sort(
    (a, b) => s.p[b * s.k + c]! - s.p[a * s.k + c]!,
  );
  const ends: number[] = [];
  for (let j = 1; j <= s.n; j++) {
    if (j === s.n || s.p[order[j]! * s.k + c] !== s.p[order[j - 1]! * s.k + c]) ends.push(j);
  }
  return { order, groupEnds: Int32Array.from(ends) };
}

/**
 * Area under the ROC curve (trapezoids over tied groups) where row i weighs pos(i) as a
 * positive and neg(i) as a negative; null when either class has no weight.
 */
export function weightedAuc(
  r: RankedScores,
  pos: (i: number) => number,
  neg: (i: number) => number,
): number | null {
  let tp = 0;
  let fp = 0;
  let area = 0;
  let start = 0;
  for (const end of r.groupEnds) {
    let gp = 0;
    let gn = 0;
    for (let j = start; j < end; j++) {
      const i = r.order[j]!;
      gp += pos(i);
      gn += neg(i);
    }
    area += gn * (tp + gp / 2);
    tp += gp;
    fp += gn;
    start = end;
  }
  return tp > 0 && fp > 0 ? area / (tp * fp) : null;
}

const ratio = (num: number, den: number): number => (den > 0 ? num / den : 0);

/**
 * Metrics of the expected confusion matrix of `prob` (rows' class probabilities, or one-hot
 * labels) for predictions `predicted`; ROC AUC ranks rows by `raw` (the model's own scores).
 * `ranked` may carry rankScores(raw, c) per class, computed once.
 */
export function confusionMetrics(
  prob: ScoreMatrix,
  predicted: Int32Array,
  raw: ScoreMatrix,
  ranked?: RankedScores[],
): MetricValues {
  const { n, k } = prob;
  const tp = new Float64Array(k);
  const predCount = new Float64Array(k);
  const trueSum = new Float64Array(k);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const yhat = predicted[i]!;
    const pc = prob.p[i * k + yhat]!;
    correct += pc;
    tp[yhat]! += pc;
    predCount[yhat]!++;
    for (let c = 0; c < k; c++) trueSum[c]! += prob.p[i * k + c]!;
  }
  return fromCounts({ n, k, correct, tp, predCount, trueSum }, (c) =>
    weightedAuc(
      ranked?.[c] ?? rankScores(raw, c),
      (i) => prob.p[i * k + c]!,
      (i) => 1 - prob.p[i * k + c]!,
    ),
  );
}

/**
 * The realized metrics of class labels: confusionMetrics on one-hot labels, without building
 * them (the same sums in the same order, so the same values to the last bit).
 */
export function labelMetrics(
  labels: Int32Array,
  predicted: Int32Array,
  raw: ScoreMatrix,
  ranked?: RankedScores[],
): MetricValues {
  const { n, k } = raw;
  const tp = new Float64Array(k);
  const predCount = new Float64Array(k);
  const trueSum = new Float64Array(k);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const yhat = predicted[i]!;
    const y = labels[i]!;
    if (y === yhat) {
      correct++;
      tp[yhat]!++;
    }
    predCount[yhat]!++;
    trueSum[y]!++;
  }
  return fromCounts({ n, k, correct, tp, predCount, trueSum }, (c) => {
    const r = ranked?.[c] ?? rankScores(raw, c);
    let pos = 0;
    let neg = 0;
    let area = 0;
    let start = 0;
    for (const end of r.groupEnds) {
      let gp = 0;
      for (let j = start; j < end; j++) if (labels[r.order[j]!] === c) gp++;
      const gn = end - start - gp;
      area += gn * (pos + gp / 2);
      pos += gp;
      neg += gn;
      start = end;
    }
    return pos > 0 && neg > 0 ? area / (pos * neg) : null;
  });
}

interface Counts {
  n: number;
  k: number;
  correct: number;
  tp: Float64Array;
  predCount: Float64Array;
  trueSum: Float64Array;
}

function fromCounts(s: Counts, aucOf: (c: number) => number | null): MetricValues {
  const { n, k, tp, predCount, trueSum } = s;
  const notes: MetricValues['notes'] = {};
  const classes = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  const noPred: number[] = [];
  for (const c of classes) {
    if (predCount[c] === 0) noPred.push(c);
    precision += ratio(tp[c]!, predCount[c]!) / classes.length;
    recall += ratio(tp[c]!, trueSum[c]!) / classes.length;
    f1 += ratio(2 * tp[c]!, trueSum[c]! + predCount[c]!) / classes.length;
  }
  if (noPred.length)
    notes.precision = `no row was predicted as class ${noPred.join(', ')}: its precision counts as 0 (scikit-learn's zero_division=0)`;
  let auc: number | null = 0;
  for (const c of classes) {
    const a = aucOf(c);
    if (a === null) {
      auc = null;
      notes.roc_auc = `ROC AUC is undefined: class ${c} is ${trueSum[c]! > 0 ? 'certain on every row' : 'absent'} in this window`;
      break;
    }
    auc += a / classes.length;
  }
  return {
    values: { accuracy: n > 0 ? s.correct / n : null, precision, recall, f1, roc_auc: auc },
    notes,
  };
}

/** One-hot probabilities of labels: confusionMetrics on them gives the realized metrics. */
export function oneHot(labels: Int32Array, k: number): ScoreMatrix {
  const p = new Float64Array(labels.length * k);
  labels.forEach((l, i) => (p[i * k + l] = 1));
  return { n: labels.length, k, p };
}
