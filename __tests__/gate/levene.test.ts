/**
 * The `scale` check's spread and test: Brown–Forsythe (Levene on absolute deviations from the
 * median) against scipy.stats.levene(center='median'), the F survival function against
 * scipy.stats.f.sf, and the reference-draw shortcut against a plain computation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { betaInc, fSf } from '../../src/gate/stats/beta.js';
import { brownForsythe, dispersion, medianSorted } from '../../src/gate/stats/levene.js';
import { prefixSums, restMedian, scaleDraw } from '../../src/gate/scale-draw.js';
import { readF64, relDiff, scipyReference } from './scipy.js';

const TOL = 1e-9;

interface Reference {
  numeric: {
    n1: number;
    n2: number;
    kind?: string;
    ref: string;
    cur: string;
    levene: { statistic: number; pvalue: number; mad_ref: number; mad_cur: number };
  }[];
  fsf: { f: number; d1: number; d2: number; sf: number }[];
}

const spec = {
  numeric: [
    { n1: 2100, n2: 300, shift: 0, scale: 1, seed: 21, kind: 't3' },
    { n1: 7000, n2: 1000, shift: 0, scale: 1.118, seed: 22, kind: 't3' },
    { n1: 700, n2: 100, shift: 0, scale: 1, seed: 23, kind: 'beta91' },
    { n1: 7000, n2: 1000, shift: 0.01, scale: 1.1, seed: 24, kind: 'beta91' },
    { n1: 70000, n2: 10000, shift: 0.1, scale: 1.05, seed: 25 },
    { n1: 101, n2: 99, shift: 0, scale: 2, seed: 26, kind: 'ties' },
    { n1: 5000, n2: 4000, shift: 0, scale: 1.3, seed: 27, kind: 'exponential' },
  ],
  fsf: [
    [0, 1, 10],
    [0.5, 1, 10],
    [3.84, 1, 2398],
    [10, 1, 7998],
    [40, 1, 79998],
    [300, 1, 2398],
    [2.5, 3, 17],
    [1e-6, 1, 500],
  ],
};

let ref: Reference;
beforeAll(() => {
  ref = scipyReference<Reference>(spec);
}, 120_000);

describe('Brown–Forsythe agrees with scipy.stats.levene(center="median")', () => {
  it.each(spec.numeric.map((c, i) => [`${c.n1}×${c.n2} ${c.kind ?? 'normal'}`, i] as const))(
    '%s',
    (_label, i) => {
      const c = ref.numeric[i]!;
      const a = readF64(c.ref).sort();
      const b = readF64(c.cur).sort();
      const dRef = dispersion(a);
      const dCur = dispersion(b);
      expect(relDiff(dRef.mad, c.levene.mad_ref)).toBeLessThanOrEqual(TOL);
      expect(relDiff(dCur.mad, c.levene.mad_cur)).toBeLessThanOrEqual(TOL);
      const t = brownForsythe(dCur, dRef);
      expect(relDiff(t.statistic, c.levene.statistic)).toBeLessThanOrEqual(TOL);
      expect(relDiff(t.pvalue, c.levene.pvalue)).toBeLessThanOrEqual(TOL);
    },
  );

  it.each(spec.fsf.map(([f, d1, d2]) => [f!, d1!, d2!] as const))(
    'f.sf(%f, %i, %i)',
    (f, d1, d2) => {
      const want = ref.fsf.find((x) => x.f === f && x.d1 === d1 && x.d2 === d2)!.sf;
      expect(relDiff(fSf(f, d1, d2), want)).toBeLessThanOrEqual(TOL);
    },
  );
});

describe('pure pieces', () => {
  it.each([
    ['odd', [1, 2, 9], 2],
    ['even: the mean of the middle two', [1, 2, 4, 9], 3],
    ['one value', [5], 5],
    ['empty', [], NaN],
  ] as const)('medianSorted, %s', (_l, xs, want) => {
    expect(medianSorted(Float64Array.from(xs))).toBe(want);
  });

  it.each([
    ['I_x(1,1) = x', 1, 1, 0.3, 0.3],
    ['I_x(2,1) = x²', 2, 1, 0.5, 0.25],
    ['I_x(1,2) = 1 − (1 − x)²', 1, 2, 0.5, 0.75],
    ['below 0', 2, 3, -1, 0],
    ['above 1', 2, 3, 2, 1],
  ] as const)('betaInc: %s', (_l, a, b, x, want) => {
    expect(betaInc(a, b, x)).toBeCloseTo(want, 14);
  });

  it.each([
    ['two constant windows: no evidence', [1, 1, 1], [1, 1, 1, 1], NaN, 1],
    ['one constant, one spread: certain', [1, 1, 1], [0, 0, 2, 2], Infinity, 0],
  ] as const)('brownForsythe, %s', (_l, x, y, stat, p) => {
    const t = brownForsythe(dispersion(Float64Array.from(x)), dispersion(Float64Array.from(y)));
    expect(t.statistic).toBe(stat);
    expect(t.pvalue).toBe(p);
  });

  // The draw is a sub-multiset of the sorted reference; the rest is what is left.
  const rest = (whole: readonly number[], draw: readonly number[]) => {
    const left = [...whole];
    for (const d of draw) left.splice(left.indexOf(d), 1);
    return Float64Array.from(left);
  };
  it.each([
    ['odd rest', [1, 2, 3, 4, 5, 6], [2, 6]],
    ['even rest', [1, 2, 3, 4, 5, 6, 7], [7, 1]],
    ['ties removed once', [1, 2, 2, 2, 3, 9], [2, 2]],
    ['draw at the top', [0, 1, 2, 3, 10, 20, 30], [10, 20, 30]],
  ] as const)('restMedian and scaleDraw, %s', (_l, whole, draw) => {
    const w = Float64Array.from(whole);
    const d = Float64Array.from([...draw].sort((a, b) => a - b));
    const r = rest([...whole], [...draw]);
    expect(restMedian(w, d)).toBe(medianSorted(r));
    const want = Math.log(dispersion(d).mad / dispersion(r).mad);
    expect(scaleDraw(w, d, prefixSums(w))).toBeCloseTo(want, 12);
  });
});
