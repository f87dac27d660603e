import { chi2Sf } from './gamma.js';

/**
 * Is a change in a category mix the same in every slice of the window? Each slice's change is
 * the vector of differences of category shares, current slice minus the reference at the same
 * hours, dₛ = pₛ − rₛ, with covariance cₛ·(diag(π) − ππᵀ), cₛ = 1/nₛ + 1/mₛ and π the pooled
 * shares of all slices of both windows. Cochran's Q generalised to a vector effect,
 * Q = Σₛ (dₛ − d̄)ᵀ Σ⁻¹ (dₛ − d̄) / cₛ with d̄ the 1/cₛ-weighted mean, is χ² with
 * (K − 1)(S − 1) degrees of freedom when the S slices share one change; with that covariance
 * the quadratic form is Σₖ (dₛₖ − d̄ₖ)²/πₖ (the generalised inverse of a multinomial covariance).
 * A sustained mix change gives alike slices; a change confined to a few hours does not.
 */

export interface SliceMix {
  /** Counts per category in the current slice and in the reference at the same hours. */
  current: ArrayLike<number>;
  reference: ArrayLike<number>;
}

export function mixHeterogeneity(
  slices: SliceMix[],
): { q: number; dof: number; pvalue: number } | null {
  const sum = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0);
  const used = slices
    .map((s) => ({ s, n: sum(s.current), m: sum(s.reference) }))
    .filter((u) => u.n > 0 && u.m > 0);
  if (used.length < 2) return null;
  const k = used[0]?.s.current.length ?? 0;
  const pooled = new Float64Array(k);
  let total = 0;
  for (const { s, n, m } of used) {
    for (let j = 0; j < k; j++) pooled[j] += (s.current[j] ?? 0) + (s.reference[j] ?? 0);
    total += n + m;
  }
  const d = used.map(({ s, n, m }) =>
    Float64Array.from({ length: k }, (_, j) => (s.current[j] ?? 0) / n - (s.reference[j] ?? 0) / m),
  );
  const c = used.map(({ n, m }) => 1 / n + 1 / m);
  const sw = c.reduce((a, ci) => a + 1 / ci, 0);
  let q = 0;
  let present = 0;
  for (let j = 0; j < k; j++) {
    const pi = (pooled[j] as number) / total;
    if (!(pi > 0)) continue;
    present++;
    let mean = 0;
    for (let s = 0; s < used.length; s++) mean += (d[s]?.[j] as number) / (c[s] as number) / sw;
    for (let s = 0; s < used.length; s++)
      q += ((d[s]?.[j] as number) - mean) ** 2 / pi / (c[s] as number);
  }
  const dof = (present - 1) * (used.length - 1);
  if (dof < 1) return null;
  return { q, dof, pvalue: chi2Sf(q, dof) };
}
