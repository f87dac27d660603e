/**
 * The statistics behind persistence's "is the change alike in every slice": the rank effects
 * against scipy.stats.mannwhitneyu (asymptotic, tie corrected, no continuity correction), the
 * category-mix Q against Cochran's Q where they coincide, and the trend's slice count.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { trendSlices } from '../../src/gate/persistence-evidence.js';
import { chi2Sf } from '../../src/gate/stats/gamma.js';
import { cochranQ, rankSliceEffect } from '../../src/gate/stats/heterogeneity.js';
import { mixHeterogeneity } from '../../src/gate/stats/mix-heterogeneity.js';
import { absDeviationsSorted, aucSorted } from '../../src/gate/stats/rank-effect.js';
import { readF64, relDiff, scipyReference } from './scipy.js';

const TOL = 1e-9;

interface MW {
  auc: number;
  pvalue: number;
}
interface Reference {
  numeric: { ref: string; cur: string; rank_effects: { location: MW; spread: MW } }[];
}

const spec = {
  numeric: [
    { n1: 1167, n2: 167, shift: 0, scale: 1, seed: 31, kind: 't3' },
    { n1: 1167, n2: 167, shift: 0.3, scale: 1, seed: 32, kind: 't3' },
    { n1: 700, n2: 100, shift: 0, scale: 1.3, seed: 33, kind: 'beta91' },
    { n1: 3500, n2: 500, shift: 0.1, scale: 1.118, seed: 34 },
    { n1: 101, n2: 99, shift: 0.2, scale: 2, seed: 35, kind: 'ties' },
    { n1: 40, n2: 12, shift: 0, scale: 1, seed: 36, kind: 'exponential' },
  ],
};

let ref: Reference;
beforeAll(() => {
  ref = scipyReference<Reference>(spec);
}, 120_000);

const sorted = (x: Float64Array) => Float64Array.from(x).sort();
/** Two-sided p-value of a normal z: P(χ²₁ > z²). */
const pOf = (e: { auc: number; variance: number }) => chi2Sf((e.auc - 0.5) ** 2 / e.variance, 1);

describe('rank effects agree with scipy.stats.mannwhitneyu', () => {
  it.each(spec.numeric.map((c, i) => [`${c.kind ?? 'normal'} n=${c.n2}/${c.n1}`, i] as const))(
    '%s',
    (_l, i) => {
      const c = ref.numeric[i]!;
      const cur = sorted(readF64(c.cur));
      const r = sorted(readF64(c.ref));
      const loc = aucSorted(cur, r)!;
      expect(relDiff(loc.auc, c.rank_effects.location.auc)).toBeLessThanOrEqual(TOL);
      expect(relDiff(pOf(loc), c.rank_effects.location.pvalue)).toBeLessThanOrEqual(1e-7);
      const spread = aucSorted(absDeviationsSorted(cur), absDeviationsSorted(r))!;
      expect(relDiff(spread.auc, c.rank_effects.spread.auc)).toBeLessThanOrEqual(TOL);
      expect(relDiff(pOf(spread), c.rank_effects.spread.pvalue)).toBeLessThanOrEqual(1e-7);
      const e = rankSliceEffect(readF64(c.cur), readF64(c.ref))!;
      expect(e.d).toBeCloseTo(loc.auc - 0.5, 12);
      expect(e.g).toBeCloseTo(spread.auc - 0.5, 12);
    },
  );
});

describe('aucSorted by hand', () => {
  it.each<[string, number[], number[], number, number]>([
    // variance: (N + 1 − Σ(t³ − t)/(N(N − 1))) / (12 n m)
    ['all above', [3, 4], [1, 2], 1, 5 / 48],
    ['all below', [1, 2], [3, 4], 0, 5 / 48],
    ['interleaved', [1, 3], [2, 4], 0.25, 5 / 48],
    ['one tie across', [1, 2], [2, 3], 0.125, (5 - 6 / 12) / 48],
    ['all equal', [5, 5], [5, 5], 0.5, 0],
  ])('%s', (_l, x, y, auc, variance) => {
    const e = aucSorted(Float64Array.from(x), Float64Array.from(y))!;
    expect(e.auc).toBeCloseTo(auc, 12);
    expect(e.variance).toBeCloseTo(variance, 12);
  });
  it('an empty side: no effect', () => {
    expect(aucSorted(new Float64Array(0), Float64Array.from([1]))).toBeNull();
  });
  it('a constant slice has no usable spread effect', () => {
    expect(rankSliceEffect(Float64Array.from([1, 1, 1]), Float64Array.from([1, 1, 1]))).toBeNull();
  });
});

describe('mixHeterogeneity', () => {
  const slices = (pairs: [number[], number[]][]) =>
    pairs.map(([current, reference]) => ({ current, reference }));

  it('two categories: Cochran’s Q of the share differences with pooled binomial variances', () => {
    const s = slices([
      [
        [30, 70],
        [300, 700],
      ],
      [
        [50, 50],
        [290, 710],
      ],
      [
        [25, 75],
        [310, 690],
      ],
    ]);
    const pi = (30 + 300 + 50 + 290 + 25 + 310) / (3 * 1100);
    const d = s.map((x) => x.current[0]! / 100 - x.reference[0]! / 1000);
    const v = s.map(() => pi * (1 - pi) * (1 / 100 + 1 / 1000));
    const h = mixHeterogeneity(s)!;
    expect(h.dof).toBe(2);
    expect(h.q).toBeCloseTo(cochranQ(d, v).q, 10);
    expect(h.pvalue).toBeCloseTo(chi2Sf(h.q, 2), 14);
  });

  it.each<[string, [number[], number[]][], number, boolean]>([
    [
      'the same mix change in every slice: alike',
      [
        [
          [28, 72],
          [340, 660],
        ],
        [
          [28, 72],
          [340, 660],
        ],
        [
          [28, 72],
          [340, 660],
        ],
      ],
      2,
      true,
    ],
    [
      'a change in one slice only: differs',
      [
        [
          [34, 66],
          [340, 660],
        ],
        [
          [80, 20],
          [340, 660],
        ],
        [
          [34, 66],
          [340, 660],
        ],
      ],
      2,
      false,
    ],
    [
      'a category absent everywhere does not count',
      [
        [
          [28, 72, 0],
          [340, 660, 0],
        ],
        [
          [29, 71, 0],
          [330, 670, 0],
        ],
      ],
      1,
      true,
    ],
  ])('%s', (_l, pairs, dof, alike) => {
    const h = mixHeterogeneity(slices(pairs))!;
    expect(h.dof).toBe(dof);
    expect(h.pvalue >= 0.05).toBe(alike);
  });

  it('fewer than two slices with samples: no verdict', () => {
    expect(
      mixHeterogeneity(
        slices([
          [
            [1, 2],
            [3, 4],
          ],
          [
            [0, 0],
            [3, 4],
          ],
        ]),
      ),
    ).toBeNull();
  });
});

describe('trendSlices: about an hour each, at least 30 samples each', () => {
  const day = { start: 0, end: 86_400_000 };
  it.each<[number, number, number]>([
    [100, 6, 6],
    [300, 6, 10],
    [1000, 6, 24],
    [100_000, 6, 24],
    [1000, 4, 16],
  ])('%i samples, %i windows → %i slices', (n, windows, k) => {
    expect(trendSlices(day, n, windows)).toHaveLength(k);
  });
});
