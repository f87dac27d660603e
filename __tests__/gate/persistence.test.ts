/**
 * Persistence on the window's own evidence: the pure pieces (which slices moved most, the
 * reference at the same hours, Cochran's Q) and the rule end to end — a sustained change
 * alerts as it would without persistence, a spike confined to one slice is held back.
 */
import { describe, expect, it } from 'vitest';
import type { CheckConfig } from '../../src/gate/config.js';
import { evaluateGate } from '../../src/gate/index.js';
import { mostMoved, sameHoursOf, sliceParts } from '../../src/gate/persistence.js';
import {
  cochranQ,
  growing,
  heterogeneity,
  rankSliceEffect,
  sliceEffect,
} from '../../src/gate/stats/heterogeneity.js';
import { categorical, gate, input, labels, metrics, normals, series, T0 } from './helpers.js';

const HOUR = 3_600_000;

describe('mostMoved', () => {
  it.each<[string, (number | null)[], number, number[]]>([
    ['the largest', [0.1, 0.5, 0.2, 0.9], 2, [1, 3]],
    ['none to drop', [0.1, 0.5], 0, []],
    ['slices without a value never count as moved', [null, 0.1, null, 0.2], 2, [1, 3]],
    ['ties: the earlier slice first', [0.3, 0.3, 0.3], 1, [0]],
    ['NaN counts as unmoved', [NaN, 0.1], 1, [1]],
  ])('%s', (_l, effects, drop, want) => {
    expect([...mostMoved(effects, drop)].sort()).toEqual(want);
  });
});

describe('growing: a change along a line through the slices', () => {
  const eff = (d: number, g = 0) => ({ d, vd: 0.01, g, vg: 0.01 });
  it.each<[string, number[], number[], boolean]>([
    ['a ramp', [0, 0.1, 0.2, 0.3, 0.4, 0.5], [0, 0, 0, 0, 0, 0], true],
    ['a falling ramp', [0.5, 0.4, 0.3, 0.2, 0.1, 0], [0, 0, 0, 0, 0, 0], true],
    ['flat', [0.2, 0.2, 0.2, 0.2, 0.2, 0.2], [0, 0, 0, 0, 0, 0], false],
    ['a spike in the last slice fits no line', [0, 0, 0, 0, 0, 0.8], [0, 0, 0, 0, 0, 0], false],
    ['a spike in the middle fits no line', [0, 0, 0.8, 0.8, 0, 0], [0, 0, 0, 0, 0, 0], false],
    [
      'spread is not the trend test’s business',
      [0, 0.1, 0.2, 0.3, 0.4, 0.5],
      [0, 0, 0.6, 0, 0, 0],
      true,
    ],
  ])('%s', (_l, d, g, want) => {
    expect(
      growing(
        d.map((x, i) => eff(x, g[i])),
        0.1,
      ),
    ).toBe(want);
  });
});

describe('slices and the same hours of the reference', () => {
  // One sample per hour over two days, values = the hour index.
  const s = series(
    'x',
    Array.from({ length: 48 }, (_, i) => i),
  );
  const hourly = { ...s, timestamps: Float64Array.from({ length: 48 }, (_, i) => T0 + i * HOUR) };
  it.each<[string, [number, number][], number[]]>([
    ['one range', [[2, 4]], [2, 3]],
    [
      'two ranges',
      [
        [0, 1],
        [30, 32],
      ],
      [0, 30, 31],
    ],
    ['none', [], []],
  ])('sliceParts: %s', (_l, parts, want) => {
    const got = sliceParts(
      hourly,
      parts.map(([a, b]) => ({ start: T0 + a * HOUR, end: T0 + b * HOUR })),
    );
    expect([...got.values]).toEqual(want);
  });
  it.each<[string, [number, number][], number[]]>([
    ['the same hours on every day', [[2, 4]], [2, 3, 26, 27]],
    [
      'two parts',
      [
        [0, 1],
        [23, 24],
      ],
      [0, 23, 24, 47],
    ],
    ['a day or more keeps everything', [[0, 24]], Array.from({ length: 48 }, (_, i) => i)],
  ])('sameHoursOf: %s', (_l, parts, want) => {
    const got = sameHoursOf(
      hourly,
      parts.map(([a, b]) => ({ start: T0 + 48 * HOUR + a * HOUR, end: T0 + 48 * HOUR + b * HOUR })),
    );
    expect([...got.values]).toEqual(want);
  });
});

describe("Cochran's Q", () => {
  it.each<[string, number[], number[], number]>([
    ['equal effects: 0', [0.2, 0.2, 0.2], [0.01, 0.02, 0.03], 0],
    ['two effects, unit variances: (a − b)²/2', [0, 2], [1, 1], 2],
    ['weighted mean: Σ (d − d̄)²/v', [0, 3], [1, 2], 3],
  ])('%s', (_l, d, v, q) => {
    expect(cochranQ(d, v).q).toBeCloseTo(q, 12);
  });

  const slices = (shift: (i: number) => number, scale: (i: number) => number) =>
    Array.from({ length: 6 }, (_, i) =>
      rankSliceEffect(normals(400, 100 + i, shift(i), scale(i)), normals(2800, 200 + i)),
    );
  it.each<[string, (i: number) => number, (i: number) => number, boolean, boolean]>([
    ['nothing changed: alike', () => 0, () => 1, false, false],
    ['the same shift everywhere: alike', () => 0.3, () => 1, false, false],
    ['the same spread change everywhere: alike', () => 0, () => 1.3, false, false],
    ['a 1σ spike in one slice: location differs', (i) => (i === 2 ? 1 : 0), () => 1, true, false],
    ['spread doubled in one slice: spread differs', () => 0, (i) => (i === 4 ? 2 : 1), false, true],
  ])('%s', (_l, shift, scale, location, spread) => {
    const h = heterogeneity(slices(shift, scale))!;
    expect(h.location.dof).toBe(5);
    expect(h.spread.dof).toBe(5);
    expect(h.location.pvalue < 0.01).toBe(location);
    expect(h.spread.pvalue < 0.01).toBe(spread);
  });

  it('fewer than two usable slices: no verdict', () => {
    expect(heterogeneity([null, sliceEffect(normals(50, 1), normals(50, 2))])).toBeNull();
  });
});

