import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/gate/index.js';
import type { CheckConfig } from '../../src/gate/config.js';
import { buildProfile, KEYED_MIN } from '../../src/gate/profile.js';
import { binCountsSorted } from '../../src/gate/stats/bins.js';
import { sortFinite } from '../../src/gate/stats/clean.js';
import { finiteRange } from '../../src/gate/stats/keyed-passes.js';
import { keyGrid, KeyedWindow } from '../../src/gate/stats/keyed-window.js';
import { compareKeyed } from '../../src/gate/stats/keyed-walk.js';
import { quantileSorted } from '../../src/gate/stats/quantile.js';
import { compareSorted, stdPopulation } from '../../src/gate/stats/wasserstein.js';
import { gate, input, metrics, normals, series, specials } from './helpers.js';

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
const map = (a: Float64Array, f: (x: number, i: number) => number) => a.map(f);

function keyed(a: Float64Array, b: Float64Array): [KeyedWindow, KeyedWindow] {
  const ra = finiteRange(a);
  const rb = finiteRange(b);
  const grid = keyGrid(a, b, ra, rb);
  if (!grid) throw new Error('no grid');
  return [new KeyedWindow(a, grid, ra), new KeyedWindow(b, grid, rb)];
}

// Each pair: reference, current. Ties within and across the windows, both zeros, NaN and ±Inf,
// a narrow spread far from zero, heavy tails, and windows of very different sizes.
const PAIRS: [string, Float64Array, Float64Array][] = [
  ['normal, shifted and wider', normals(60_000, 1), normals(20_000, 2, 0.05, 1.05)],
  ['normal, no change', normals(50_000, 3), normals(50_000, 4)],
  [
    'integers 0…19 (ties everywhere)',
    map(normals(40_000, 5), (x) => Math.min(19, Math.max(0, Math.round(x * 4 + 10)))),
    map(normals(9000, 6), (x) => Math.min(19, Math.max(0, Math.round(x * 4 + 10.5)))),
  ],
  [
    'both zeros among one-decimal values',
    map(normals(30_000, 7), (x, i) => (i % 5 === 0 ? (i % 2 ? 0 : -0) : Math.round(x * 10) / 10)),
    map(normals(30_000, 8), (x, i) => (i % 7 === 0 ? -0 : Math.round(x * 10) / 10)),
  ],
  ['NaN, ±Inf, ±0, denormals, huge values', specials(40_000, 9), specials(25_000, 10)],
  [
    'a narrow spread far from zero',
    map(normals(30_000, 11), (x) => 1e6 + x * 1e-3),
    map(normals(30_000, 12), (x) => 1e6 + x * 1e-3 + 1e-4),
  ],
  [
    'lognormal σ = 3',
    map(normals(30_000, 13), (x) => Math.exp(3 * x)),
    map(normals(30_000, 14), (x) => Math.exp(3 * x + 0.1)),
  ],
  ['a small current window', normals(80_000, 15), normals(40, 16, 0.5)],
  ['a constant current window', normals(20_000, 17), new Float64Array(5000).fill(0.25)],
  ['disjoint windows', normals(20_000, 18), normals(20_000, 19, 100)],
];

describe('a key grid gives what the sorted windows give', () => {
  it.each(PAIRS)('%s', (_label, ref, cur) => {
    const [a, b] = keyed(ref, cur);
    const sa = sortFinite(ref).sorted;
    const sb = sortFinite(cur).sorted;
    const got = compareKeyed(a, b);
    const want = compareSorted(sa, sb);
    // KS extremes bit for bit (scipy's i/n1 − j/n2), W1 from sums per key within 1e-12
    expect([got.maxS, got.minS]).toEqual([want.maxS, want.minS]);
    expect(Object.is(got.maxS, want.maxS) && Object.is(got.minS, want.minS)).toBe(true);
    expect(rel(got.w1, want.w1)).toBeLessThanOrEqual(1e-12);
    const qs = [0, 0.001, 0.1, 0.25, 0.5, 0.9, 0.95, 0.999, 1];
    for (const [w, s] of [
      [a, sa],
      [b, sb],
    ] as const) {
      const q = w.quantiles(qs);
      qs.forEach((p, i) => expect(Object.is(q[i], quantileSorted(s, p))).toBe(true));
      const sd = stdPopulation(s);
      // values near 1e300 overflow the squares on both paths (Infinity or NaN)
      if (Number.isFinite(sd)) expect(rel(w.std(), sd)).toBeLessThanOrEqual(1e-12);
      else expect(Number.isFinite(w.std())).toBe(false);
      expect(w.finite).toBe(s.length);
    }
    const edges = Float64Array.from(a.quantiles([0.1, 0.3, 0.5, 0.7, 0.9]));
    edges.sort();
    const extra = Float64Array.of(-Infinity, sa[0] as number, (sa[sa.length - 1] as number) + 1);
    for (const e of [edges, extra.sort()]) {
      expect(Array.from(a.binCounts(e))).toEqual(Array.from(binCountsSorted(sa, e)));
      expect(Array.from(b.binCounts(e))).toEqual(Array.from(binCountsSorted(sb, e)));
    }
  });
});

