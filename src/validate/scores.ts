import { UserError } from '../errors.js';

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

/** Macro F1 as scikit-learn computes it: mean over labels seen in y_true or y_pred, 0 where undefined. */
function f1Macro(y: Float64Array, p: Float64Array, idx?: Uint32Array): number {
  let k = 0;
  for (let i = 0; i < y.length; i++) k = Math.max(k, (y[i] as number) + 1, (p[i] as number) + 1);
  const tp = new Float64Array(k);
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  const add = (i: number): void => {
    const t = y[i] as number;
    const q = p[i] as number;
    if (t === q) tp[t]++;
    else {
      fp[q]++;
      fn[t]++;
    }
  };
  if (idx) for (let j = 0; j < idx.length; j++) add(idx[j] as number);
  else for (let i = 0; i < y.length; i++) add(i);
  let sum = 0;
  let labels = 0;
  for (let c = 0; c < k; c++) {
    const denom = 2 * (tp[c] as number) + (fp[c] as number) + (fn[c] as number);
    if (denom === 0) continue;
    labels++;
    sum += (2 * (tp[c] as number)) / denom;
  }
  return labels === 0 ? 0 : sum / labels;
}

function r2(y: Float64Array, p: Float64Array, idx?: Uint32Array): number {
  const n = idx ? idx.length : y.length;
  const at = (j: number): number => (idx ? (idx[j] as number) : j);
  let mean = 0;
  for (let j = 0; j < n; j++) mean += y[at(j)] as number;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let j = 0; j < n; j++) {
    const i = at(j);
    const t = y[i] as number;
    ssRes += (t - (p[i] as number)) ** 2;
    ssTot += (t - mean) ** 2;
  }
  // scikit-learn's convention for a constant target: 1 when perfect, else 0.
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

const meanSqErr = meanOf(sqErr);

const kernels: Record<ScoreName, ScoreKernel> = {
  accuracy: {
    name: 'accuracy',
    kind: 'labels',
    direction: 'higher',
    score: meanOf(hit),
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
    score: meanOf(absErr),
    pointwise: absErr,
  },
  mse: { name: 'mse', kind: 'numeric', direction: 'lower', score: meanSqErr, pointwise: sqErr },
  rmse: {
    name: 'rmse',
    kind: 'numeric',
    direction: 'lower',
    score: (y, p, idx) => Math.sqrt(meanSqErr(y, p, idx)),
  },
  r2: { name: 'r2', kind: 'numeric', direction: 'higher', score: r2 },
};
