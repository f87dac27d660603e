/** Regression metrics: mean_absolute_error, root_mean_squared_error, mean_absolute_percentage_error, r2_score. */
import { EPS } from './probability.js';

type Term = (t: number, p: number) => number;

function meanOf(term: Term, y: Float64Array, p: Float64Array, idx?: Uint32Array): number | null {
  const n = idx ? idx.length : y.length;
  if (n === 0) return null;
  let s = 0;
  if (idx) for (let j = 0; j < n; j++) s += term(y[idx[j]!]!, p[idx[j]!]!);
  else for (let i = 0; i < n; i++) s += term(y[i]!, p[i]!);
  return s / n;
}

export const absErr: Term = (t, p) => Math.abs(t - p);
export const sqErr: Term = (t, p) => (t - p) * (t - p);
/** scikit-learn divides by max(|y|, eps): a zero truth makes a huge, not an infinite, term. */
export const pctErr: Term = (t, p) => Math.abs(t - p) / Math.max(Math.abs(t), EPS);

export const mae = (y: Float64Array, p: Float64Array, idx?: Uint32Array) =>
  meanOf(absErr, y, p, idx);
export const mape = (y: Float64Array, p: Float64Array, idx?: Uint32Array) =>
  meanOf(pctErr, y, p, idx);
export function rmse(y: Float64Array, p: Float64Array, idx?: Uint32Array): number | null {
  const m = meanOf(sqErr, y, p, idx);
  return m === null ? null : Math.sqrt(m);
}

/**
 * r2_score with force_finite=True: a constant truth gives 1 when predicted exactly, else 0.
 * Null below two rows (scikit-learn returns NaN there).
 */
export function r2(y: Float64Array, p: Float64Array, idx?: Uint32Array): number | null {
  const n = idx ? idx.length : y.length;
  if (n < 2) return null;
  const at = (j: number): number => (idx ? idx[j]! : j);
  let mean = 0;
  for (let j = 0; j < n; j++) mean += y[at(j)]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let j = 0; j < n; j++) {
    const i = at(j);
    const t = y[i]!;
    ssRes += (t - p[i]!) ** 2;
    ssTot += (t - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** Whether the truth is constant over the rows (r2's convention applies then). */
export function constantTruth(y: Float64Array): boolean {
  for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) return false;
  return true;
}
