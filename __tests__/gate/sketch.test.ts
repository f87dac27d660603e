import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/gate/index.js';
import type { CheckConfig } from '../../src/gate/config.js';
import { sortFinite } from '../../src/gate/stats/clean.js';
import { NumericSummary, summarize } from '../../src/gate/stats/numeric-summary.js';
import { QuantileSketch } from '../../src/gate/stats/quantile-sketch.js';
import { compareSketches, exactSide, sideOf } from '../../src/gate/stats/sketch-compare.js';
import { compareSorted, stdPopulation } from '../../src/gate/stats/wasserstein.js';
import { gate, input, metrics, normals, series, T0 } from './helpers.js';
import type { MetricsResult, Series } from '../../src/metrics/types.js';

const n = 200_000;
const DISTRIBUTIONS: [string, Float64Array][] = [
  ['normal', normals(n, 1)],
  ['lognormal (heavy right tail)', normals(n, 2).map(Math.exp)],
  ['few distinct values (ties)', normals(n, 3).map((v) => Math.round(v * 2))],
  ['ascending input', Float64Array.from({ length: n }, (_, i) => i / n)],
  ['descending input', Float64Array.from({ length: n }, (_, i) => (n - i) / n)],
];

/** max over x of |F̂(x) − F(x)| at every distinct value of the sample. */
function maxCdfError(values: Float64Array, sketch: QuantileSketch): number {
  const sorted = sortFinite(values).sorted;
  const side = sideOf(sketch);
  let worst = 0;
  let j = 0;
  for (let i = 0; i < sorted.length;) {
    const v = sorted[i] as number;
    while (i < sorted.length && sorted[i] === v) i++;
    while (j < side.values.length && (side.values[j] as number) <= v) j++;
    const est = j ? (side.cum[j - 1] as number) : 0;
    worst = Math.max(worst, Math.abs(est - i) / sorted.length);
  }
  return worst;
}

describe('QuantileSketch: the tracked rank-error bound holds everywhere', () => {
  it.each(DISTRIBUTIONS)('%s, k = 512, in batches of 10 000', (_name, values) => {
    const s = new QuantileSketch(512);
    for (let i = 0; i < values.length; i += 10_000) s.add(values.subarray(i, i + 10_000));
    expect(s.count).toBe(values.length);
    expect(s.exact).toBe(false);
    const err = maxCdfError(values, s);
    expect(err).toBeLessThanOrEqual(s.epsilon);
    // the deterministic bound: one compaction's weight per level and pass, (log2(n/k) + 1)/k
    expect(s.epsilon).toBeLessThanOrEqual((Math.log2(values.length / 512) + 1) / 512);
    expect(s.min).toBe(
      Math.min(...values.subarray(0, 1000), ...sortFinite(values).sorted.subarray(0, 1)),
    );
    expect(s.max).toBe(sortFinite(values).sorted.at(-1));
  });

  it('holds every value, exactly, until its first compaction', () => {
    const v = normals(1000, 4);
    const s = new QuantileSketch(4096);
    s.add(v);
    expect(s.exact).toBe(true);
    expect(maxCdfError(v, s)).toBe(0);
    expect(Array.from(s.items().values)).toEqual(Array.from(sortFinite(v).sorted));
  });

  it('merging sketches of parts keeps the bound of the whole', () => {
    const v = normals(n, 5);
    const parts = [0, 1, 2, 3].map((p) => {
      const s = new QuantileSketch(512);
      s.add(v.subarray((p * n) / 4, ((p + 1) * n) / 4));
      return s;
    });
    const whole = parts[0]!;
    for (const p of parts.slice(1)) whole.merge(p);
    expect(whole.count).toBe(n);
    expect(maxCdfError(v, whole)).toBeLessThanOrEqual(whole.epsilon);
    expect(whole.epsilon).toBeLessThanOrEqual((Math.log2(n / 512) + 2) / 512);
  });

  it('at 100M values and the default k the KS bound is ≤ 0.005: the bound depends on n/k alone', () => {
    // 100 000 000 / 65 536 ≈ 1526 values per slot; the same ratio at k = 256, fed as the reader
    // feeds it (sorted 1M-row batches scaled by 1/256).
    const k = 256;
    const s = new QuantileSketch(k);
    const total = Math.round((100_000_000 / 65_536) * k);
    const batch = Math.round(1_000_000 / 256);
    for (let o = 0; o < total; o += batch) {
      const m = Math.min(batch, total - o);
      s.addSorted(Float64Array.from({ length: m }, (_, i) => Math.sin(o + i)).sort());
    }
    const epsAtDefault = (s.epsilon * k) / 65_536;
    expect(2 * epsAtDefault).toBeLessThanOrEqual(0.005);
    expect(2 * epsAtDefault).toBeLessThan(0.0005);
  });
});