describe('persistence on a distribution check, end to end', () => {
  // One sample per minute for a day; the reference is the day before.
  const ref = series('x', normals(1440, 7), T0 - 24 * HOUR);
  const check = (persistence?: { windows: number; breaches: number }): CheckConfig => ({
    series: 'x',
    statistic: 'wasserstein_normed',
    ...(persistence ? { persistence } : {}),
  });
  const judge = (values: Float64Array) => {
    const checks = [
      check(),
      check({ windows: 6, breaches: 4 }),
      check({ windows: 6, breaches: 1 }),
    ];
    return evaluateGate(gate(checks), input(metrics([series('x', values)], [ref]))).checks;
  };

  it('a shift present in the whole window alerts as without persistence', () => {
    const cur = normals(1440, 8, 0.5);
    const [plain, held, one] = judge(cur);
    expect(plain!.status).toBe('alert');
    expect(held!.status).toBe('alert');
    expect(held!.detail!.persistence).toBe('confirmed');
    expect(held!.note).toMatch(/alike in all 6 slices/);
    expect(one!.status).toBe('alert');
  });

  it('a 2-hour spike is held back; 1 of 6 slices asks for no persistence at all', () => {
    const cur = normals(1440, 9);
    for (let i = 600; i < 720; i++) cur[i] = (cur[i] as number) + 3;
    const [plain, held, one] = judge(cur);
    expect(plain!.status).toBe('alert');
    expect(held!.status).toBe('ok');
    expect(held!.detail!.persistence).toBe('held_back');
    expect(held!.detail!.persistence_whole_window).toBe('alert');
    expect(held!.note).toMatch(
      /held back by persistence: the slices differ, and without the 3 of 6 that moved most \(.*08:00–12:00.* UTC\)/,
    );
    expect(one!.status).toBe('alert');
  });

  it('a change that grows through the window stands on the slices that moved least', () => {
    const cur = normals(1440, 10);
    for (let i = 0; i < 1440; i++) cur[i] = (cur[i] as number) + (1.5 * i) / 1440;
    const [plain, held] = judge(cur);
    expect(plain!.status).toBe('alert');
    expect(held!.status).not.toBe('ok');
    expect(held!.note).toMatch(/grows along a line through 24 slices/);
  });

  it('a spread change over the whole window alerts as without persistence', () => {
    const checks = [
      { series: 'x', statistic: 'scale' as const },
      { series: 'x', statistic: 'scale' as const, persistence: { windows: 6, breaches: 4 } },
    ];
    const cur = normals(1440, 11, 0, 1.3);
    const [plain, held] = evaluateGate(
      gate(checks),
      input(metrics([series('x', cur)], [ref])),
    ).checks;
    expect(plain!.status).toBe('alert');
    expect(held!.status).toBe('alert');
    expect(held!.detail!.persistence).toBe('confirmed');
  });
});

describe('persistence end to end on a heavy-tailed series and on a category', () => {
  /** Student-t with 3 degrees of freedom, scaled to unit variance: outliers in every hour. */
  const t3 = (n: number, seed: number) => {
    const z = normals(n, seed);
    const c = [1, 2, 3].map((k) => normals(n, seed * 10 + k));
    return z.map(
      (v, i) => v / Math.sqrt(c.reduce((s, x) => s + (x[i] as number) ** 2, 0) / 3) / Math.sqrt(3),
    );
  };
  const both = (statistic: 'wasserstein_normed' | 'psi') => [
    { series: 'x', statistic },
    { series: 'x', statistic, persistence: { windows: 6, breaches: 4 } },
  ];

  it('a 2-hour spike on a t(3) series is held back', () => {
    const ref = series('x', t3(1440, 21), T0 - 24 * HOUR);
    const cur = t3(1440, 22);
    for (let i = 300; i < 420; i++) cur[i] = (cur[i] as number) + 3;
    const [plain, held] = evaluateGate(
      gate(both('wasserstein_normed')),
      input(metrics([series('x', cur)], [ref])),
    ).checks;
    expect(['warn', 'alert']).toContain(plain!.status);
    expect(held!.status).toBe('ok');
    expect(held!.detail!.persistence).toBe('held_back');
    expect(held!.note).toMatch(/held back by persistence: the slices differ/);
  });

  it('a sustained category-mix change alerts as without persistence', () => {
    const mix = (top: number) => ({ a: top, b: 0.3, c: 0.2, d: 0.16, e: 0.34 - top + 0.0 });
    const ref = categorical('x', labels(1440, mix(0.34), 23), T0 - 24 * HOUR);
    const cur = categorical('x', labels(1440, mix(0.2), 24));
    const [plain, held] = evaluateGate(gate(both('psi')), input(metrics([cur], [ref]))).checks;
    expect(plain!.status).toBe('alert');
    expect(held!.status).toBe('alert');
    expect(held!.detail!.persistence).toBe('confirmed');
    expect(held!.note).toMatch(/mix change is alike in all 6 slices/);
  });
});
