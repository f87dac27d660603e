/**
 * Isotonic regression by pool-adjacent-violators (PAV), increasing, as scikit-learn's
 * `IsotonicRegression(out_of_bounds='clip')` fits and predicts it (sklearn/isotonic.py): equal
 * x are merged into their weighted mean first, the fitted steps are joined by straight lines,
 * and x outside the fitted range takes the value at the nearest end. NannyML calibrates CBPE's
 * scores with exactly this estimator (docs/how_it_works/performance_estimation.rst, appendix).
 */

export interface IsotonicFit {
  /** Increasing knots x and their fitted values (non-decreasing). */
  x: Float64Array;
  y: Float64Array;
}

/** scikit-learn merges x closer than float64's resolution (`_make_unique`). */
const EPS = 1e-15;

export function fitIsotonic(x: ArrayLike<number>, y: ArrayLike<number>): IsotonicFit {
  const order = Array.from({ length: x.length }, (_, i) => i).sort(
    (a, b) => x[a]! - x[b]! || y[a]! - y[b]!,
  );
  return fitIsotonicOrdered(x, y, order);
}

/** The same fit, given the rows in increasing x (any subset of a sorted order stays sorted). */
export function fitIsotonicOrdered(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  order: ArrayLike<number>,
): IsotonicFit {
  const n = order.length;
  if (n === 0) throw new Error('isotonic regression needs at least one point');
  // Unique x with the weighted mean of their y.
  const ux: number[] = [];
  const uy: number[] = [];
  const uw: number[] = [];
  let cx = x[order[0]!]!;
  let sy = 0;
  let sw = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    const xi = x[i]!;
    if (xi - cx >= EPS) {
      ux.push(cx);
      uy.push(sy / sw);
      uw.push(sw);
      cx = xi;
      sy = 0;
      sw = 0;
    }
    sy += y[i]!;
    sw += 1;
  }
  ux.push(cx);
  uy.push(sy / sw);
  uw.push(sw);
  const fitted = pav(uy, uw);
  // Keep the ends of each constant run: the line through them is the same function.
  const keepX: number[] = [];
  const keepY: number[] = [];
  const m = fitted.length;
  for (let i = 0; i < m; i++) {
    const keep =
      i === 0 || i === m - 1 || fitted[i] !== fitted[i - 1] || fitted[i] !== fitted[i + 1];
    if (keep) {
      keepX.push(ux[i]!);
      keepY.push(fitted[i]!);
    }
  }
  return { x: Float64Array.from(keepX), y: Float64Array.from(keepY) };
}

/** Weighted PAV: the non-decreasing sequence closest to y in weighted least squares. */
function pav(y: number[], w: number[]): Float64Array {
  const n = y.length;
  const val: number[] = [];
  const wt: number[] = [];
  const len: number[] = [];
  for (let i = 0; i < n; i++) {
    val.push(y[i]!);
    wt.push(w[i]!);
    len.push(1);
    while (val.length > 1 && val[val.length - 2]! > val[val.length - 1]!) {
      const v2 = val.pop()!;
      const w2 = wt.pop()!;
      const l2 = len.pop()!;
      const j = val.length - 1;
      const wsum = wt[j]! + w2;
      val[j] = (val[j]! * wt[j]! + v2 * w2) / wsum;
      wt[j] = wsum;
      len[j] = len[j]! + l2;
    }
  }
  const out = new Float64Array(n);
  let k = 0;
  for (let b = 0; b < val.length; b++) for (let l = 0; l < len[b]!; l++) out[k++] = val[b]!;
  return out;
}

/** Linear interpolation between knots, clipped to the fitted range (scipy's `interp1d`). */
export function predictIsotonic(fit: IsotonicFit, t: number): number {
  const { x, y } = fit;
  const m = x.length;
  if (t <= x[0]!) return y[0]!;
  if (t >= x[m - 1]!) return y[m - 1]!;
  let lo = 0;
  let hi = m - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= t) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo]!;
  const x1 = x[hi]!;
  const y0 = y[lo]!;
  const y1 = y[hi]!;
  // scipy's interp1d: slope first, then the offset from the left knot.
  return ((y1 - y0) / (x1 - x0)) * (t - x0) + y0;
}
