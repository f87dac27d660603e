import { medianSorted } from './levene.js';
import { walk } from './mann-whitney.js';

/**
 * Rank effects of one slice against the reference at its hours, for the heterogeneity test of
 * persistence: a few heavy-tailed outliers move a slice's mean and standard error a lot and its
 * ranks hardly at all, so a t(3) series does not look like a spike.
 *
 * Location: the Mann–Whitney probability P(X > Y) + ½P(X = Y) (the area under the ROC curve),
 * with its variance under "no difference", tie corrected,
 * ((N + 1) − Σ(t³ − t)/(N(N − 1))) / (12 n m) — U/(nm) and Var(U)/(nm)² of
 * scipy.stats.mannwhitneyu's asymptotic method. Spread: the same on the absolute deviations
 * from each side's own median (the Brown–Forsythe idea, in ranks).
 */

export interface RankEffect {
  /** P(X > Y) + ½P(X = Y) and its null variance. */
  auc: number;
  variance: number;
}

/** Mann–Whitney effect of `x` over `y` (both sorted ascending, finite). */
export function aucSorted(x: Float64Array, y: Float64Array): RankEffect | null {
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return null;
  // the same merge walk as the `location` check: U of x over y and the tie term
  const { u, ties } = walk({ values: y, cum: null }, { values: x, cum: null });
  const total = n + m;
  const variance = (total + 1 - ties / (total * (total - 1))) / (12 * n * m);
  return { auc: u / (n * m), variance };
}

/** |v − median| of a sorted array, sorted. */
export function absDeviationsSorted(x: Float64Array): Float64Array {
  const med = medianSorted(x);
  return x.map((v) => Math.abs(v - med)).sort();
}
