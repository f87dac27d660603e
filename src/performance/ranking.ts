/**
 * Ranking metrics from scores: roc_auc_score (binary, and multi_class='ovr' macro) with DeLong's
 * variance, and average_precision_score. Scores of positives and negatives are sorted apart
 * (typed-array sorts, no comparator), then walked together.
 */

export interface Split {
  pos: Float64Array;
  neg: Float64Array;
}

/** Scores of the rows whose truth is `cls` (positives) and of the rest, each sorted ascending. */
export function splitScores(
  truth: Int32Array,
  scores: Float64Array,
  width: number,
  column: number,
  cls: number,
  idx?: Uint32Array,
): Split {
  const n = idx ? idx.length : truth.length;
  let p = 0;
  for (let j = 0; j < n; j++) if (truth[idx ? idx[j]! : j] === cls) p++;
  const pos = new Float64Array(p);
  const neg = new Float64Array(n - p);
  let a = 0;
  let b = 0;
  for (let j = 0; j < n; j++) {
    const i = idx ? idx[j]! : j;
    const s = scores[i * width + column]!;
    if (truth[i] === cls) pos[a++] = s;
    else neg[b++] = s;
  }
  pos.sort();
  neg.sort();
  return { pos, neg };
}

export interface AucResult {
  auc: number;
  /** DeLong (1988) variance of the AUC estimate. */
  variance: number;
}

/**
 * ROC AUC as the Mann–Whitney statistic (ties count one half), which equals the trapezoidal area
 * under scikit-learn's roc_curve. Null when a class is missing (scikit-learn raises then).
 */
export function aucDeLong(split: Split, withVariance = true): AucResult | null {
  const { pos, neg } = split;
  const P = pos.length;
  const N = neg.length;
  if (P === 0 || N === 0) return null;
  // V10[i]: share of negatives below positive i (ties one half); V01[j]: positives above negative j.
  let sum = 0;
  let sumSq10 = 0;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < P; i++) {
    const s = pos[i]!;
    while (lo < N && neg[lo]! < s) lo++;
    if (hi < lo) hi = lo;
    while (hi < N && neg[hi]! <= s) hi++;
    const v = (lo + 0.5 * (hi - lo)) / N;
    sum += v;
    sumSq10 += v * v;
  }
  const auc = sum / P;
  if (!withVariance) return { auc, variance: NaN };
  let sum01 = 0;
  let sumSq01 = 0;
  lo = 0;
  hi = 0;
  for (let j = 0; j < N; j++) {
    const s = neg[j]!;
    while (lo < P && pos[lo]! < s) lo++;
    if (hi < lo) hi = lo;
    while (hi < P && pos[hi]! <= s) hi++;
    const v = (P - hi + 0.5 * (hi - lo)) / P;
    sum01 += v;
    sumSq01 += v * v;
  }
  const var10 = P > 1 ? (sumSq10 - P * auc * auc) / (P - 1) : 0;
  const mean01 = sum01 / N;
  const var01 = N > 1 ? (sumSq01 - N * mean01 * mean01) / (N - 1) : 0;
  return { auc, variance: Math.max(0, var10 / P + var01 / N) };
}

/** One-vs-rest macro ROC AUC over `k` score columns; null (with the class) when a class has no rows. */
export function aucOvr(
  truth: Int32Array,
  scores: Float64Array,
  k: number,
  idx?: Uint32Array,
): { auc: number | null; missing?: number } {
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const r = aucDeLong(splitScores(truth, scores, k, c, c, idx), false);
    if (!r) return { auc: null, missing: c };
    sum += r.auc;
  }
  return { auc: sum / k };
}

/**
 * average_precision_score: Σ (R_n − R_{n−1}) P_n over the distinct scores, highest first.
 * Null when there is no positive (recall undefined).
 */
export function averagePrecision(split: Split): number | null {
  const { pos, neg } = split;
  const P = pos.length;
  if (P === 0) return null;
  let i = P - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  let prevRecall = 0;
  while (i >= 0 || j >= 0) {
    const s = Math.max(i >= 0 ? pos[i]! : -Infinity, j >= 0 ? neg[j]! : -Infinity);
    while (i >= 0 && pos[i]! === s) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j]! === s) {
      fp++;
      j--;
    }
    const recall = tp / P;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}
