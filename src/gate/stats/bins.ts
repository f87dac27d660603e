import { quantileEdges } from './quantile.js';

/** Floor for empty-bin proportions in PSI, without renormalisation (drift.md §5). */
export const PSI_EPS = 1e-4;

/** Number of values < edge in an ascending array (binary search). */
export function lowerBound(sorted: Float64Array, edge: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < edge) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Counts per bin (-inf, e1), [e1, e2), …, [e_{k-1}, +inf): a value equal to an edge goes to
 * the upper bin (numpy searchsorted side='right'). On a sorted array this is k binary searches.
 */
export function binCountsSorted(sorted: Float64Array, edges: Float64Array): Float64Array {
  const k = edges.length + 1;
  const counts = new Float64Array(k);
  let prev = 0;
  for (let i = 0; i < edges.length; i++) {
    const below = lowerBound(sorted, edges[i] as number);
    counts[i] = below - prev;
    prev = below;
  }
  counts[k - 1] = sorted.length - prev;
  return counts;
}

export interface Binned {
  /** Interior edges, frozen from the reference: storable as a small JSON artefact. */
  edges: Float64Array;
  ref: Float64Array;
  cur: Float64Array;
}

/** Reference-quantile bins (type-7 quantiles at i/bins) applied to both sorted samples. */
export function quantileBins(ref: Float64Array, cur: Float64Array, bins: number): Binned {
  const edges = quantileEdges(ref, bins);
  return { edges, ref: binCountsSorted(ref, edges), cur: binCountsSorted(cur, edges) };
}

/** Population stability index Σ (c − r)·ln(c / r) on proportions floored at PSI_EPS. */
export function psi(refCounts: Float64Array, curCounts: Float64Array): number {
  const nr = total(refCounts);
  const nc = total(curCounts);
  let s = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const r = Math.max((refCounts[i] as number) / nr, PSI_EPS);
    const c = Math.max((curCounts[i] as number) / nc, PSI_EPS);
    s += (c - r) * Math.log(c / r);
  }
  return s;
}

/**
 * Jensen–Shannon distance of two count vectors in nats, as scipy.spatial.distance.jensenshannon
 * (normalises each vector; 0·log 0 = 0). Divide by √ln 2 for the base-2 value in [0, 1].
 */
export function jensenShannon(p: Float64Array, q: Float64Array): number {
  const np = total(p);
  const nq = total(q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = (p[i] as number) / np;
    const qi = (q[i] as number) / nq;
    const m = (pi + qi) / 2;
    if (pi > 0) left += pi * Math.log(pi / m);
    if (qi > 0) right += qi * Math.log(qi / m);
  }
  return Math.sqrt(Math.max(left + right, 0) / 2);
}

export const LN2_SQRT = Math.sqrt(Math.LN2);

function total(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  return s;
}
