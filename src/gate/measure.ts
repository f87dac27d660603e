import { UserError } from '../errors.js';
import type { CheckConfig, DistributionStatistic } from './config.js';
import { measureSketched } from './measure-sketched.js';
import { dedupeEdges, locationMeasured, scaleMeasured, type Measured } from './measured.js';
import { missing, usable, type Profile } from './profile.js';
import { binCountsSorted, jensenShannon, LN2_SQRT, psi } from './stats/bins.js';
import { chi2Contingency } from './stats/chi2.js';
import { finiteSum } from './stats/clean.js';
import { ksFromExtremes } from './stats/ks.js';
import { dispersion } from './stats/levene.js';
import { mannWhitney } from './stats/mann-whitney.js';
import { edgeProbabilities, quantileEdges } from './stats/quantile.js';
import { compareSorted, normedWasserstein, stdPopulation } from './stats/wasserstein.js';
import { compareKeyed } from './stats/keyed-walk.js';

export { dedupeEdges, scaleChange, type Measured } from './measured.js';

export const DISTRIBUTION: readonly DistributionStatistic[] = [
  'psi',
  'ks',
  'wasserstein',
  'wasserstein_normed',
  'js',
  'chi2',
  'missing_rate',
  'scale',
  'location',
];

export function isDistribution(statistic: string): statistic is DistributionStatistic {
  return (DISTRIBUTION as readonly string[]).includes(statistic);
}

/** p-value checks report the p-value itself; the others report an effect size guarded by a test. */
export function isPValueCheck(statistic: DistributionStatistic): boolean {
  return statistic === 'ks' || statistic === 'chi2';
}

/**
 * Reference-quantile edges (src/gate/README.md). Edges that coincide — a constant or
 * near-constant reference, where several deciles are the same value v — collapse into one bin
 * holding exactly v, [v, v⁺); otherwise a constant reference would put every value ≥ v of both
 * windows into one bin and PSI could not see the current window move.
 */
export function edgesFor(ref: Float64Array, bins: number): Float64Array {
  return dedupeEdges(quantileEdges(ref, bins));
}

/** The merge walk of both sides (KS extremes, W1) and the KS test, once per series. */
function walkOf(p: Profile & { kind: 'numeric' | 'keyed' }): NonNullable<typeof p.walk> {
  if (!p.walk) {
    const w =
      p.kind === 'keyed' ? compareKeyed(p.ref, p.cur) : compareSorted(p.ref.sorted, p.cur.sorted);
    const u = usable(p);
    p.walk = { ...w, ks: ksFromExtremes(w, u.ref, u.cur) };
  }
  return p.walk;
}

/** Reference-quantile bins applied to both windows (edgesFor, binCountsSorted). */
function binsOf(p: Profile & { kind: 'numeric' | 'keyed' }, bins: number) {
  if (p.kind === 'numeric') {
    const edges = edgesFor(p.ref.sorted, bins);
    return { ref: binCountsSorted(p.ref.sorted, edges), cur: binCountsSorted(p.cur.sorted, edges) };
  }
  const edges = dedupeEdges(p.ref.quantiles(edgeProbabilities(bins)));
  return { ref: p.ref.binCounts(edges), cur: p.cur.binCounts(edges) };
}

