/** Probabilistic losses: log_loss and brier_score_loss as scikit-learn computes them. */

/** float64 machine epsilon: scikit-learn clips probabilities to [eps, 1 − eps] in log_loss. */
export const EPS = 2.220446049250313e-16;

/**
 * log_loss(y, scores, labels=classes): binary scores are P(positive), read as [1 − p, p];
 * multiclass scores are one column per class. Natural logarithm, mean over rows.
 */
export function logLoss(
  truth: Int32Array,
  scores: Float64Array,
  width: number,
  positive: number,
  idx?: Uint32Array,
): number | null {
  const n = idx ? idx.length : truth.length;
  if (n === 0) return null;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const i = idx ? idx[j]! : j;
    let p: number;
    if (width === 1) {
      // scikit-learn builds the pair [1 − p, p], clips it, then reads the true class's column.
      const s = scores[i]!;
      p = truth[i] === positive ? clip(s) : clip(1 - s);
    } else p = clip(scores[i * width + truth[i]!]!);
    sum -= Math.log(p);
  }
  return sum / n;
}

function clip(p: number): number {
  return p < EPS ? EPS : p > 1 - EPS ? 1 - EPS : p;
}

/**
 * brier_score_loss(y, scores, labels=classes): binary, the mean of (y − p)²; multiclass, the mean
 * over rows of Σ_k (1[y = k] − p_k)² (range [0, 2], scikit-learn's default scale for k ≥ 3).
 */
export function brier(
  truth: Int32Array,
  scores: Float64Array,
  width: number,
  positive: number,
  idx?: Uint32Array,
): number | null {
  const n = idx ? idx.length : truth.length;
  if (n === 0) return null;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const i = idx ? idx[j]! : j;
    if (width === 1) {
      const d = (truth[i] === positive ? 1 : 0) - scores[i]!;
      sum += d * d;
    } else {
      const t = truth[i]!;
      for (let c = 0; c < width; c++) {
        const d = (c === t ? 1 : 0) - scores[i * width + c]!;
        sum += d * d;
      }
    }
  }
  return sum / n;
}
