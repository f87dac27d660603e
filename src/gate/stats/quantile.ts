/**
 * Quantiles of an ascending-sorted Float64Array, numpy's default method ("linear",
 * Hyndman–Fan type 7), including numpy's two-sided lerp so results agree to the last bit.
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const vi = (n - 1) * q;
  if (vi >= n - 1) return sorted[n - 1] as number;
  if (vi <= 0) return sorted[0] as number;
  const lo = Math.floor(vi);
  return lerp(sorted[lo] as number, sorted[lo + 1] as number, vi - lo);
}

/** numpy's _lerp: interpolates from the nearer end so t = 1 returns b exactly. */
export function lerp(a: number, b: number, t: number): number {
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** The probabilities of the interior cut points, i/bins (i = 1..bins-1), each computed as i/bins (not by accumulating 1/bins). */
export function edgeProbabilities(bins: number): number[] {
  return Array.from({ length: bins - 1 }, (_, i) => (i + 1) / bins);
}

/** Interior cut points at probabilities edgeProbabilities(bins). */
export function quantileEdges(sortedRef: Float64Array, bins: number): Float64Array {
  return Float64Array.from(edgeProbabilities(bins), (q) => quantileSorted(sortedRef, q));
}