describe('the profile a series gets', () => {
  it('is keyed for large windows when asked, and sorted otherwise', () => {
    const big = series('x', normals(KEYED_MIN, 1));
    const big2 = series('x', normals(KEYED_MIN, 2));
    const small = series('x', normals(KEYED_MIN - 1, 3));
    expect(buildProfile(big, big2, sortFinite, Infinity, true).kind).toBe('keyed');
    expect(buildProfile(big, big2, sortFinite, Infinity, false).kind).toBe('numeric');
    expect(buildProfile(big, small, sortFinite, Infinity, true).kind).toBe('numeric');
    // all values equal: no range to put keys on
    const flat = series('x', new Float64Array(KEYED_MIN).fill(2));
    expect(buildProfile(flat, flat, sortFinite, Infinity, true).kind).toBe('numeric');
  });
});

describe('the gate on large windows', () => {
  // The same windows judged twice: with the key-grid check set, and with a location check
  // added, which needs the sorted windows, so the series is sorted. Every shared value agrees.
  const n = KEYED_MIN + 1000;
  const ref = map(normals(n, 21), (x, i) => (i % 997 === 0 ? NaN : x));
  const cur = map(normals(n, 22, 0.03, 1.02), (x, i) => (i % 1009 === 0 ? Infinity : x));
  const base: CheckConfig[] = [
    { series: 'x', statistic: 'psi' },
    { series: 'x', statistic: 'ks' },
    { series: 'x', statistic: 'wasserstein_normed' },
    { series: 'x', statistic: 'wasserstein', alert: 1 },
    { series: 'x', statistic: 'js', bins: 7 },
    { series: 'x', statistic: 'chi2' },
    { series: 'x', statistic: 'missing_rate' },
    { series: 'x', statistic: 'mean', alert: -1 },
    { series: 'x', statistic: 'p95', direction: 'above', alert: 10 },
    { series: 'x', statistic: 'median', direction: 'above', alert: 10 },
    { series: 'x', statistic: 'count', direction: 'below', alert: 1 },
  ];
  const run = (checks: CheckConfig[]) =>
    evaluateGate(gate(checks), input(metrics([series('x', cur)], [series('x', ref)]))).checks;

  it('agrees with the sorted windows on every value', () => {
    const fast = run(base);
    const sorted = run([...base, { series: 'x', statistic: 'location' }]);
    for (const [i, c] of fast.entries()) {
      const s = sorted[i]!;
      expect(c.statistic).toBe(s.statistic);
      if (typeof s.value === 'number' && typeof c.value === 'number')
        expect(rel(c.value, s.value)).toBeLessThanOrEqual(1e-12);
      else expect(c.value).toBe(s.value);
      for (const k of ['statistic', 'pvalue', 'ks', 'chi2', 'reference_std', 'wasserstein'])
        if (typeof s.detail?.[k] === 'number')
          expect(rel(c.detail![k] as number, s.detail[k] as number)).toBeLessThanOrEqual(1e-12);
      expect(c.samples).toEqual(s.samples);
    }
    // the windows really differ: the check set sees it
    expect(fast.find((c) => c.statistic === 'ks')!.status).not.toBe('ok');
  });
});
