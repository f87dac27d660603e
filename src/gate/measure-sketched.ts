import type { CheckConfig, DistributionStatistic } from './config.js';
import { dedupeEdges, locationMeasured, scaleMeasured, type Measured } from './measured.js';
import type { Profile } from './profile.js';
import { jensenShannon, LN2_SQRT, psi } from './stats/bins.js';
import { chi2Contingency } from './stats/chi2.js';
import { sketchDispersion } from './stats/levene.js';
import { ksFromExtremes } from './stats/ks.js';
import { sketchMannWhitney } from './stats/mann-whitney.js';
import {
  compareSketches,
  psiBound,
  sketchBinCounts,
  sketchQuantile,
} from './stats/sketch-compare.js';
import { normedWasserstein } from './stats/wasserstein.js';

type Sketched = Extract<Profile, { kind: 'sketched' }>;

/** Population standard deviation from streamed moments (exact up to rounding). */
export const stdOf = (m: { n: number; m2: number }): number =>
  m.n ? Math.sqrt(Math.max(m.m2, 0) / m.n) : NaN;

function walk(p: Sketched): NonNullable<Sketched['cmp']> {
  if (!p.cmp) {
    const c = compareSketches(p.ref.side, p.cur.side);
    p.cmp = { ...c, ks: ksFromExtremes(c, p.ref.side.count, p.cur.side.count) };
  }
  return p.cmp;
}

/** Reference-quantile edges read off the reference sketch, collapsed like edgesFor. */
export function sketchEdges(
  p: Sketched,
  bins: number,
): { edges: Float64Array; probs: Float64Array } {
  const probs = new Float64Array(bins - 1);
  const raw = new Float64Array(bins - 1);
  for (let i = 1; i < bins; i++) {
    probs[i - 1] = i / bins;
    raw[i - 1] = sketchQuantile(p.ref.side, i / bins);
  }
  return { edges: dedupeEdges(raw), probs };
}

/**
 * Order statistics of two windows above the exact limit, from their sketches. Every value that
 * comes from a sketch says so in the detail (`approximate`) with its bound (`error_bound`, on
 * the check's own value; on KS D for the ks check, whose value is the p-value); counts,
 * missingness, mean and spread stay exact.
 */
export function measureSketched(
  check: CheckConfig & { statistic: DistributionStatistic },
  p: Sketched,
  base: Pick<Measured, 'n' | 'samples'> & { ignored: Record<string, number> },
): Measured {
  const stat = check.statistic;
  const { n, samples, ignored } = base;
  const approx = {
    approximate: 'quantile sketch',
    sketch_k: Math.min(p.ref.k, p.cur.k),
    rank_error_reference: p.ref.side.eps,
    rank_error_current: p.cur.side.eps,
  };
  if (stat === 'scale') {
    // As on the exact path; medians and mean absolute deviations come from the sketch
    // (approximate), the sums of squares from the exact moments.
    const dCur = sketchDispersion(p.cur.side, sketchQuantile(p.cur.side, 0.5), p.cur.moments);
    const dRef = sketchDispersion(p.ref.side, sketchQuantile(p.ref.side, 0.5), p.ref.moments);
    return scaleMeasured(dCur, dRef, { n, samples }, { ...ignored, ...approx });
  }
  if (stat === 'location') {
    const t = sketchMannWhitney(p.ref.side, p.cur.side);
    return locationMeasured(t, { n, samples }, { ...ignored, ...approx, error_bound: t.bound });
  }

  const w = walk(p);
  const ks = w.ks;
  if (stat === 'psi' || stat === 'js' || stat === 'chi2') {
    const { edges, probs } = sketchEdges(p, check.bins ?? 10);
    const r = sketchBinCounts(p.ref.side, edges);
    const c = sketchBinCounts(p.cur.side, edges);
    if (stat === 'chi2') {
      const test = chi2Contingency(r, c);
      return {
        value: test.pvalue,
        pvalue: test.pvalue,
        n,
        samples,
        detail: {
          ...ignored,
          ...approx,
          bins: r.length,
          chi2: test.statistic,
          dof: test.dof,
          pvalue: test.pvalue,
          test: 'chi2',
        },
      };
    }
    const detail = {
      ...ignored,
      ...approx,
      bins: r.length,
      ks: ks.statistic,
      pvalue: ks.pvalue,
      test: 'ks',
    };
    if (stat === 'psi') {
      // the bound assumes the edges kept their probabilities: only when none collapsed
      const bound =
        edges.length === probs.length ? psiBound(p.ref.side, p.cur.side, probs, r, c) : null;
      return {
        value: psi(r, c),
        pvalue: ks.pvalue,
        n,
        samples,
        detail: { ...detail, error_bound: bound },
      };
    }
    const js = jensenShannon(r, c);
    return {
      value: js / LN2_SQRT,
      pvalue: ks.pvalue,
      n,
      samples,
      detail: { ...detail, js_nats: js },
    };
  }
  if (stat === 'ks') {
    return {
      value: ks.pvalue,
      pvalue: ks.pvalue,
      n,
      samples,
      detail: {
        ...ignored,
        ...approx,
        statistic: ks.statistic,
        error_bound: w.ksBound,
        method: ks.method,
        pvalue: ks.pvalue,
        test: 'ks',
      },
    };
  }
  const detail = {
    ...ignored,
    ...approx,
    wasserstein: w.w1,
    ks: ks.statistic,
    ks_error_bound: w.ksBound,
    pvalue: ks.pvalue,
    test: 'ks',
  };
  if (stat === 'wasserstein')
    return {
      value: w.w1,
      pvalue: ks.pvalue,
      n,
      samples,
      detail: { ...detail, error_bound: w.w1Bound },
    };
  const refStd = stdOf(p.ref.moments);
  return {
    value: normedWasserstein(w.w1, refStd),
    pvalue: ks.pvalue,
    n,
    samples,
    detail: { ...detail, reference_std: refStd, error_bound: normedWasserstein(w.w1Bound, refStd) },
  };
}
