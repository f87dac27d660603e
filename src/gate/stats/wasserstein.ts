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
  if (n1 === 0 || n2 === 0) return { maxS: NaN, minS: NaN, w1: NaN };
  let i = 0;
  let j = 0;
  let max = -Infinity;
  let min = Infinity;
  // The area term for [v_prev, v) uses the CDF gap after v_prev, so it is added when the next
  // distinct value arrives: no look-ahead. Terms go into blocks of 1024 (plain sums) that are
  // added with Neumaier compensation: cheap, and far below the 1e-9 we promise.
  let prevV = 0;
  let prevGap = 0;
  let first = true;
  let block = 0;
  let inBlock = 0;
  let sum = 0;
  let comp = 0;
  while (i < n1 || j < n2) {
    let v: number;
    const x = i < n1 ? (a[i] as number) : Infinity;
    const y = j < n2 ? (b[j] as number) : Infinity;
    if (x < y) {
      v = x;
      i++;
      while (i < n1 && a[i] === v) i++;
    } else if (y < x) {
      v = y;
      j++;
      while (j < n2 && b[j] === v) j++;
    } else {
      v = x;
      i++;
      j++;
      while (i < n1 && a[i] === v) i++;
      while (j < n2 && b[j] === v) j++;
    }
    if (!first) {
      block += prevGap * (v - prevV);
      if (++inBlock === 1024) {
        const t = sum + block;
        comp += Math.abs(sum) >= Math.abs(block) ? sum - t + block : block - t + sum;
        sum = t;
        block = 0;
        inBlock = 0;
      }
    }
    first = false;
    // i/n1 − j/n2 exactly as scipy computes it (two divisions), so D matches bit for bit.
    const diff = i / n1 - j / n2;
    if (diff > max) max = diff;
    if (diff < min) min = diff;
    prevV = v;
    prevGap = diff < 0 ? -diff : diff;
  }
  const t = sum + block;
  comp += Math.abs(sum) >= Math.abs(block) ? sum - t + block : block - t + sum;
  return { maxS: max, minS: Math.min(Math.max(-min, 0), 1), w1: t + comp };
}

export function wasserstein1(a: Float64Array, b: Float64Array): number {
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
