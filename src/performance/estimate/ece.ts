/**
 * Expected calibration error (Naeini et al. 2015; Guo et al. 2017) of one class's
 * probabilities: the row-weighted mean, over equal-width bins, of |share of the class in the
 * bin − mean probability in the bin|. Bins are scikit-learn's `calibration_curve(...,
 * strategy='uniform')` bins (a probability on an edge falls in the lower bin; empty bins are
 * skipped), so the per-bin values equal that function's.
 */
export const ECE_BINS = 10;

/** Bin of p among `bins` equal-width bins: the number of inner edges strictly below p. */
export function uniformBin(p: number, bins: number): number {
  let b = 0;
  while (b < bins - 1 && (b + 1) * (1 / bins) < p) b++;
  return b;
}

/** ECE of probabilities `p` of a class against indicators `y` (1 when the row is that class). */
export function expectedCalibrationError(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  bins = ECE_BINS,
): number {
  const n = p.length;
  if (n === 0) return 0;
  const cnt = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const b = uniformBin(p[i]!, bins);
    cnt[b]!++;
    sumP[b]! += p[i]!;
    sumY[b]! += y[i]!;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const c = cnt[b]!;
    if (c > 0) ece += (c / n) * Math.abs(sumY[b]! / c - sumP[b]! / c);
  }
  return ece;
}
