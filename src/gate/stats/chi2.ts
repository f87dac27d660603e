import { chi2Sf } from './gamma.js';

export interface Chi2Result {
  statistic: number;
  pvalue: number;
  dof: number;
}

/**
 * Pearson chi-square on the 2×K contingency table [ref; cur] (scipy.stats.chi2_contingency,
 * NannyML/Alibi style), including its Yates correction when dof = 1. Columns empty in both
 * rows are dropped first (scipy rejects a zero expected count); one column left → χ² = 0, p = 1.
 */
export function chi2Contingency(ref: Float64Array, cur: Float64Array): Chi2Result {
  const cols: number[] = [];
  let nr = 0;
  let nc = 0;
  for (let k = 0; k < ref.length; k++) {
    const r = ref[k] as number;
    const c = cur[k] as number;
    if (r + c > 0) cols.push(k);
    nr += r;
    nc += c;
  }
  const dof = cols.length - 1;
  if (dof <= 0 || nr === 0 || nc === 0) return { statistic: 0, pvalue: 1, dof: Math.max(dof, 0) };
  const n = nr + nc;
  let stat = 0;
  for (const k of cols) {
    const col = (ref[k] as number) + (cur[k] as number);
    for (const [obs, row] of [
      [ref[k] as number, nr],
      [cur[k] as number, nc],
    ] as const) {
      const exp = (row * col) / n;
      let o = obs;
      if (dof === 1) {
        const diff = exp - obs;
        o = obs + Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }
      stat += ((o - exp) * (o - exp)) / exp;
    }
  }
  return { statistic: stat, pvalue: chi2Sf(stat, dof), dof };
}