/** Measures one statistic; throws UserError when the statistic cannot apply to the series' type. */
export function measure(
  check: CheckConfig & { statistic: DistributionStatistic },
  index: number,
  p: Profile,
): Measured {
  const stat = check.statistic;
  const bins = check.bins ?? 10;
  if (stat === 'missing_rate') {
    const m = missing(p);
    const rateRef = m.refTotal ? m.ref / m.refTotal : 0;
    const rateCur = m.curTotal ? m.cur / m.curTotal : 0;
    const test = chi2Contingency(
      Float64Array.from([m.ref, m.refTotal - m.ref]),
      Float64Array.from([m.cur, m.curTotal - m.cur]),
    );
    return {
      value: rateCur - rateRef,
      pvalue: test.pvalue,
      n: Math.min(m.refTotal, m.curTotal),
      samples: { current: m.curTotal, reference: m.refTotal },
      detail: {
        missing_current: rateCur,
        missing_reference: rateRef,
        pvalue: test.pvalue,
        test: 'chi2',
      },
    };
  }
  const u = usable(p);
  const samples = { current: u.cur, reference: u.ref };
  const n = Math.min(u.ref, u.cur);
  const ignored: Record<string, number> =
    p.kind !== 'categorical'
      ? { nan: p.cur.nan, inf: p.cur.inf, reference_nan: p.ref.nan, reference_inf: p.ref.inf }
      : { missing: p.counts.missing.cur, reference_missing: p.counts.missing.ref };
  if (n === 0) {
    return {
      value: null,
      pvalue: 1,
      n,
      samples,
      detail: ignored,
      note: 'a window has no usable samples',
    };
  }
  if (p.kind === 'categorical') {
    if (
      stat === 'ks' ||
      stat === 'wasserstein' ||
      stat === 'wasserstein_normed' ||
      stat === 'scale' ||
      stat === 'location'
    ) {
      throw new UserError(
        `gate.checks[${index}].statistic: ${stat} needs a numeric series but "${check.series}" is categorical; use chi2, psi or js`,
      );
    }
    const { ref, cur, categories } = p.counts;
    const test = chi2Contingency(ref, cur);
    const detail = {
      ...ignored,
      categories: categories.length,
      chi2: test.statistic,
      dof: test.dof,
      pvalue: test.pvalue,
      test: 'chi2',
    };
    if (stat === 'chi2') return { value: test.pvalue, pvalue: test.pvalue, n, samples, detail };
    if (stat === 'psi') return { value: psi(ref, cur), pvalue: test.pvalue, n, samples, detail };
    const js = jensenShannon(ref, cur);
    return {
      value: js / LN2_SQRT,
      pvalue: test.pvalue,
      n,
      samples,
      detail: { ...detail, js_nats: js },
    };
  }

  if (p.kind === 'sketched') return measureSketched(check, p, { n, samples, ignored });
  if (p.kind === 'keyed' && (stat === 'location' || stat === 'scale'))
    throw new Error(`${stat} needs the sorted windows; a keyed profile cannot measure it`);
  if (stat === 'location' && p.kind === 'numeric')
    return locationMeasured(mannWhitney(p.ref.sorted, p.cur.sorted), { n, samples }, ignored);
  if (stat === 'psi' || stat === 'js' || stat === 'chi2') {
    const r = binsOf(p, bins);
    if (stat === 'chi2') {
      const test = chi2Contingency(r.ref, r.cur);
      return {
        value: test.pvalue,
        pvalue: test.pvalue,
        n,
        samples,
        detail: {
          ...ignored,
          bins: r.ref.length,
          chi2: test.statistic,
          dof: test.dof,
          pvalue: test.pvalue,
          test: 'chi2',
        },
      };
    }
    const { ks } = walkOf(p);
    const detail = {
      ...ignored,
      bins: r.ref.length,
      ks: ks.statistic,
      pvalue: ks.pvalue,
      test: 'ks',
    };
    if (stat === 'psi') return { value: psi(r.ref, r.cur), pvalue: ks.pvalue, n, samples, detail };
    const js = jensenShannon(r.ref, r.cur);
    return {
      value: js / LN2_SQRT,
      pvalue: ks.pvalue,
      n,
      samples,
      detail: { ...detail, js_nats: js },
    };
  }
  // ks, wasserstein, wasserstein_normed: one merge walk gives both the KS extremes and W1.
  const walk = walkOf(p);
  const ks = walk.ks;
  if (stat === 'ks') {
    return {
      value: ks.pvalue,
      pvalue: ks.pvalue,
      n,
      samples,
      detail: {
        ...ignored,
        statistic: ks.statistic,
        method: ks.method,
        pvalue: ks.pvalue,
        test: 'ks',
      },
    };
  }
  const detail = {
    ...ignored,
    wasserstein: walk.w1,
    ks: ks.statistic,
    pvalue: ks.pvalue,
    test: 'ks',
  };
  if (stat === 'wasserstein') return { value: walk.w1, pvalue: ks.pvalue, n, samples, detail };
  if (p.refStd === undefined)
    p.refStd = p.kind === 'keyed' ? p.ref.std() : stdPopulation(p.ref.sorted, finiteSum(p.ref));
  if (stat === 'scale' && p.kind === 'numeric') {
    const [a, b] = [p.ref.sorted, p.cur.sorted];
    return scaleMeasured(dispersion(b), dispersion(a), { n, samples }, { ...ignored });
  }

  return {
    value: normedWasserstein(walk.w1, p.refStd),
    pvalue: ks.pvalue,
    n,
    samples,
    detail: { ...detail, reference_std: p.refStd },
  };
}
