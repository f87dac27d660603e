import { kstwoSf } from './kolmogorov.js';

/** Sample sizes up to which the p-value is exact, as scipy's ks_2samp(method='auto'). */
export const KS_MAX_EXACT_N = 10_000;

export interface KsResult {
  /** sup |F_ref − F_cur|; in exact mode the correctly rounded h/lcm, as scipy returns it. */
  statistic: number;
  pvalue: number;
  /** +1 when the reference CDF is above the current one at the supremum (current shifted up). */
  sign: 1 | -1;
  method: 'exact' | 'asymp';
}

/**
 * D⁺ = max(F_a − F_b) and D⁻ = max(F_b − F_a) over the pooled sorted samples, ECDFs taken
 * "right" (all ties included), computed as i/n1 − j/n2 like scipy so D agrees bit for bit.
 */
export function ksExtremes(a: Float64Array, b: Float64Array): { maxS: number; minS: number } {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let max = -Infinity;
  let min = Infinity;
  while (i < n1 || j < n2) {
    const v =
      j >= n2 || (i < n1 && (a[i] as number) <= (b[j] as number))
        ? (a[i] as number)
        : (b[j] as number);
    while (i < n1 && a[i] === v) i++;
    while (j < n2 && b[j] === v) j++;
    const diff = i / n1 - j / n2;
    if (diff > max) max = diff;
    if (diff < min) min = diff;
  }
  return { maxS: max, minS: Math.min(Math.max(-min, 0), 1) };
}

/** Two-sample two-sided Kolmogorov–Smirnov test on ascending-sorted samples (scipy ks_2samp, method auto). */
export function ks2samp(
  a: Float64Array,
  b: Float64Array,
  method: 'auto' | 'exact' | 'asymp' = 'auto',
): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ks2samp: both samples must be non-empty');
  return ksFromExtremes(ksExtremes(a, b), n1, n2, method);
}

export function ksFromExtremes(
  { maxS, minS }: { maxS: number; minS: number },
  n1: number,
  n2: number,
  method: 'auto' | 'exact' | 'asymp' = 'auto',
): KsResult {
  let d = minS > maxS ? minS : maxS;
  const sign: 1 | -1 = minS > maxS ? -1 : 1;
  let mode = method === 'auto' ? (Math.max(n1, n2) <= KS_MAX_EXACT_N ? 'exact' : 'asymp') : method;
  const g = gcd(n1, n2);
  if (mode === 'exact' && n1 / g >= 2147483647 / (n2 / g)) mode = 'asymp';
  if (mode === 'exact') {
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pvalue: 1, sign, method: 'exact' };
    const p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
    if (p >= 0 && p <= 1) return { statistic: d, pvalue: p, sign, method: 'exact' };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  const p = kstwoSf(roundHalfEven(en), d);
  return { statistic: d, pvalue: Math.min(Math.max(p, 0), 1), sign, method: 'asymp' };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** numpy's round: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Pr(D_{n,n} ≥ h/n), Horner-like form without cancellation (scipy _compute_prob_outside_square). */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * Share of lattice paths from (0,0) to (m,n) leaving the band |x/m − y/n| < h/lcm, computed
 * as 1 − p directly (Viehmann's recursion; scipy _compute_outer_prob_inside_method).
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 >= n0 ? [m0, n0] : [n0, m0];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = ((A[jj + minj - lastminj] as number) * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1] as number;
}
