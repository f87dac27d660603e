import { lowerBound } from './stats/bins.js';
import { medianSorted } from './stats/levene.js';

/**
 * The `scale` statistic of a window drawn from the reference against the rest of it, without
 * copying the rest: ln(d_draw / d_rest) with d the mean absolute deviation from the median
 * (signed: the auto band is symmetric around the draws' mean).
 */

/** Prefix sums of an ascending array, centred on its first value for precision: P[i] = Σ_{<i}. */
export function prefixSums(sorted: Float64Array): Float64Array {
  const out = new Float64Array(sorted.length + 1);
  const c = sorted.length ? (sorted[0] as number) : 0;
  for (let i = 0; i < sorted.length; i++)
    out[i + 1] = (out[i] as number) + ((sorted[i] as number) - c);
  return out;
}

/** Σ |x − m| over an ascending array, from its prefix sums. */
function absDevSum(sorted: Float64Array, prefix: Float64Array, m: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const c = sorted[0] as number;
  const k = lowerBound(sorted, m);
  const below = prefix[k] as number;
  const above = (prefix[n] as number) - below;
  const mc = m - c;
  return mc * k - below + (above - mc * (n - k));
}

/** The median of `whole` minus the sub-multiset `draw` (both ascending), by one merge walk. */
export function restMedian(whole: Float64Array, draw: Float64Array): number {
  const n = whole.length - draw.length;
  if (n <= 0) return NaN;
  const lo = (n - 1) >> 1;
  const hi = n >> 1;
  let rank = 0;
  let j = 0;
  let low = NaN;
  for (let i = 0; i < whole.length; i++) {
    const v = whole[i] as number;
    if (j < draw.length && draw[j] === v) {
      j++;
      continue;
    }
    if (rank === lo) low = v;
    if (rank === hi) return (low + v) / 2;
    rank++;
  }
  return NaN;
}

/** ln(d_draw / d_rest); 0 when both spreads are equal (constant windows included). */
export function scaleDraw(whole: Float64Array, draw: Float64Array, prefix: Float64Array): number {
  const n1 = draw.length;
  const n2 = whole.length - n1;
  const mDraw = medianSorted(draw);
  const mRest = restMedian(whole, draw);
  let sDraw = 0;
  let sDrawAtRest = 0;
  for (let i = 0; i < n1; i++) {
    const v = draw[i] as number;
    sDraw += Math.abs(v - mDraw);
    sDrawAtRest += Math.abs(v - mRest);
  }
  const dDraw = sDraw / n1;
  const dRest = Math.max(absDevSum(whole, prefix, mRest) - sDrawAtRest, 0) / n2;
  return dDraw === dRest ? 0 : Math.log(dDraw / dRest);
}
