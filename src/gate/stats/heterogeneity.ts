import { chi2Sf } from './gamma.js';
import { medianSorted } from './levene.js';

/**
 * Is a change the same in every slice of the window? Cochran's Q (Cochran 1954, Biometrics
 * 10:101–129): Σ wᵢ (dᵢ − d̄)², wᵢ = 1/seᵢ², d̄ the inverse-variance weighted mean, is χ² with
 * k − 1 degrees of freedom when the k slices share one effect. Here each slice's effect is its
 * difference from the reference at the same hours, in location (mean) and in spread (log of the
 * mean absolute deviation from the median), and the two Q's are added (2(k − 1) degrees).
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

/** p-value of "every slice shows the same change" (location and spread together); null with < 2 slices. */
export function heterogeneity(
  slices: (SliceEffect | null)[],
): { q: number; dof: number; pvalue: number } | null {
  const ok = slices.filter((s): s is SliceEffect => s !== null);
  if (ok.length < 2) return null;
  const a = cochranQ(
    ok.map((s) => s.d),
    ok.map((s) => s.vd),
  );
  const b = cochranQ(
    ok.map((s) => s.g),
    ok.map((s) => s.vg),
  );
  const q = a.q + b.q;
  const dof = a.dof + b.dof;
  return { q, dof, pvalue: chi2Sf(q, dof) };
}

/**
 * A change that grows through the window: the slices' location changes lie on a line in time
 * (weighted least squares on the slice index, slope significant at 5 % two-sided, residual
 * Cochran's Q not rejecting at `fitAlpha`) and their spread changes are alike. A spike in one
 * or two slices fits no line and changes those slices' spread.
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
  if (!(Math.abs(z) >= 1.96) || chi2Sf(resid, pts.length - 2) < fitAlpha) return false;
  const ok = slices.filter((s): s is SliceEffect => s !== null);
  const spread = cochranQ(
    ok.map((s) => s.g),
    ok.map((s) => s.vg),
  );
  return chi2Sf(spread.q, spread.dof) >= fitAlpha;
}
