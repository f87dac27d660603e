import { describe, expect, it } from 'vitest';
import { evaluatePerformance } from '../../src/gate/performance.js';
import {
  benjaminiHochberg,
  chunkLimits,
  dropTest,
  floorTest,
} from '../../src/performance/compare.js';
import { normalCdf, normalQuantile, wilson } from '../../src/performance/intervals.js';
import { binaryLog, CURRENT, REFERENCE } from './helpers.js';

describe('the arithmetic of "worse beyond noise"', () => {
  it.each([
    // p-values, q → discoveries (step-up: the largest k with p_(k) ≤ k q / m, and all below it)
    [[0.01, 0.04, 0.03, 0.5], 0.05, [true, false, false, false]],
    [[0.01, 0.02, 0.03, 0.04], 0.05, [true, true, true, true]],
    [[0.2, 0.3], 0.05, [false, false]],
    [[0.001, 0.9, 0.012, 0.04, 0.02], 0.05, [true, false, true, true, true]],
  ])('Benjamini–Hochberg %j at %s', (p, q, want) => {
    expect(benjaminiHochberg(p, q)).toEqual(want);
  });

  it('normal quantile and CDF agree with the tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740408408, 12);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 14);
  });

  it('Wilson interval equals scipy.stats.binomtest(90, 100).proportion_ci(method="wilson")', () => {
    const [lo, hi] = wilson(90, 100);
    expect(lo).toBeCloseTo(0.8256343384950865, 12);
    expect(hi).toBeCloseTo(0.9447708629393249, 12);
  });

  it('drop and floor tests are one-sided and honour the margin', () => {
    const cur = { metric: 'accuracy', value: 0.85, se: 0.01, n: 1000 };
    const ref = { metric: 'accuracy', value: 0.9, se: 0.005, n: 7000 };
    const t = dropTest(cur, ref, 'higher')!;
    expect(t.worse).toBeCloseTo(0.05, 12);
    expect(t.z).toBeCloseTo(0.05 / Math.hypot(0.01, 0.005), 12);
    expect(dropTest(cur, ref, 'higher', 0.05)!.p).toBeCloseTo(0.5, 12);
    expect(floorTest(cur, 0.8, 'higher')!.p).toBeGreaterThan(0.99);
    // Losses: higher is worse.
    expect(dropTest({ ...cur, value: 0.3 }, { ...ref, value: 0.2 }, 'lower')!.worse).toBeCloseTo(
      0.1,
      12,
    );
  });

  it('chunk limits: the bad side only, k standard deviations', () => {
    const l = chunkLimits([0.9, 0.91, 0.89, 0.9], 'higher', 3, 3.5)!;
    expect(l.mean).toBeCloseTo(0.9, 12);
    expect(l.alert).toBeLessThan(l.warn);
    expect(chunkLimits([0.9, 0.91], 'higher', 3, 3.5)).toBeNull();
  });
});

describe('a segment column with ten thousand values', () => {
  it('judges the large segments, counts the rest as too small', () => {
    const log = binaryLog({
      reference: { n: 7000, accuracy: 0.9 },
      current: {
        n: 12_000,
        accuracy: 0.9,
        segment: (i) => (i % 2 === 0 ? 'big' : `tiny-${i % 10_000}`),
      },
    });
    const { report } = evaluatePerformance(
      [{ metric: 'accuracy', segment: 'country', floor: 0.8 }],
      { log, current: CURRENT, reference: REFERENCE },
    );
    const s = report.checks[0]!.segment!;
    expect(s.values).toBeGreaterThan(5000);
    expect(s.judged).toBe(1);
    expect(s.tooSmall).toBe(s.values - 2); // "all" (the reference's) has no current rows
    expect(report.checks[0]!.reason).toMatch(/values below 200 labelled predictions, not judged/);
  });
});
