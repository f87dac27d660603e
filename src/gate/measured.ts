/**
 * What the exact and the sketched measurement share: the measured value's shape and the small
 * helpers both paths use. Imports nothing from either path, so both can depend on it.
 */
import { brownForsythe, type Dispersion } from './stats/levene.js';
import type { MannWhitney } from './stats/mann-whitney.js';

/** A distribution statistic measured on one pair of windows, before any threshold. */
export interface Measured {
  /** The check's value: an effect size, or the p-value for ks/chi2. null when undefined. */
  value: number | null;
  /** The significance test's p-value (KS for numbers, chi-square for categories and missingness). */
  pvalue: number;
  /** Samples the judgement rests on: min of both windows. */
  n: number;
  samples: { current: number; reference: number };
  detail: Record<string, number | string | null>;
  note?: string;
}

/** Collapses coinciding quantile edges (see edgesFor); shared with the sketch path. */
export function dedupeEdges(edges: Float64Array): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as number;
    if (i > 0 && edges[i - 1] === e) continue;
    out.push(e);
    const tied = edges[i + 1] === e;
    const next = edges.find((x) => x > e);
    if (tied && (next === undefined || nextUp(e) < next)) out.push(nextUp(e));
  }
  return Float64Array.from(out);
}

function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const b = new Float64Array([x]);
  const u = new BigInt64Array(b.buffer);
  u[0] = (u[0] as bigint) + (x > 0 ? 1n : -1n);
  return b[0] as number;
}

/** |ln(d_cur / d_ref)| of two spreads: a scale change either way; 0 when both are equal. */
export function scaleChange(cur: number, ref: number): number {
  if (cur === ref) return 0;
  return Math.abs(Math.log(cur / ref));
}

/**
 * The `scale` check from the two windows' dispersions: |ln| of the ratio of mean absolute
 * deviations from the median, tested by Brown–Forsythe (the standard deviation and its
 * normal-theory test cry wolf on heavy-tailed data).
 */
export function scaleMeasured(
  dCur: Dispersion,
  dRef: Dispersion,
  base: Pick<Measured, 'n' | 'samples'>,
  detail: Record<string, number | string | null>,
): Measured {
  const test = brownForsythe(dCur, dRef);
  return {
    value: scaleChange(dCur.mad, dRef.mad),
    pvalue: test.pvalue,
    ...base,
    detail: {
      ...detail,
      dispersion_current: dCur.mad,
      dispersion_reference: dRef.mad,
      levene_w: test.statistic,
      pvalue: test.pvalue,
      test: 'brown-forsythe',
    },
  };
}

/**
 * The `location` check from a Mann–Whitney test: |AUC − ½|, how far the chance that a current
 * value exceeds a reference one is from a coin flip; the signed AUC says which way it moved.
 */
export function locationMeasured(
  t: MannWhitney,
  base: Pick<Measured, 'n' | 'samples'>,
  detail: Record<string, number | string | null>,
): Measured {
  return {
    value: Math.abs(t.auc - 0.5),
    pvalue: t.pvalue,
    ...base,
    detail: {
      ...detail,
      auc: t.auc,
      mann_whitney_u: t.u,
      z: t.z,
      pvalue: t.pvalue,
      test: 'mann-whitney',
    },
  };
}
