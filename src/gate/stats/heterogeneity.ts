import { chi2Sf } from './gamma.js';
import { medianSorted } from './levene.js';
import { absDeviationsSorted, aucSorted } from './rank-effect.js';

/**
 * Is a change the same in every slice of the window? Cochran's Q (Cochran 1954, Biometrics
 * 10:101–129): Σ wᵢ (dᵢ − d̄)², wᵢ = 1/seᵢ², d̄ the inverse-variance weighted mean, is χ² with
 * k − 1 degrees of freedom when the k slices share one effect. Here each slice's effect is its
 * difference from the reference at the same hours, in location and in spread, each with its
 * own Q: a change is alike only when both are. Persistence takes location from the rank effects
 * (rankSliceEffect: heavy tails do not make a slice look moved) and spread from sliceEffect (the
 * mean absolute deviation with its standard error under the change); the trend test uses mean
 * differences.
 */

export interface SliceEffect {
  /** Difference of means and its squared standard error. */
  d: number;
  vd: number;
  /** ln(spread_cur / spread_ref) and its squared standard error (delta method). */
  g: number;
  vg: number;
}

function summary(x: Float64Array): {
  n: number;
  mean: number;
  v: number;
  mad: number;
  vad: number;
} {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] as number;
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += ((x[i] as number) - mean) ** 2;
  v /= n - 1;
  const med = medianSorted(x);
  let mad = 0;
  for (let i = 0; i < n; i++) mad += Math.abs((x[i] as number) - med);
  mad /= n;
  let vad = 0;
  for (let i = 0; i < n; i++) vad += (Math.abs((x[i] as number) - med) - mad) ** 2;
  vad /= n - 1;
  return { n, mean, v, mad, vad };
}

const finiteSorted = (x: Float64Array) => x.filter((v) => Number.isFinite(v)).sort();

/** One slice's effect from its values and those of the reference at its hours (NaN/±Inf ignored). */
export function sliceEffect(current: Float64Array, reference: Float64Array): SliceEffect | null {
  const cur = finiteSorted(current);
  const ref = finiteSorted(reference);
  if (cur.length < 2 || ref.length < 2) return null;
  const c = summary(cur);
  const r = summary(ref);
  const vd = c.v / c.n + r.v / r.n;
  if (!(c.mad > 0 && r.mad > 0) || !(vd > 0)) return null;
  return {
    d: c.mean - r.mean,
    vd,
    g: Math.log(c.mad / r.mad),
    vg: c.vad / (c.n * c.mad ** 2) + r.vad / (r.n * r.mad ** 2),
  };
}

export function cochranQ(effects: number[], variances: number[]): { q: number; dof: number } {
  let sw = 0;
  let swd = 0;
  for (let i = 0; i < effects.length; i++) {
    const w = 1 / (variances[i] as number);
    sw += w;
    swd += w * (effects[i] as number);
  }
  const mean = swd / sw;
  let q = 0;
  for (let i = 0; i < effects.length; i++)
    q += ((effects[i] as number) - mean) ** 2 / (variances[i] as number);
  return { q, dof: effects.length - 1 };
}

/**
 * One slice's rank effects against the reference at its hours (NaN/±Inf ignored): location
 * d = P(X > Y) + ½P(X = Y) − ½, spread g the same on absolute deviations from each side's
 * median; variances under "no difference".
 */
export function rankSliceEffect(
  current: Float64Array,
  reference: Float64Array,
): SliceEffect | null {
  const cur = finiteSorted(current);
  const ref = finiteSorted(reference);
  if (cur.length < 2 || ref.length < 2) return null;
  const loc = aucSorted(cur, ref);
  const spread = aucSorted(absDeviationsSorted(cur), absDeviationsSorted(ref));
  if (!loc || !spread || !(loc.variance > 0) || !(spread.variance > 0)) return null;
  return { d: loc.auc - 0.5, vd: loc.variance, g: spread.auc - 0.5, vg: spread.variance };
}

export interface QTest {
  q: number;
  dof: number;
  pvalue: number;
}

/** "Every slice shows the same change": Cochran's Q in location and in spread; null with < 2 slices. */
export function heterogeneity(
  slices: (SliceEffect | null)[],
): { location: QTest; spread: QTest } | null {
  const ok = slices.filter((s): s is SliceEffect => s !== null);
  if (ok.length < 2) return null;
  const test = (e: number[], v: number[]) => {
    const { q, dof } = cochranQ(e, v);
    return { q, dof, pvalue: chi2Sf(q, dof) };
  };
  return {
    location: test(
      ok.map((s) => s.d),
      ok.map((s) => s.vd),
    ),
    spread: test(
      ok.map((s) => s.g),
      ok.map((s) => s.vg),
    ),
  };
}

/**
 * A change that grows through the window: the slices' location changes lie on a line in time
 * (weighted least squares on the slice index, slope significant at 5 % two-sided, residual
 * Cochran's Q not rejecting at `fitAlpha`). Given fine slices (an hour or so), a spike of a
 * few hours fits no line: it is a step up and down, or up at the end, over many slices.
 */
export function growing(slices: (SliceEffect | null)[], fitAlpha: number): boolean {
  const pts = slices
    .map((s, t) => (s ? { t, d: s.d, w: 1 / s.vd } : null))
    .filter((p): p is { t: number; d: number; w: number } => p !== null);
  if (pts.length < 3) return false;
  let sw = 0;
  let st = 0;
  let sd = 0;
  for (const p of pts) {
    sw += p.w;
    st += p.w * p.t;
    sd += p.w * p.d;
  }
  const tm = st / sw;
  const dm = sd / sw;
  let stt = 0;
  let std = 0;
  for (const p of pts) {
    stt += p.w * (p.t - tm) ** 2;
    std += p.w * (p.t - tm) * (p.d - dm);
  }
  const slope = std / stt;
  const z = slope * Math.sqrt(stt);
  let resid = 0;
  for (const p of pts) resid += p.w * (p.d - dm - slope * (p.t - tm)) ** 2;
  return Math.abs(z) >= 1.96 && chi2Sf(resid, pts.length - 2) >= fitAlpha;
}
