/**
 * Agreement with numpy/scipy (run live through the project's Python) to 1e-9 relative.
 *
 * Where scipy itself is imprecise, we compare what is well defined instead:
 * - ks_2samp's exact mode returns D rounded to h/lcm(n1, n2) (0.0401, not 0.0401000…25); we
 *   return the same rounding in exact mode and the raw i/n1 − j/n2 in asymptotic mode.
 * - kstwo.sf sums the one-sided Smirnov series in double-double; ours sums it in log space,
 *   so agreement is ~1e-12 rather than bit-exact, and both underflow to 0 when 2nx² > 708.
 * - Cramér–von Mises p-values are not ported: scipy's asymptotic series is non-monotone for
 *   large statistics (drift.md §6.3).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chi2Contingency } from '../../src/gate/stats/chi2.js';
import { chi2Sf } from '../../src/gate/stats/gamma.js';
import { jensenShannon, psi, quantileBins } from '../../src/gate/stats/bins.js';
import { ks2samp } from '../../src/gate/stats/ks.js';
import { psiRaw } from '../../src/gate/stats/psi-raw.js';
import { kstwoSf, smirnovSf } from '../../src/gate/stats/kolmogorov.js';
import { quantileSorted } from '../../src/gate/stats/quantile.js';
import {
  normedWasserstein,
  stdPopulation,
  wasserstein1,
} from '../../src/gate/stats/wasserstein.js';
import { readF64, relDiff, scipyReference } from './scipy.js';

const TOL = 1e-9;

interface NumericCase {
  n1: number;
  n2: number;
  shift: number;
  scale: number;
  seed: number;
  kind?: string;
  bins?: number;
  ref: string;
  cur: string;
  ks_auto: { statistic: number; pvalue: number; sign: number };
  ks_asymp: { statistic: number; pvalue: number };
  wasserstein: number;
  wasserstein_normed: number;
  edges: number[];
  ref_counts: number[];
  cur_counts: number[];
  psi: number;
  js: number;
  chi2: { statistic: number; pvalue: number; dof: number };
}
interface Reference {
  numeric: NumericCase[];
  categorical: {
    k: number;
    n1: number;
    n2: number;
    ref_counts: number[];
    cur_counts: number[];
    chi2: { statistic: number; pvalue: number; dof: number };
    js: number | null;
    psi: number;
  }[];
  kstwo: { n: number; x: number; sf: number }[];
  smirnov: { n: number; x: number; sf: number }[];
  chi2sf: { stat: number; dof: number; sf: number }[];
  quantile: { values: number[]; q: number; value: number }[];
}

const spec = {
  numeric: [
    { n1: 5, n2: 7, shift: 0.5, scale: 1, seed: 1 },
    { n1: 20, n2: 20, shift: 0.8, scale: 1, seed: 2 },
    { n1: 50, n2: 80, shift: 0.3, scale: 1.2, seed: 3 },
    { n1: 100, n2: 100, shift: 0.2, scale: 1, seed: 4, kind: 'ties' },
    { n1: 300, n2: 500, shift: 0.1, scale: 1.1, seed: 5, kind: 'exponential' },
    { n1: 1000, n2: 1000, shift: 0.05, scale: 1.05, seed: 6 },
    { n1: 3000, n2: 2000, shift: 0, scale: 1, seed: 7 },
    { n1: 10000, n2: 10000, shift: 0.05, scale: 1.05, seed: 42 },
    { n1: 10000, n2: 9000, shift: 0.02, scale: 1, seed: 8, kind: 'ties' },
    { n1: 20000, n2: 15000, shift: 0.03, scale: 1, seed: 9 },
    { n1: 100000, n2: 100000, shift: 0.05, scale: 1.05, seed: 10, bins: 20 },
    { n1: 50000, n2: 60000, shift: 0, scale: 1, seed: 11 },
  ],
  categorical: [
    { k: 20, n1: 10000, n2: 10000, power: 0.9, seed: 12 },
    { k: 5, n1: 300, n2: 200, power: 1, seed: 13 },
    { k: 2, n1: 500, n2: 400, power: 0.5, seed: 14 },
    { k: 8, n1: 50, n2: 5000, power: 1.3, seed: 15 },
  ],
  kstwo: [
    [1, 0.3],
    [1, 0.7],
    [5, 0.05],
    [5, 0.15],
    [5, 0.3],
    [5, 0.45],
    [5, 0.6],
    [5, 0.9],
    [100, 0.006],
    [100, 0.05],
    [100, 0.1],
    [100, 0.15],
    [100, 0.25],
    [140, 0.07],
    [140, 0.2],
    [141, 0.005],
    [141, 0.05],
    [141, 0.03],
    [141, 0.13],
    [1000, 0.02],
    [1000, 0.005],
    [1000, 0.045],
    [1000, 0.06],
    [1000, 0.3],
    [1000, 0.61],
    [50000, 0.005],
    [50000, 0.01],
    [50000, 0.03],
    [100000, 0.0005],
    [500000, 0.026273],
    [500000, 0.002],
    [500000, 0.0025],
    [1000000, 0.002],
    [2000000, 0.0015],
    [5000, 0.2729],
    [5000, 0.27],
  ],
  smirnov: [
    [10, 0.3],
    [1000, 0.05],
    [1000, 0.01],
    [200000, 0.004],
    [7, 0.9],
  ],
  chi2sf: [
    [0.5, 1],
    [3.84, 1],
    [10, 1],
    [58.29200861325879, 19],
    [485.3521132063937, 19],
    [5027.97, 19],
    [1, 5],
    [30, 2],
    [100, 50],
    [0.001, 3],
    [200, 150],
    [19, 19],
    [2000, 1999],
  ],
  quantile: [
    [[3, 1, 4, 1, 5, 9, 2, 6], 0.9],
    [[0.1, 0.2, 0.3], 0.3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.7],
  ],
};

let ref: Reference;
beforeAll(() => {
  ref = scipyReference<Reference>(spec);
});

const sortedOf = (path: string) => readF64(path).sort();

describe('two-sample statistics agree with scipy', () => {
  it.each(spec.numeric.map((c, i) => [`${c.n1}×${c.n2} ${c.kind ?? 'normal'}`, i] as const))(
    '%s',
    (_label, i) => {
      const c = ref.numeric[i]!;
      const a = sortedOf(c.ref);
      const b = sortedOf(c.cur);
      const ks = ks2samp(a, b);
      expect(relDiff(ks.statistic, c.ks_auto.statistic)).toBeLessThanOrEqual(1e-12);
      expect(relDiff(ks.pvalue, c.ks_auto.pvalue)).toBeLessThanOrEqual(TOL);
      expect(ks.sign).toBe(c.ks_auto.sign);
      const asymp = ks2samp(a, b, 'asymp');
      expect(asymp.statistic).toBe(c.ks_asymp.statistic);
      expect(relDiff(asymp.pvalue, c.ks_asymp.pvalue)).toBeLessThanOrEqual(TOL);
      const w = wasserstein1(a, b);
      expect(relDiff(w, c.wasserstein)).toBeLessThanOrEqual(TOL);
      expect(
        relDiff(normedWasserstein(w, stdPopulation(a)), c.wasserstein_normed),
      ).toBeLessThanOrEqual(TOL);
      const bins = quantileBins(a, b, c.bins ?? 10);
      expect([...bins.edges].map((e) => e + 0)).toEqual(c.edges.map((e) => e + 0));
      expect([...bins.ref]).toEqual(c.ref_counts);
      expect([...bins.cur]).toEqual(c.cur_counts);
      expect(relDiff(psi(bins.ref, bins.cur), c.psi)).toBeLessThanOrEqual(TOL);
      // the selection path (no sort) bins identically
      expect(
        relDiff(psiRaw(readF64(c.ref), readF64(c.cur), c.bins ?? 10), c.psi),
      ).toBeLessThanOrEqual(TOL);
      expect(relDiff(jensenShannon(bins.ref, bins.cur), c.js)).toBeLessThanOrEqual(TOL);
      const chi = chi2Contingency(bins.ref, bins.cur);
      expect(chi.dof).toBe(c.chi2.dof);
      expect(relDiff(chi.statistic, c.chi2.statistic)).toBeLessThanOrEqual(TOL);
      expect(relDiff(chi.pvalue, c.chi2.pvalue)).toBeLessThanOrEqual(TOL);
    },
  );

  it.each(spec.categorical.map((c, i) => [`${c.k} categories ${c.n1}×${c.n2}`, i] as const))(
    'categorical %s',
    (_label, i) => {
      const c = ref.categorical[i]!;
      const r = Float64Array.from(c.ref_counts);
      const k = Float64Array.from(c.cur_counts);
      const chi = chi2Contingency(r, k);
      expect(chi.dof).toBe(c.chi2.dof);
      expect(relDiff(chi.statistic, c.chi2.statistic)).toBeLessThanOrEqual(TOL);
      expect(relDiff(chi.pvalue, c.chi2.pvalue)).toBeLessThanOrEqual(TOL);
      expect(relDiff(jensenShannon(r, k), c.js!)).toBeLessThanOrEqual(TOL);
      expect(relDiff(psi(r, k), c.psi)).toBeLessThanOrEqual(TOL);
    },
  );
});

describe('distribution functions agree with scipy', () => {
  it.each(spec.kstwo.map(([n, x]) => [n!, x!] as const))('kstwo.sf(n=%i, x=%f)', (n, x) => {
    const want = ref.kstwo.find((k) => k.n === n && k.x === x)!.sf;
    expect(relDiff(kstwoSf(n, x), want)).toBeLessThanOrEqual(TOL);
  });

  it.each(spec.smirnov.map(([n, x]) => [n!, x!] as const))('smirnov(n=%i, %f)', (n, x) => {
    const want = ref.smirnov.find((k) => k.n === n && k.x === x)!.sf;
    expect(relDiff(smirnovSf(n, x), want)).toBeLessThanOrEqual(TOL);
  });

  it.each(spec.chi2sf.map(([s, k]) => [s!, k!] as const))('chi2.sf(%f, %i)', (s, k) => {
    const want = ref.chi2sf.find((c) => c.stat === s && c.dof === k)!.sf;
    expect(relDiff(chi2Sf(s, k), want)).toBeLessThanOrEqual(TOL);
  });

  it('quantiles are numpy.quantile bit for bit', () => {
    for (const q of ref.quantile) {
      expect(quantileSorted(Float64Array.from(q.values).sort(), q.q)).toBe(q.value);
    }
  });
});
