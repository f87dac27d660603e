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
  if (a.length === 0 || b.length === 0) return { maxS: NaN, minS: NaN, w1: NaN };
  const r = new Float64Array(3);
  if (a.length * b.length <= Number.MAX_SAFE_INTEGER) mergeWalk(a, b, r);
  else mergeWalkDivided(a, b, r);
  return { maxS: r[0] as number, minS: r[1] as number, w1: r[2] as number };
}

/** Steps of the walk summed plainly before a compensated add: cheap, far below 1e-9. */
const BLOCK = 1024;

/**
 * One step per value. The CDF gap is kept as the integer d = i·n2 − j·n1 (exact while
 * n1·n2 < 2^53), so a step is an add, not two divisions; D is computed once, at the extreme,
 * as i/n1 − j/n2 the way scipy computes it (so it matches bit for bit: where the extreme is
 * reached at several places, the one whose rounded value is largest is kept). A gap is an
 * extreme candidate only once a distinct value is complete (the next value is larger), so ties
 * within or across the samples never count half-way. The area term for [v_prev, v) uses the
 * gap after v_prev and is zero between equal values, so ties need no look-ahead either.
 *
 * The results go into `out` rather than an object literal: a gate evaluates once per job, so
 * this loop is compiled while it runs, and the literal's property stores (which never gather
 * type feedback) threw the compiled walk away at its end.
 */
function mergeWalk(a: Float64Array, b: Float64Array, out: Float64Array): void {
  const n1 = a.length;
  const n2 = b.length;
  // the state: [i, j, d, prev, hi, hiI, hiJ, lo, loI, loJ], in one array the loops share
  const st = Float64Array.of(0, 0, 0, Math.min(a[0] as number, b[0] as number), 0, 0, 0, 0, 0, 0);
  let sum = 0;
  let comp = 0;
  for (;;) {
    const steps = Math.min(n1 - (st[0] as number), n2 - (st[1] as number), BLOCK);
    if (steps <= 0) break;
    const block = walkBlock(a, b, st, steps, n1, n2);
    const t = sum + block;
    comp += Math.abs(sum) >= Math.abs(block) ? sum - t + block : block - t + sum;
    sum = t;
  }
  // one side is used up: the rest of the other side, one value per step
  const block = (st[0] as number) < n1 ? walkTail(a, st, n1, n2, 1) : walkTail(b, st, n2, n1, -1);
  const t = sum + block;
  comp += Math.abs(sum) >= Math.abs(block) ? sum - t + block : block - t + sum;
  out[0] = (st[5] as number) / n1 - (st[6] as number) / n2;
  out[1] = Math.min(Math.max(-((st[8] as number) / n1 - (st[9] as number) / n2), 0), 1);
  out[2] = (t + comp) / n1 / n2;
}

/** `steps` values of the merge (neither side runs out within them); returns their area. */
function walkBlock(
  a: Float64Array,
  b: Float64Array,
  st: Float64Array,
  steps: number,
  n1: number,
  n2: number,
): number {
  let i = st[0] as number;
  let j = st[1] as number;
  let d = st[2] as number;
  let prev = st[3] as number;
  let area = 0;
  for (let s = 0; s < steps; s++) {
    const x = a[i] as number;
    const y = b[j] as number;
    const v = x <= y ? x : y;
    if (v > prev) extreme(st, d, i, j, n1, n2);
    area += Math.abs(d) * (v - prev);
    prev = v;
    if (x <= y) {
      i++;
      d += n2;
    } else {
      j++;
      d -= n1;
    }
  }
  st[0] = i;
  st[1] = j;
  st[2] = d;
  st[3] = prev;
  return area;
}

/** The rest of one side (`sign` 1: a's values raise d by n2; −1: b's lower it by n1). */
function walkTail(
  x: Float64Array,
  st: Float64Array,
  n: number,
  nOther: number,
  sign: number,
): number {
  let k = sign > 0 ? (st[0] as number) : (st[1] as number);
  let d = st[2] as number;
  let prev = st[3] as number;
  let area = 0;
  for (; k < n; k++) {
    const v = x[k] as number;
    if (v > prev) {
      if (sign > 0) extreme(st, d, k, st[1] as number, n, nOther);
      else extreme(st, d, st[0] as number, k, nOther, n);
    }
    area += Math.abs(d) * (v - prev);
    prev = v;
    d += sign * nOther;
  }
  // the last value ends with d = 0, which the extremes start from
  return area;
}

/**
 * Records d (reached after i of a and j of b) in st[4..9] = [hi, hiI, hiJ, lo, loI, loJ] when
 * it is a new extreme, or ties one with a larger (smaller) rounded i/n1 − j/n2.
 */
export function extreme(
  st: Float64Array,
  d: number,
  i: number,
  j: number,
  n1: number,
  n2: number,
): void {
  const hi = st[4] as number;
  if (d > hi || (d === hi && i / n1 - j / n2 > (st[5] as number) / n1 - (st[6] as number) / n2)) {
    st[4] = d;
    st[5] = i;
    st[6] = j;
  }
  const lo = st[7] as number;
  if (d < lo || (d === lo && i / n1 - j / n2 < (st[8] as number) / n1 - (st[9] as number) / n2)) {
    st[7] = d;
    st[8] = i;
    st[9] = j;
  }
}

/**
 * The walk with the gap as two divisions per step, for windows whose n1·n2 passes 2^53 (over
 * about 9·10^7 values each), where the integer gap would not be exact.
 */
function mergeWalkDivided(a: Float64Array, b: Float64Array, out: Float64Array): void {
  const n1 = a.length;
  const n2 = b.length;
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
    // three cases rather than one path with two tie loops: each tie loop's exit is then
    // predictable, which on real (interleaved) data makes the walk about 4× faster
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
  out[0] = max;
  out[1] = Math.min(Math.max(-min, 0), 1);
  out[2] = t + comp;
}

export function wasserstein1(a: Float64Array, b: Float64Array): number {
  return compareSorted(a, b).w1;
}

/**
 * Population standard deviation (ddof 0), two-pass with compensation; `sum` is Σx when the
 * caller has it already (the window's mean shares it).
 */
export function stdPopulation(x: Float64Array, sum?: number): number {
  const n = x.length;
  if (n === 0) return NaN;
  // one loop per function: each is compiled on its own while it runs, and neither leaves
  // compiled code for a second loop it has not seen run yet
  return Math.sqrt(squaredDeviations(x, (sum ?? compensatedSum(x)) / n) / n);
}

/** Σx with Neumaier compensation. */
export function compensatedSum(x: Float64Array): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** Σ(x − mean)² with compensation (terms are ≥ 0). */
function squaredDeviations(x: Float64Array, mean: number): number {
  let q = 0;
  let qc = 0;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] as number) - mean;
    const v = d * d;
    const t = q + v;
    qc += q >= v ? q - t + v : v - t + q;
    q = t;
  }
  return q + qc;
}

/** Evidently's normalisation: W1 / max(std_ref, 0.001), so a constant reference cannot divide by 0. */
export function normedWasserstein(w1: number, refStd: number): number {
  return w1 / Math.max(refStd, 0.001);
}
