/**
 * The edge of the estimator: a window as the prediction log gives it (score columns, predicted
 * and true class names) checked and turned into score matrices. Every refusal names the
 * column, the bad value and the fix, because an estimate from bad input would pass for a
 * good one.
 */
import { UserError } from '../../errors.js';
import type { LabelledWindow, ScoredWindow } from './types.js';

export interface ScoreTable {
  /** Which window this is, for messages ("reference window", "current window"). */
  window: string;
  /** Class names; score column j holds the probability of classes[j]. A binary model may log
   * the positive class's probability alone: one score column, classes [negative, positive]. */
  classes: readonly string[];
  scoreColumns: readonly string[];
  scores: readonly ArrayLike<number>[];
  /** The predicted class per row; when absent, the most probable class (first on ties). */
  predictedColumn?: string;
  predicted?: ArrayLike<string>;
  /** The true class per row (null: not labelled yet). Needed on the reference. */
  labelColumn?: string;
  labels?: ArrayLike<string | null>;
  features?: Readonly<Record<string, ArrayLike<number>>>;
}

/** Calibration splits the reference in 3 folds and needs every class in each, 10 at least. */
export const MIN_REFERENCE_ROWS = 100;
export const MIN_REFERENCE_PER_CLASS = 30;
/** Tolerance on a multiclass row's sum of probabilities. */
const SUM_TOLERANCE = 1e-6;

const fmt = (x: number) => (Number.isNaN(x) ? 'NaN' : String(x));

export function readScores(t: ScoreTable): ScoredWindow {
  const k = t.classes.length;
  if (k < 2)
    throw new UserError(
      `${t.window}: ${k} class given (${t.classes.join(', ') || 'none'}); a classifier needs at least two: list every class the model predicts`,
    );
  const single = t.scoreColumns.length === 1 && k === 2;
  if (!single && t.scoreColumns.length !== k)
    throw new UserError(
      `${t.window}: ${t.scoreColumns.length} score columns (${t.scoreColumns.join(', ')}) for ${k} classes (${t.classes.join(', ')}); give one score column per class, or for a binary model the positive class's probability alone`,
    );
  const n = t.scores[0]?.length ?? 0;
  const p = new Float64Array(n * k);
  t.scoreColumns.forEach((col, j) => {
    const v = t.scores[j]!;
    if (v.length !== n)
      throw new UserError(`${t.window}: score column ${col} has ${v.length} rows, not ${n}`);
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      if (!(x >= 0 && x <= 1))
        throw new UserError(
          `${t.window}: column ${col} holds ${fmt(x)} at row ${i + 1}; scores must be probabilities in [0, 1]. Log the model's predict_proba output (apply the sigmoid or softmax to margins or logits) in ${col}`,
        );
      if (single) {
        p[i * 2 + 1] = x;
        p[i * 2] = 1 - x;
      } else p[i * k + j] = x;
    }
  });
  if (!single)
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += p[i * k + c]!;
      if (Math.abs(s - 1) > SUM_TOLERANCE)
        throw new UserError(
          `${t.window}: the scores in ${t.scoreColumns.join(', ')} sum to ${s} at row ${i + 1}, not 1; they must be one probability per class (softmax output), with one column for every class`,
        );
    }
  const index = new Map(t.classes.map((c, j) => [c, j]));
  const predicted = new Int32Array(n);
  if (t.predicted) {
    const col = t.predictedColumn ?? 'prediction';
    for (let i = 0; i < n; i++) {
      const j = index.get(String(t.predicted[i]));
      if (j === undefined)
        throw new UserError(
          `${t.window}: column ${col} predicts "${String(t.predicted[i])}" at row ${i + 1}, which is not one of the score columns' classes (${t.classes.join(', ')}); name the classes in the order of the score columns`,
        );
      predicted[i] = j;
    }
  } else
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (p[i * k + c]! > p[i * k + best]!) best = c;
      predicted[i] = best;
    }
  const features: Record<string, Float64Array> = {};
  for (const [name, v] of Object.entries(t.features ?? {})) features[name] = Float64Array.from(v);
  return { scores: { n, k, p }, predicted, ...(t.features ? { features } : {}) };
}

/** The reference: scores plus labels; unlabelled rows are left out and counted. */
export function readReference(t: ScoreTable): { window: LabelledWindow; unlabelled: number } {
  const col = t.labelColumn ?? 'label';
  if (!t.labels)
    throw new UserError(
      `${t.window}: no label column; the reference must be labelled (name the label column, ${col}, and a reference window whose labels have arrived)`,
    );
  const all = readScores(t);
  const index = new Map(t.classes.map((c, j) => [c, j]));
  const keep: number[] = [];
  const labels: number[] = [];
  const counts = new Array<number>(t.classes.length).fill(0);
  for (let i = 0; i < all.scores.n; i++) {
    const raw = t.labels[i];
    if (raw === null || raw === undefined || raw === '') continue;
    const j = index.get(String(raw));
    if (j === undefined)
      throw new UserError(
        `${t.window}: column ${col} has the label "${String(raw)}" at row ${i + 1}, which is not one of the score columns' classes (${t.classes.join(', ')}); the score columns must cover every class the labels use, in the same spelling`,
      );
    keep.push(i);
    labels.push(j);
    counts[j]!++;
  }
  const n = keep.length;
  if (n === 0)
    throw new UserError(
      `${t.window}: no row has a label in ${col}; pick a reference window old enough for its labels to have arrived`,
    );
  const present = counts.filter((c) => c > 0).length;
  if (present < 2)
    throw new UserError(
      `${t.window}: every label in ${col} is "${t.classes[counts.findIndex((c) => c > 0)]}"; estimation needs both outcomes in the reference: widen the reference window`,
    );
  if (n < MIN_REFERENCE_ROWS)
    throw new UserError(
      `${t.window}: ${n} labelled rows; calibration needs at least ${MIN_REFERENCE_ROWS} (3 folds): widen the reference window`,
    );
  const thin = counts.findIndex((c) => c < MIN_REFERENCE_PER_CLASS);
  if (thin >= 0)
    throw new UserError(
      `${t.window}: ${counts[thin]} rows labelled "${t.classes[thin]}" in ${col}; calibration needs at least ${MIN_REFERENCE_PER_CLASS} of every class (10 per fold): widen the reference window`,
    );
  const { k } = all.scores;
  const p = new Float64Array(n * k);
  keep.forEach((i, r) => p.set(all.scores.p.subarray(i * k, i * k + k), r * k));
  const features: Record<string, Float64Array> = {};
  for (const [name, v] of Object.entries(all.features ?? {}))
    features[name] = Float64Array.from(keep, (i) => v[i]!);
  return {
    window: {
      scores: { n, k, p },
      predicted: Int32Array.from(keep, (i) => all.predicted[i]!),
      labels: Int32Array.from(labels),
      ...(all.features ? { features } : {}),
    },
    unlabelled: all.scores.n - n,
  };
}
