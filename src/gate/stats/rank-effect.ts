import { medianSorted } from './levene.js';

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
  // One merge walk over both sorted sides: x's rank sum (mid-ranks for ties) and the tie term.
  let i = 0;
  let j = 0;
  let rank = 0;
  let rx = 0;
  let ties = 0;
  while (i < n || j < m) {
    const v = Math.min(i < n ? (x[i] as number) : Infinity, j < m ? (y[j] as number) : Infinity);
    let a = 0;
    let b = 0;
    while (i + a < n && x[i + a] === v) a++;
    while (j + b < m && y[j + b] === v) b++;
    i += a;
    j += b;
    const t = a + b;
    rx += a * (rank + (t + 1) / 2);
    rank += t;
    if (t > 1) ties += t ** 3 - t;
  }
  const total = n + m;
  const u = rx - (n * (n + 1)) / 2;
  const variance = (total + 1 - ties / (total * (total - 1))) / (12 * n * m);
  return { auc: u / (n * m), variance };
}

/** |v − median| of a sorted array, sorted. */
export function absDeviationsSorted(x: Float64Array): Float64Array {
  const med = medianSorted(x);
  return x.map((v) => Math.abs(v - med)).sort();
}
