import { chi2Sf } from './gamma.js';
import type { SketchSide } from './sketch-compare.js';

/**
 * Mann–Whitney U between two sorted windows (the `location` check): U counts the pairs where
 * the current value is above the reference one, ties counting ½. AUC = U/(n₁n₂) is the
 * probability that a current value exceeds a reference one; ½ when nothing moved. The test is
 * scipy.stats.mannwhitneyu's asymptotic two-sided one (normal approximation with the tie
 * correction and a continuity correction of ½). A rank test: on heavy tails or a bounded,
 * skewed score it has more power for a shift than the difference of means (asymptotic relative
 * efficiency 3/π on the normal, about 1.9 on Student-t(3)) and its level does not depend on them.
 */
export interface MannWhitney {
  /** U of the current window: pairs current > reference, ties ½. */
  u: number;
  auc: number;
  z: number;
  pvalue: number;
}

/** A sorted side with optional cumulative weights (a sketch); unit weights when cum is null. */
export interface Side {
  values: Float64Array;
  cum: Float64Array | null;
}

const weightAt = (s: Side, i: number): number =>
  s.cum ? (s.cum[i] as number) - (i ? (s.cum[i - 1] as number) : 0) : 1;

/** U of cur against ref and Σ(t³ − t) over tie groups of the pooled sample, in one merge walk. */
export function walk(ref: Side, cur: Side): { u: number; ties: number } {
  let i = 0;
  let j = 0;
  let below = 0;
  let u = 0;
  let ties = 0;
  const nr = ref.values.length;
  const nc = cur.values.length;
  while (i < nr || j < nc) {
    const v = Math.min(
      i < nr ? (ref.values[i] as number) : Infinity,
      j < nc ? (cur.values[j] as number) : Infinity,
    );
    let a = 0;
    let b = 0;
    while (i < nr && ref.values[i] === v) a += weightAt(ref, i++);
    while (j < nc && cur.values[j] === v) b += weightAt(cur, j++);
    u += b * (below + a / 2);
    below += a;
    const t = a + b;
    ties += t * t * t - t;
  }
  return { u, ties };
}

function test(u: number, n1: number, n2: number, ties: number): MannWhitney {
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))));
  const auc = u / (n1 * n2);
  if (!(s > 0)) return { u, auc, z: 0, pvalue: 1 };
  const z = (Math.max(u, n1 * n2 - u) - mu - 0.5) / s;
  // two-sided: P(|Z| > z) = P(χ²₁ > z²)
  return { u, auc, z, pvalue: z > 0 ? Math.min(1, chi2Sf(z * z, 1)) : 1 };
}

/** The test on two exact sorted windows; equals scipy.stats.mannwhitneyu(cur, ref). */
export function mannWhitney(refSorted: Float64Array, curSorted: Float64Array): MannWhitney {
  const { u, ties } = walk({ values: refSorted, cum: null }, { values: curSorted, cum: null });
  return test(u, curSorted.length, refSorted.length, ties);
}

/**
 * The same from two quantile sketches (approximate: each side's CDF is within its rank error ε,
 * so AUC = ∫F_ref dF_cur is within ε_ref + ε_cur of the exact one). Ties between sketch items
 * stand for ties of the data, so the tie correction is approximate too.
 */
export function sketchMannWhitney(
  ref: SketchSide,
  cur: SketchSide,
): MannWhitney & { bound: number } {
  const { u, ties } = walk(ref, cur);
  return { ...test(u, cur.count, ref.count, ties), bound: ref.eps + cur.eps };
}

/**
 * A window drawn from the reference against the rest of it, without copying: AUC against the
 * whole reference is w·½ + (1 − w)·AUC(draw, rest) with w the draw's share (the draw against
 * itself counts every pair ½), so AUC(draw, rest) − ½ = (AUC(draw, whole) − ½)/(1 − w).
 * Signed: the no-change draws scatter around 0. Each side is a sorted sample or a sketch (a draw
 * merged from a streamed reference's hour sketches).
 */
export function locationDraw(
  whole: Float64Array | SketchSide,
  draw: Float64Array | SketchSide,
): number {
  const sideOf = (s: Float64Array | SketchSide): Side =>
    s instanceof Float64Array ? { values: s, cum: null } : s;
  const countOf = (s: Float64Array | SketchSide) =>
    s instanceof Float64Array ? s.length : s.count;
  const total = countOf(whole);
  const n1 = countOf(draw);
  const { u } = walk(sideOf(whole), sideOf(draw));
  return (u / (n1 * total) - 0.5) / (1 - n1 / total);
}
