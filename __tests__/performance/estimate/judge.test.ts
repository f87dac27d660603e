/**
 * Checks on estimated metrics: floor, drop from the reference, reference-chunk levels; alert
 * only beyond the interval; `unreliable` never reads `ok`; too few rows or a failed estimate
 * is `insufficient`.
 */
import { describe, expect, it } from 'vitest';
import { referenceChunkLevels } from '../../../src/performance/estimate/chunks.js';
import { fitEstimator } from '../../../src/performance/estimate/estimator.js';
import { judgeEstimated, type EstimatedCheck } from '../../../src/performance/estimate/judge.js';
import type { PerformanceEstimate } from '../../../src/performance/estimate/types.js';
import { binaryWindow, TestRng } from './helpers.js';

function estimate(
  value: number | null,
  interval: [number, number] | null,
  opts: { n?: number; reasons?: string[]; reference?: number } = {},
): PerformanceEstimate {
  const reasons = opts.reasons ?? [];
  return {
    task: 'binary',
    classes: ['0', '1'],
    n: opts.n ?? 1000,
    referenceN: 7000,
    metrics: [
      {
        metric: 'accuracy',
        average: 'binary',
        value,
        interval,
        level: 0.95,
        intervalMethod: 'poisson-binomial',
        reference: opts.reference ?? 0.9,
        ...(value === null ? { note: 'the window has no predictions' } : {}),
      },
    ],
    calibration: {
      method: 'isotonic',
      applied: false,
      eceBefore: 0.01,
      eceAfter: 0.02,
      eceUsed: 0.01,
      folds: 3,
      bins: 10,
    },
    support: { basis: 'scores', outsideShare: 0, limit: 0.02, columns: [] },
    atc: { accuracy: 0.9, threshold: -0.3, difference: 0, tolerance: 0.06 },
    reliability: { reliable: reasons.length === 0, reasons },
    assumptions: [],
  };
}

const floor = (v: number): EstimatedCheck => ({ metric: 'accuracy', floor: v, minRows: 300 });
const drop = (v: number): EstimatedCheck => ({ metric: 'accuracy', maxDrop: v, minRows: 300 });
const auto = (lower: number): EstimatedCheck => ({
  metric: 'accuracy',
  auto: { mean: lower + 0.03, sd: 0.01, lower, chunks: 7, chunkSize: 1000 },
  minRows: 300,
});

describe('judging an estimated metric', () => {
  it.each([
    [
      'above the floor',
      floor(0.85),
      estimate(0.88, [0.86, 0.9]),
      'ok',
      /at or above 0\.850 \(floor\)/,
    ],
    [
      'below the floor beyond the interval',
      floor(0.85),
      estimate(0.8, [0.78, 0.82]),
      'alert',
      /below 0\.850 \(floor\) beyond its interval/,
    ],
    [
      'below the floor within the interval',
      floor(0.85),
      estimate(0.84, [0.82, 0.86]),
      'warn',
      /within its interval/,
    ],
    [
      'a drop from the reference beyond noise',
      drop(0.05),
      estimate(0.8, [0.78, 0.83]),
      'alert',
      /below 0\.850 \(reference drop\)/,
    ],
    ['a small drop', drop(0.05), estimate(0.87, [0.85, 0.89]), 'ok', /reference drop/],
    [
      'below the chunks’ lower level',
      auto(0.86),
      estimate(0.8, [0.78, 0.83]),
      'alert',
      /reference chunks/,
    ],
    [
      'the strictest level wins',
      { ...floor(0.7), maxDrop: 0.02 },
      estimate(0.86, [0.84, 0.87]),
      'alert',
      /0\.880 \(reference drop\)/,
    ],
    [
      'unreliable and fine: never ok',
      floor(0.85),
      estimate(0.9, [0.88, 0.92], { reasons: ['12 % outside'] }),
      'unreliable',
      /cannot be trusted \(it would read at or above.*12 % outside/,
    ],
    [
      'unreliable and alerting: unreliable, not alert',
      floor(0.85),
      estimate(0.7, [0.68, 0.72], { reasons: ['ATC disagrees'] }),
      'unreliable',
      /would read below 0\.850/,
    ],
    [
      'too few rows',
      floor(0.85),
      estimate(0.9, [0.8, 0.95], { n: 120 }),
      'insufficient',
      /120 predictions in the window; an estimate needs at least 300/,
    ],
    [
      'a failed estimate',
      floor(0.85),
      estimate(null, null),
      'insufficient',
      /could not be computed: the window has no predictions/,
    ],
  ] as const)('%s', (_, check, est, status, message) => {
    const r = judgeEstimated(check, est);
    expect(r.status).toBe(status);
    expect(r.message).toMatch(message);
  });

  it('a check with no level is a programming error, not a silent ok', () => {
    expect(() =>
      judgeEstimated({ metric: 'accuracy', minRows: 1 }, estimate(0.9, [0.8, 0.95])),
    ).toThrow(/needs a floor, a max drop or auto levels/);
  });
});

describe('levels from reference chunks', () => {
  const rng = new TestRng(8);
  const est = fitEstimator(binaryWindow(7000, rng), ['0', '1']);
  it('mean − 3 sd of the estimate over chunks of the window’s size', () => {
    const r = referenceChunkLevels(est, 'accuracy', 1000);
    if ('fallback' in r) throw new Error(r.fallback);
    expect(r.chunks).toBe(7);
    expect(r.lower).toBeCloseTo(r.mean - 3 * r.sd, 12);
    expect(Math.abs(r.mean - est.referenceMetrics.values.accuracy!)).toBeLessThan(0.02);
    expect(r.sd).toBeGreaterThan(0);
  });
  it('falls back, in words, when the reference holds too few chunks', () => {
    const r = referenceChunkLevels(est, 'accuracy', 2000);
    expect(r).toEqual({
      fallback:
        'the reference holds 3 chunks of 2000 rows; auto levels need 6: widen the reference or set a floor',
    });
  });
});
