/**
 * The estimator end to end on seeded windows whose truth is known: calibration chosen when it
 * helps, estimates next to the realized value, and each reliability rule firing on the
 * assumption it checks.
 */
import { describe, expect, it } from 'vitest';
import { confusionMetrics, oneHot } from '../../../src/performance/estimate/confusion.js';
import { fitEstimator } from '../../../src/performance/estimate/estimator.js';
import { judgeReliability } from '../../../src/performance/estimate/reliability.js';
import type {
  CalibrationReport,
  LabelledWindow,
  SupportReport,
} from '../../../src/performance/estimate/types.js';
import { binaryWindow, multiclassWindow, TestRng } from './helpers.js';

const realized = (w: LabelledWindow) =>
  confusionMetrics(oneHot(w.labels, w.scores.k), w.predicted, w.scores).values;

describe('calibration is applied only where cross-validated ECE improves', () => {
  it.each([
    ['overconfident scores (temperature 3)', 3, true],
    ['underconfident scores (temperature 0.3)', 0.3, true],
  ] as const)('%s', (_, temperature, applied) => {
    const rng = new TestRng(11);
    const ref = binaryWindow(3000, rng, { temperature });
    const est = fitEstimator(ref, ['0', '1']);
    const cal = est.calibrator.report;
    expect(cal.applied).toBe(applied);
    expect(cal.eceAfter).toBeLessThan(cal.eceBefore);
    expect(cal.eceUsed).toBe(cal.eceAfter);
  });

  it('calibrated scores: ECE before and after are reported and the lower one is used', () => {
    const rng = new TestRng(12);
    const cal = fitEstimator(binaryWindow(3000, rng), ['0', '1']).calibrator.report;
    expect(cal.eceBefore).toBeLessThan(0.05);
    expect(cal.eceUsed).toBe(Math.min(cal.eceBefore, cal.eceAfter));
    expect(cal.applied).toBe(cal.eceAfter < cal.eceBefore);
  });
});

describe('estimates under covariate shift land near the realized value', () => {
  const cases = [
    ['binary, calibrated', 1],
    ['binary, overconfident then calibrated', 3],
  ] as const;
  it.each(cases)('%s', (_, temperature) => {
    const rng = new TestRng(21);
    const ref = binaryWindow(7000, rng, { temperature });
    // Rows crowd towards the boundary: accuracy falls well below the reference's.
    const cur = binaryWindow(1000, rng, { temperature, shift: 0.2, scale: 0.6 });
    const est = fitEstimator(ref, ['0', '1']).estimate(cur);
    const truth = realized(cur);
    expect(est.reliability).toEqual({ reliable: true, reasons: [] });
    for (const m of est.metrics) {
      expect(m.interval, m.metric).not.toBeNull();
      const [lo, hi] = m.interval!;
      expect(lo).toBeLessThanOrEqual(m.value!);
      expect(hi).toBeGreaterThanOrEqual(m.value!);
      expect(Math.abs(m.value! - truth[m.metric]!), m.metric).toBeLessThan(0.04);
    }
    const acc = est.metrics.find((m) => m.metric === 'accuracy')!;
    expect(acc.intervalMethod).toBe('poisson-binomial');
    // The shift moved accuracy; the reference's own value is the baseline the estimate beats.
    expect(Math.abs(acc.value! - truth.accuracy!)).toBeLessThan(
      Math.abs(acc.reference! - truth.accuracy!),
    );
  });

  it('multiclass (3 classes, macro one-vs-rest)', () => {
    const rng = new TestRng(31);
    const ref = multiclassWindow(7000, rng);
    const cur = multiclassWindow(1500, rng, 0.5);
    const est = fitEstimator(ref, ['a', 'b', 'c']).estimate(cur);
    const truth = realized(cur);
    expect(est.task).toBe('multiclass');
    expect(est.calibration.perClass?.map((c) => c.class)).toEqual(['a', 'b', 'c']);
    for (const m of est.metrics) {
      expect(m.average).toBe('macro');
      expect(Math.abs(m.value! - truth[m.metric]!), m.metric).toBeLessThan(0.04);
    }
  });

  it('is deterministic: the same windows give the same estimate', () => {
    const a = binaryWindow(1000, new TestRng(5));
    const b = binaryWindow(300, new TestRng(6));
    expect(fitEstimator(a, ['0', '1']).estimate(b)).toEqual(
      fitEstimator(a, ['0', '1']).estimate(b),
    );
  });
});

describe('unreliable when an assumption fails', () => {
  it('rows in a feature region the reference never covered', () => {
    const rng = new TestRng(41);
    const ref = binaryWindow(3000, rng);
    const cur = binaryWindow(500, rng, { shift: 5 });
    const est = fitEstimator(ref, ['0', '1']).estimate(cur);
    expect(est.support.basis).toBe('scores+features');
    expect(est.support.columns.find((c) => c.column === 'x')!.outsideShare).toBeGreaterThan(0.9);
    expect(est.reliability.reliable).toBe(false);
    expect(est.reliability.reasons[0]).toMatch(/lie outside what the reference covered/);
  });

  it('ATC and CBPE disagree: every row just above ATC’s threshold', () => {
    const rng = new TestRng(42);
    const ref = binaryWindow(3000, rng);
    // All rows at p ≈ 0.8: CBPE says 0.8, ATC counts every row as right.
    const cur = binaryWindow(800, rng);
    for (let i = 0; i < cur.scores.n; i++) {
      cur.scores.p[2 * i + 1] = 0.8;
      cur.scores.p[2 * i] = 0.2;
      cur.predicted[i] = 1;
      cur.features = undefined;
    }
    const est = fitEstimator(ref, ['0', '1']).estimate(cur);
    expect(est.atc.accuracy).toBe(1);
    expect(est.reliability.reliable).toBe(false);
    expect(est.reliability.reasons.join(' ')).toMatch(/ATC puts accuracy at 1\.000/);
  });

  const support = (outsideShare: number): SupportReport => ({
    basis: 'scores',
    outsideShare,
    limit: 0.02,
    columns: [{ column: 'score of 1', outsideShare, range: [0.01, 0.99] }],
  });
  const calibration = (eceUsed: number): CalibrationReport => ({
    method: 'isotonic',
    applied: true,
    eceBefore: 0.2,
    eceAfter: eceUsed,
    eceUsed,
    folds: 3,
    bins: 10,
  });
  const atc = (difference: number) => ({
    accuracy: 0.8,
    threshold: -0.5,
    difference,
    tolerance: 0.06,
  });
  it.each([
    ['all assumptions hold', support(0.01), atc(0.02), calibration(0.03), []],
    ['outside support', support(0.05), atc(0.02), calibration(0.03), [/5\.0 %.*limit 2\.0 %/]],
    ['ATC disagrees', support(0), atc(0.09), calibration(0.03), [/9\.0 points.*tolerance 6\.0/]],
    ['still miscalibrated', support(0), atc(0), calibration(0.15), [/ECE 0\.150/]],
    ['all three', support(0.5), atc(0.3), calibration(0.2), [/outside/, /ATC/, /not calibrated/]],
  ] as const)('%s', (_, s, a, c, reasons) => {
    const r = judgeReliability({ n: 1000, support: s, atc: a, calibration: c, maxEce: 0.1 });
    expect(r.reliable).toBe(reasons.length === 0);
    expect(r.reasons).toHaveLength(reasons.length);
    reasons.forEach((re, i) => expect(r.reasons[i]).toMatch(re));
  });
});
