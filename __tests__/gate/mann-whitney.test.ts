/**
 * The `location` check's statistic and test: Mann–Whitney U against
 * scipy.stats.mannwhitneyu(method='asymptotic'), the sketched version against the exact one, and
 * the reference-draw shortcut against a plain computation of the draw against the rest.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { locationDraw, mannWhitney, sketchMannWhitney } from '../../src/gate/stats/mann-whitney.js';
import { exactSide } from '../../src/gate/stats/sketch-compare.js';
import { readF64, relDiff, scipyReference } from './scipy.js';

const TOL = 1e-9;

interface Reference {
  numeric: {
    ref: string;
    cur: string;
    mannwhitney: { u: number; pvalue: number; auc: number };
  }[];
}

const spec = {
  numeric: [
    { n1: 7000, n2: 1000, shift: 0.1, scale: 1, seed: 31 },
    { n1: 7000, n2: 1000, shift: 0, scale: 1, seed: 32 },
    { n1: 2100, n2: 300, shift: 0.05, scale: 1, seed: 33, kind: 't3' },
    { n1: 7000, n2: 1000, shift: -0.01, scale: 1, seed: 34, kind: 'beta91' },
    { n1: 101, n2: 99, shift: 0.25, scale: 1, seed: 35, kind: 'ties' },
    { n1: 70000, n2: 10000, shift: 0.02, scale: 1.2, seed: 36, kind: 'exponential' },
    { n1: 500, n2: 400, shift: 3, scale: 1, seed: 37 },
  ],
};

let ref: Reference;
beforeAll(() => {
  ref = scipyReference<Reference>(spec);
}, 120_000);

const sorted = (x: number[]) => Float64Array.from(x).sort();

describe('Mann–Whitney agrees with scipy.stats.mannwhitneyu', () => {
  it.each(
    spec.numeric.map((c, i) => [`${c.n1}×${c.n2} ${c.kind ?? 'normal'} +${c.shift}`, i] as const),
  )('%s', (_label, i) => {
    const c = ref.numeric[i]!;
    const a = readF64(c.ref).sort();
    const b = readF64(c.cur).sort();
    const t = mannWhitney(a, b);
    expect(relDiff(t.u, c.mannwhitney.u)).toBeLessThanOrEqual(TOL);
    expect(relDiff(t.auc, c.mannwhitney.auc)).toBeLessThanOrEqual(TOL);
    // p-values far below 1e-300 underflow alike; compare where they are representable
    if (c.mannwhitney.pvalue > 1e-300)
      expect(relDiff(t.pvalue, c.mannwhitney.pvalue)).toBeLessThanOrEqual(1e-8);
    else expect(t.pvalue).toBeLessThan(1e-290);
    // unit-weight sketch sides give the exact test
    const s = sketchMannWhitney(exactSide(a), exactSide(b));
    expect(relDiff(s.u, t.u)).toBeLessThanOrEqual(TOL);
    expect(s.bound).toBe(0);
  });
});

describe('pure pieces', () => {
  it.each([
    ['identical windows', [1, 2, 3], [1, 2, 3], 0.5, 1],
    ['all above', [1, 2, 3], [4, 5, 6], 1, undefined],
    ['all below', [4, 5, 6], [1, 2, 3], 0, undefined],
    ['all tied', [2, 2, 2], [2, 2], 0.5, 1],
    ['half ties', [1, 2], [2, 3], 0.875, undefined],
  ] as const)('%s', (_l, r, c, auc, p) => {
    const t = mannWhitney(sorted([...r]), sorted([...c]));
    expect(t.auc).toBeCloseTo(auc, 12);
    if (p !== undefined) expect(t.pvalue).toBe(p);
    expect(t.pvalue).toBeGreaterThan(0);
    expect(t.pvalue).toBeLessThanOrEqual(1);
  });

  it.each([
    ['no ties', [0.1, 0.5, 0.9, 1.3, 2, 2.2, 3, 4.5, 5, 6], [0, 2], [5, 9]],
    ['ties across draw and rest', [1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 5], [2, 4, 6], [3, 5]],
    ['draw at the ends', [-5, 0, 0, 1, 1, 1, 2, 9], [0, 1], [7, 8]],
  ] as const)('draw against the rest: %s', (_l, whole, cut, cut2) => {
    const w = sorted([...whole]);
    const pick = new Set<number>();
    for (let i = cut[0]; i < cut[1]; i++) pick.add(i);
    for (let i = cut2[0]; i < cut2[1]; i++) pick.add(i);
    const draw = sorted(whole.filter((_, i) => pick.has(i)));
    const rest = sorted(whole.filter((_, i) => !pick.has(i)));
    const want = mannWhitney(rest, draw).auc - 0.5;
    expect(locationDraw(w, draw)).toBeCloseTo(want, 12);
    expect(locationDraw(exactSide(w), draw)).toBeCloseTo(want, 12);
  });
});