describe('sketch comparisons stay within their stated bounds of the exact values', () => {
  it.each<[string, Float64Array, Float64Array]>([
    ['no change', normals(n, 11), normals(n / 2, 12)],
    ['0.05σ shift', normals(n, 13), normals(n / 2, 14, 0.05)],
    ['spread × 1.2', normals(n, 15), normals(n / 2, 16, 0, 1.2)],
    ['lognormal, shifted', normals(n, 17).map(Math.exp), normals(n / 2, 18, 0.1).map(Math.exp)],
    [
      'ties',
      normals(n, 19).map((v) => Math.round(v * 3)),
      normals(n / 2, 20, 0.1).map((v) => Math.round(v * 3)),
    ],
  ])('%s', (_name, a, b) => {
    const sa = new QuantileSketch(1024);
    const sb = new QuantileSketch(1024);
    sa.add(a);
    sb.add(b);
    const exact = compareSorted(sortFinite(a).sorted, sortFinite(b).sorted);
    const est = compareSketches(sideOf(sa), sideOf(sb));
    const d = (c: { maxS: number; minS: number }) => Math.max(c.maxS, c.minS);
    expect(Math.abs(d(est) - d(exact))).toBeLessThanOrEqual(est.ksBound);
    expect(Math.abs(est.w1 - exact.w1)).toBeLessThanOrEqual(est.w1Bound);
    expect(est.ksBound).toBeGreaterThan(0);
    // an exact side against itself: no error, no bound
    const self = compareSketches(exactSide(sortFinite(a).sorted), exactSide(sortFinite(b).sorted));
    expect(self.w1).toBeCloseTo(exact.w1, 12);
    expect(d(self)).toBe(d(exact));
    expect(self.w1Bound).toBe(0);
  });
});

describe('NumericSummary: exact under the limit, a sketch above it', () => {
  const v = normals(50_000, 21);
  v[5] = NaN;
  v[6] = Infinity;
  v[7] = -Infinity;

  it('under the limit: the same sorted values, counts and moments as the in-memory path', () => {
    const side = summarize(v, { exactMax: 100_000 }, 4096).finish();
    expect(side.exact).toBe(true);
    if (!side.exact) return;
    const ref = sortFinite(v);
    expect(side.cleaned).toMatchObject({ total: ref.total, nan: 1, inf: 2 });
    expect(Array.from(side.cleaned.sorted)).toEqual(Array.from(ref.sorted));
    expect(Math.sqrt(side.moments.m2 / side.moments.n)).toBeCloseTo(stdPopulation(ref.sorted), 12);
  });

  it("a reader's plain array: null is missing, like NaN", () => {
    const s = new NumericSummary();
    s.push([1, null, 2, NaN, Infinity, 3]);
    const side = s.finish();
    expect(side.exact && Array.from(side.cleaned.sorted)).toEqual([1, 2, 3]);
    expect(side.exact && side.cleaned).toMatchObject({ total: 6, nan: 2, inf: 1 });
  });

  it('over the limit: a sketch with the exact counts and moments', () => {
    const s = new NumericSummary({ exactMax: 10_000, k: 1024 });
    for (let i = 0; i < v.length; i += 4096) s.push(v.subarray(i, i + 4096));
    expect(s.sketched).toBe(true);
    const side = s.finish();
    expect(side.exact).toBe(false);
    if (side.exact) return;
    expect(side).toMatchObject({ total: 50_000, nan: 1, inf: 2 });
    expect(side.sketch.count).toBe(49_997);
    const ref = sortFinite(v).sorted;
    expect(Math.sqrt(side.moments.m2 / side.moments.n)).toBeCloseTo(stdPopulation(ref), 12);
  });
});

