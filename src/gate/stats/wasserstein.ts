/**
 * Wasserstein-1 between two ascending-sorted samples: ∫|F_a − F_b| dx over the pooled values,
 * the integral scipy.stats.wasserstein_distance evaluates, walked in one merge pass (no pooled
 * copy, no argsort). The same pass yields the KS extremes, so a check set sorts each side once.
 */
export interface SortedComparison {
  /** max(F_a − F_b) over the pooled values. */
  maxS: number;
  /** max(F_b − F_a), clipped to [0, 1] (scipy's minS). */
  minS: number;
  /** Wasserstein-1 distance. */
  w1: number;
}

export function compareSorted(a: Float64Array, b: Float64Array): SortedComparison {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let max = -Infinity;
  let min = Infinity;
  // Neumaier-compensated sum: the integral adds up to ~2n small terms.
  let sum = 0;
  let comp = 0;
  let ai = n1 > 0 ? (a[0] as number) : Infinity;
  let bj = n2 > 0 ? (b[0] as number) : Infinity;
  while (i < n1 || j < n2) {
    const v = ai <= bj ? ai : bj;
    while (ai === v) ai = ++i < n1 ? (a[i] as number) : Infinity;
    while (bj === v) bj = ++j < n2 ? (b[j] as number) : Infinity;
    const diff = i / n1 - j / n2;
    if (diff > max) max = diff;
    if (diff < min) min = diff;
    const next = ai <= bj ? ai : bj;
    if (next !== Infinity) {
      const term = Math.abs(diff) * (next - v);
      const t = sum + term;
      comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
      sum = t;
    }
  }
  return { maxS: max, minS: Math.min(Math.max(-min, 0), 1), w1: sum + comp };
}

export function wasserstein1(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0) return NaN;
  return compareSorted(a, b).w1;
}

/** Population standard deviation (ddof 0), two-pass with compensation. */
export function stdPopulation(x: Float64Array): number {
  const n = x.length;
  if (n === 0) return NaN;
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  const mean = (s + c) / n;
  let q = 0;
  let qc = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - mean;
    const v = d * d;
    const t = q + v;
    qc += q >= v ? q - t + v : v - t + q;
    q = t;
  }
  return Math.sqrt((q + qc) / n);
}

/** Evidently's normalisation: W1 / max(std_ref, 0.001), so a constant reference cannot divide by 0. */
export function normedWasserstein(w1: number, refStd: number): number {
  return w1 / Math.max(refStd, 0.001);
}
