import { psi } from './bins.js';
import { lerp } from './quantile.js';
import { selectInPlace } from './select.js';

/** Finite values of `values` in a new array (NaN and ±Inf dropped). */
export function finiteCopy(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  if (n === values.length) return values.slice();
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out[k++] = v;
  }
  return out;
}

/** Type-7 reference quantile edges at i/bins by selection, no full sort (numpy's method). */
export function quantileEdgesUnsorted(finite: Float64Array, bins: number): Float64Array {
  const n = finite.length;
  const targets: number[] = [];
  const at: { lo: number; g: number }[] = [];
  for (let i = 1; i < bins; i++) {
    const vi = (n - 1) * (i / bins);
    const lo = Math.min(Math.floor(vi), n - 1);
    at.push({ lo, g: vi - lo });
    targets.push(lo, Math.min(lo + 1, n - 1));
  }
  selectInPlace(finite, targets);
  return Float64Array.from(at, ({ lo, g }) =>
    lo >= n - 1
      ? (finite[n - 1] as number)
      : lerp(finite[lo] as number, finite[lo + 1] as number, g),
  );
}

/** Counts per bin [e_{i-1}, e_i) (searchsorted right) of the finite values, one pass. */
export function binCountsUnsorted(values: Float64Array, edges: Float64Array): Float64Array {
  const k = edges.length;
  const counts = new Float64Array(k + 1);
  if (k <= 16) {
    // Few edges: count the edges ≤ v without branches; a binary search mispredicts on every level.
    const e = Array.from(edges);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (v - v !== 0) continue; // NaN or ±Inf
      let bin = 0;
      for (let j = 0; j < k; j++) bin += +((e[j] as number) <= v);
      counts[bin] = (counts[bin] as number) + 1;
    }
    return counts;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((edges[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    counts[lo] = (counts[lo] as number) + 1;
  }
  return counts;
}

/** PSI on reference-quantile bins straight from raw windows, for when nothing else needs a sort. */
export function psiRaw(ref: Float64Array, cur: Float64Array, bins = 10): number {
  const finite = finiteCopy(ref);
  const edges = quantileEdgesUnsorted(finite, bins);
  return psi(binCountsUnsorted(finite, edges), binCountsUnsorted(cur, edges));
}