describe('the gate above exact_max_samples: approximate values say so, within their bound', () => {
  const ref = normals(120_000, 31);
  const cur = normals(60_000, 32, 0.1);
  const checks: CheckConfig[] = [
    { series: 'x', statistic: 'ks' },
    { series: 'x', statistic: 'wasserstein_normed', warn: 0.05, alert: 0.2 },
    { series: 'x', statistic: 'psi', warn: 0.1, alert: 0.25 },
    { series: 'x', statistic: 'scale', warn: 0.1, alert: 0.2 },
    { series: 'x', statistic: 'missing_rate', warn: 0.05, alert: 0.2 },
    { series: 'x', statistic: 'location', warn: 0.02, alert: 0.05 },
  ];
  const m = metrics([series('x', cur)], [series('x', ref)]);
  const exact = evaluateGate(gate(checks), input(m)).checks;
  const approx = evaluateGate(gate(checks, { exact_max_samples: 50_000 }), input(m)).checks;

  it.each([
    ['ks', 0, 'statistic'],
    ['wasserstein_normed', 1, null],
    ['psi', 2, null],
  ] as const)('%s: marked approximate, |sketch − exact| ≤ error_bound', (_s, i, field) => {
    const a = approx[i]!;
    const e = exact[i]!;
    expect(a.detail).toMatchObject({ approximate: 'quantile sketch' });
    const bound = Number(a.detail?.error_bound);
    expect(bound).toBeGreaterThan(0);
    const value = (c: typeof a) => (field ? Number(c.detail?.[field]) : Number(c.value));
    expect(Math.abs(value(a) - value(e))).toBeLessThanOrEqual(bound);
    expect(a.status).toBe(e.status);
  });

  it('missing_rate stays exact: same value, no approximate mark', () => {
    expect(approx[4]!.value).toBeCloseTo(exact[4]!.value as number, 10);
    expect(approx[4]!.detail?.approximate).toBeUndefined();
  });

  it('scale: Brown–Forsythe from the sketch, marked approximate, near the exact value and test', () => {
    const a = approx[3]!;
    const e = exact[3]!;
    expect(a.detail).toMatchObject({ approximate: 'quantile sketch', test: 'brown-forsythe' });
    for (const k of ['dispersion_current', 'dispersion_reference'])
      expect(Math.abs(Number(a.detail?.[k]) / Number(e.detail?.[k]) - 1)).toBeLessThan(1e-3);
    expect(Math.abs((a.value as number) - (e.value as number))).toBeLessThan(1e-3);
    expect(Math.abs(Number(a.detail?.levene_w) - Number(e.detail?.levene_w))).toBeLessThan(
      0.05 * Number(e.detail?.levene_w) + 0.5,
    );
    expect(a.status).toBe(e.status);
  });

  it('location: Mann–Whitney from the sketches, marked approximate, |AUC − exact| ≤ error_bound', () => {
    const a = approx[5]!;
    const e = exact[5]!;
    expect(a.detail).toMatchObject({ approximate: 'quantile sketch', test: 'mann-whitney' });
    const bound = Number(a.detail?.error_bound);
    expect(bound).toBeGreaterThan(0);
    expect(Math.abs(Number(a.detail?.auc) - Number(e.detail?.auc))).toBeLessThanOrEqual(bound);
    expect(Number(e.detail?.auc)).toBeGreaterThan(0.5);
    expect(a.status).toBe(e.status);
  });

  it('exact_max_samples below 1000 is a configuration error naming the field', () => {
    expect(() => evaluateGate(gate(checks, { exact_max_samples: 10 }), input(m))).toThrow(
      /exact_max_samples/,
    );
  });
});

describe('auto levels with the reference over exact_max_samples', () => {
  // A week of reference and a day of current samples, so auto thresholds draw from the
  // reference; on the sketch path each draw is compared with the whole reference it is part
  // of, which only the 1/(1 − w) correction makes as spread as the exact path's draws against
  // the rest (without it the scale levels came out about 14 % low: too narrow a band).
  const DAY = 86_400_000;
  const spread = (name: string, v: Float64Array, start: number, days: number): Series => {
    const t = Float64Array.from(v, (_, i) => start + (i * days * DAY) / v.length);
    return { name, timestamps: t, values: v };
  };
  const m: MetricsResult = {
    source: 'test',
    queries: [],
    current: {
      name: 'current',
      range: { start: T0, end: T0 + DAY },
      series: { x: spread('x', normals(20_000, 41), T0, 1) },
    },
    reference: {
      name: 'reference',
      range: { start: T0 - 7 * DAY, end: T0 },
      series: { x: spread('x', normals(140_000, 42), T0 - 7 * DAY, 7) },
    },
    points: {},
    warnings: [],
  };
  const checks: CheckConfig[] = [{ series: 'x', statistic: 'scale' }];
  const exact = evaluateGate(gate(checks), input(m)).checks[0]!;
  const approx = evaluateGate(gate(checks, { exact_max_samples: 50_000 }), input(m)).checks[0]!;

  it('scale: the same levels as the exact path within 5 %', () => {
    expect(exact.detail?.thresholds).toBe('auto');
    expect(approx.detail).toMatchObject({ thresholds: 'auto', approximate: 'quantile sketch' });
    expect(Math.abs((approx.warn as number) / (exact.warn as number) - 1)).toBeLessThan(0.05);
    expect(Math.abs((approx.alert as number) / (exact.alert as number) - 1)).toBeLessThan(0.05);
  });
});
