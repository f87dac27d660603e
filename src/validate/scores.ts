import { UserError } from '../errors.js';
import { accuracy, confusionMatrix, perClass, prf } from '../performance/classification.js';
import { mae, mse, r2 as r2Score, rmse } from '../performance/regression.js';

/**
 * Metrics recomputed from per-example predictions, over all rows or over a resample of row
 * indices (the bootstrap). Labels arrive as integer codes, regression values as numbers.
 */
export interface ScoreKernel {
  name: ScoreName;
  /** labels: predicted classes compared for equality; numeric: regression values. */
  kind: 'labels' | 'numeric';
  direction: 'higher' | 'lower';
  /** The metric over rows `idx` (every row when idx is omitted). */
  score(yTrue: Float64Array, pred: Float64Array, idx?: Uint32Array): number;
  /** Per-example term when the metric is the mean of one: lets the bootstrap work on differences. */
  pointwise?: (truth: number, pred: number) => number;
}

export const scoreNames = [
  'accuracy',
  'error_rate',
  'f1_macro',
  'mae',
  'mse',
  'rmse',
  'r2',
] as const;
export type ScoreName = (typeof scoreNames)[number];

/** Common spellings of the same metrics in notebooks (sklearn names, short forms). */
const aliases: Record<string, ScoreName> = {
  acc: 'accuracy',
  accuracy_score: 'accuracy',
  error: 'error_rate',
  misclassification_rate: 'error_rate',
  macro_f1: 'f1_macro',
  f1_score_macro: 'f1_macro',
  mean_absolute_error: 'mae',
  mean_squared_error: 'mse',
  root_mean_squared_error: 'rmse',
  r2_score: 'r2',
};

/** Resolves a metric name to a kernel, or null when it has no per-example form here. */
export function scoreKernel(name: string): ScoreKernel | null {
  const key = name.toLowerCase();
  const canonical = (scoreNames as readonly string[]).includes(key)
    ? (key as ScoreName)
    : aliases[key];
  return canonical ? kernels[canonical] : null;
}

/** Like scoreKernel, but a missing kernel is the user's to fix (which field, which names work). */
export function requireScoreKernel(name: string, field: string): ScoreKernel {
  const k = scoreKernel(name);
  if (!k) {
    throw new UserError(
      `${field}: "${name}" cannot be recomputed from per-example predictions; ` +
        `set validate.significance.metric to one of ${scoreNames.join(', ')}`,
    );
  }
  return k;
}

function meanOf(
  term: (t: number, p: number) => number,
): (y: Float64Array, p: Float64Array, idx?: Uint32Array) => number {
  return (y, p, idx) => {
    let s = 0;
    if (idx) {
      for (let j = 0; j < idx.length; j++) {
        const i = idx[j] as number;
        s += term(y[i] as number, p[i] as number);
      }
      return s / idx.length;
    }
    for (let i = 0; i < y.length; i++) s += term(y[i] as number, p[i] as number);
    return s / y.length;
  };
}

const hit = (t: number, p: number): number => (t === p ? 1 : 0);
const miss = (t: number, p: number): number => (t === p ? 0 : 1);
const absErr = (t: number, p: number): number => Math.abs(t - p);
const sqErr = (t: number, p: number): number => (t - p) * (t - p);

/**
 * The labels' confusion statistics from the one implementation in performance/ (codes are
 * 0..k-1, k taken from the data), so "accuracy" and "f1_macro" mean the same in the gate and here.
 */
function statsOf(y: Float64Array, p: Float64Array, idx?: Uint32Array) {
  let k = 0;
  for (let i = 0; i < y.length; i++) k = Math.max(k, (y[i] as number) + 1, (p[i] as number) + 1);
  return perClass(confusionMatrix({ classes: { length: k }, truth: y, pred: p }, idx), k);
}

/** accuracy_score (performance/classification.ts). */
function accuracyScore(y: Float64Array, p: Float64Array, idx?: Uint32Array): number {
  return accuracy(statsOf(y, p, idx)) ?? NaN;
}

/** f1_score(average='macro'), zero_division=0 (performance/classification.ts). */
function f1Macro(y: Float64Array, p: Float64Array, idx?: Uint32Array): number {
  return prf('f1', 'macro', statsOf(y, p, idx), 0) ?? 0;
}

/** r2_score (performance/regression.ts); NaN below two rows. */
function r2(y: Float64Array, p: Float64Array, idx?: Uint32Array): number {
  return r2Score(y, p, idx) ?? NaN;
}

const meanSqErr = (y: Float64Array, p: Float64Array, idx?: Uint32Array): number =>
  mse(y, p, idx) ?? NaN;

const kernels: Record<ScoreName, ScoreKernel> = {
  accuracy: {
    name: 'accuracy',
    kind: 'labels',
    direction: 'higher',
    score: accuracyScore,
    pointwise: hit,
  },
  error_rate: {
    name: 'error_rate',
    kind: 'labels',
    direction: 'lower',
    score: meanOf(miss),
    pointwise: miss,
  },
  f1_macro: { name: 'f1_macro', kind: 'labels', direction: 'higher', score: f1Macro },
  mae: {
    name: 'mae',
    kind: 'numeric',
    direction: 'lower',
    score: (y, p, idx) => mae(y, p, idx) ?? NaN,
    pointwise: absErr,
  },
  mse: { name: 'mse', kind: 'numeric', direction: 'lower', score: meanSqErr, pointwise: sqErr },
  rmse: {
    name: 'rmse',
    kind: 'numeric',
    direction: 'lower',
    score: (y, p, idx) => rmse(y, p, idx) ?? NaN,
  },
  r2: { name: 'r2', kind: 'numeric', direction: 'higher', score: r2 },
};
