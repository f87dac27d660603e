/**
 * The number of correct predictions in a window, when each row i is right with probability c_i
 * independently (calibrated scores), follows a Poisson-binomial distribution; its quantiles
 * bound the realized accuracy exactly (Kivimäki, Białek, Nurminen, Kuberski 2024,
 * arXiv 2407.08649, "Confidence-based estimators for predictive performance in model
 * monitoring"). The distribution is built by the standard recursion over rows, keeping only
 * the span of counts whose probability is above 1e-20: what is dropped, at most n·(n+1)·1e-20
 * in all, cannot move a quantile.
 */
const TINY = 1e-20;

/** [lower, upper] counts with P(X < lower) ≤ α/2 and P(X > upper) ≤ α/2. */
export function poissonBinomialInterval(c: ArrayLike<number>, level: number): [number, number] {
  const n = c.length;
  let pmf = new Float64Array(n + 1);
  let next = new Float64Array(n + 1);
  pmf[0] = 1;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const q = Math.min(1, Math.max(0, c[i]!));
    next.fill(0, lo, hi + 2);
    for (let j = lo; j <= hi; j++) {
      const v = pmf[j]!;
      next[j]! += v * (1 - q);
      next[j + 1]! += v * q;
    }
    [pmf, next] = [next, pmf];
    hi++;
    while (lo < hi && pmf[lo]! < TINY) lo++;
    while (hi > lo && pmf[hi]! < TINY) hi--;
  }
  const tail = (1 - level) / 2;
  let acc = 0;
  let lower = lo;
  for (let j = lo; j <= hi; j++) {
    acc += pmf[j]!;
    if (acc > tail) {
      lower = j;
      break;
    }
  }
  acc = 0;
  let upper = hi;
  for (let j = hi; j >= lo; j--) {
    acc += pmf[j]!;
    if (acc > tail) {
      upper = j;
      break;
    }
  }
  return [lower, upper];
}
