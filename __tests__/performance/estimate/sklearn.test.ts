/**
 * The numerical pieces of label-free estimation against scikit-learn and scipy on the same
 * data (__tests__/fixtures/performance/estimate_reference.py), to 1e-12 relative:
 * isotonic calibration, expected calibration error, the expected-confusion-matrix metrics
 * (binary and multiclass, estimated and realized) and the Poisson-binomial interval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  confusionMetrics,
  labelMetrics,
  oneHot,
} from '../../../src/performance/estimate/confusion.js';
import { expectedCalibrationError } from '../../../src/performance/estimate/ece.js';
import { fitIsotonic, predictIsotonic } from '../../../src/performance/estimate/isotonic.js';
import { poissonBinomialInterval } from '../../../src/performance/estimate/poisson-binomial.js';
import type { ScoreMatrix } from '../../../src/performance/estimate/types.js';
import {
  binaryWindow,
  multiclassWindow,
  relDiff,
  rows,
  sigmoid,
  sklearnReference,
  TestRng,
} from './helpers.js';

const TOL = 1e-12;
const rng = new TestRng(7);

const isoCases = [
  { name: 'noisy increasing, 200 points', x: gen(200, () => rng.normal()), y: [] as number[] },
  {
    name: 'ties in x (scores rounded to 0.1)',
    x: gen(300, () => Math.round(rng.next() * 10) / 10),
    y: [] as number[],
  },
  { name: 'already monotone', x: gen(50, (i) => i / 50), y: gen(50, (i) => (i > 25 ? 1 : 0)) },
  {
    name: 'decreasing labels pool into one block',
    x: gen(40, (i) => i),
    y: gen(40, (i) => (i < 20 ? 1 : 0)),
  },
];
for (const c of isoCases)
  if (c.y.length === 0) c.y = c.x.map((v) => (rng.next() < sigmoid(3 * v) ? 1 : 0));
const isoT = [-5, -0.5, 0, 0.05, 0.33, 0.5, 0.77, 1, 3, 100];

const eceCases = [
  { name: 'calibrated', p: gen(500, () => rng.next()), bins: 10 },
  {
    name: 'values on bin edges',
    p: gen(200, (i) => Math.round(((i % 11) / 10) * 10) / 10),
    bins: 10,
  },
  { name: 'overconfident, 15 bins', p: gen(400, () => (rng.next() < 0.5 ? 0.02 : 0.98)), bins: 15 },
].map((c) => ({ ...c, y: c.p.map((v) => (rng.next() < Math.min(Math.max(v, 0.2), 0.8) ? 1 : 0)) }));

function soft(n: number, k: number, scale: number): ScoreMatrix {
  const p = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const z = gen(k, () => scale * rng.normal());
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    e.forEach((v, c) => (p[i * k + c] = v / s));
  }
  return { n, k, p };
}
const argmax = (s: ScoreMatrix) =>
  Int32Array.from({ length: s.n }, (_, i) => {
    let b = 0;
    for (let c = 1; c < s.k; c++) if (s.p[i * s.k + c]! > s.p[i * s.k + b]!) b = c;
    return b;
  });

const bin = binaryWindow(600, rng, { shift: 0.3 });
const multi = multiclassWindow(500, rng);
const rawBinTies: ScoreMatrix = {
  n: bin.scores.n,
  k: 2,
  p: bin.scores.p.map((v) => Math.round(v * 20) / 20),
};
const calib = soft(400, 2, 1.5);
const metricCases = [
  {
    name: 'binary, realized (one-hot labels)',
    prob: oneHot(bin.labels, 2),
    raw: bin.scores,
    pred: bin.predicted,
  },
  {
    name: 'binary, estimated (calibrated probabilities)',
    prob: bin.scores,
    raw: bin.scores,
    pred: bin.predicted,
  },
  {
    name: 'binary, estimated, tied raw scores',
    prob: bin.scores,
    raw: rawBinTies,
    pred: bin.predicted,
  },
  {
    name: 'binary, probabilities differ from raw ranking',
    prob: calib,
    raw: soft(400, 2, 1),
    pred: argmax(calib),
  },
  {
    name: '3 classes, realized',
    prob: oneHot(multi.labels, 3),
    raw: multi.scores,
    pred: multi.predicted,
  },
  { name: '3 classes, estimated', prob: multi.scores, raw: multi.scores, pred: multi.predicted },
  {
    name: '4 classes, estimated, one class never predicted',
    prob: soft(300, 4, 0.7),
    raw: soft(300, 4, 0.7),
    pred: Int32Array.from({ length: 300 }, (_, i) => i % 3),
  },
];

const pbCases = [
  { name: 'n = 50', p: gen(50, () => rng.next()), level: 0.95 },
  { name: 'n = 1000, confident', p: gen(1000, () => 0.7 + 0.3 * rng.next()), level: 0.95 },
  { name: 'n = 5000, 90 %', p: gen(5000, () => rng.next()), level: 0.9 },
  { name: 'certain rows', p: gen(30, (i) => (i < 20 ? 1 : 0.5)), level: 0.95 },
];

function gen(n: number, f: (i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

type MetricRef = Record<'accuracy' | 'precision' | 'recall' | 'f1' | 'roc_auc', number>;
let iso: { predictions: number[] }[];
let ece: { ece: number }[];
let met: MetricRef[];
let pb: { lower: number; upper: number }[];

beforeAll(() => {
  const out = sklearnReference<unknown>([
    ...isoCases.map((c) => ({ kind: 'isotonic', x: c.x, y: c.y, t: isoT })),
    ...eceCases.map((c) => ({ kind: 'ece', p: c.p, y: c.y, bins: c.bins })),
    ...metricCases.map((c) => ({
      kind: 'metrics',
      prob: rows(c.prob),
      raw: rows(c.raw),
      pred: Array.from(c.pred),
    })),
    ...pbCases.map((c) => ({ kind: 'poisson_binomial', p: c.p, level: c.level })),
  ]);
  let o = 0;
  iso = out.slice(o, (o += isoCases.length)) as typeof iso;
  ece = out.slice(o, (o += eceCases.length)) as typeof ece;
  met = out.slice(o, (o += metricCases.length)) as typeof met;
  pb = out.slice(o, (o += pbCases.length)) as typeof pb;
});

describe('isotonic calibration equals IsotonicRegression(out_of_bounds="clip")', () => {
  it.each(isoCases.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
    const c = isoCases[i]!;
    const fit = fitIsotonic(c.x, c.y);
    isoT.forEach((t, j) =>
      expect(relDiff(predictIsotonic(fit, t), iso[i]!.predictions[j]!)).toBeLessThan(TOL),
    );
    // The fitted steps never decrease.
    for (let j = 1; j < fit.y.length; j++) expect(fit.y[j]!).toBeGreaterThanOrEqual(fit.y[j - 1]!);
  });
});

describe('expected calibration error equals calibration_curve(strategy="uniform")', () => {
  it.each(eceCases.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
    const c = eceCases[i]!;
    expect(relDiff(expectedCalibrationError(c.p, c.y, c.bins), ece[i]!.ece)).toBeLessThan(TOL);
  });
});

describe('expected-confusion-matrix metrics equal scikit-learn on the weighted expanded sample', () => {
  it.each(metricCases.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
    const c = metricCases[i]!;
    const { values } = confusionMetrics(c.prob, c.pred, c.raw);
    for (const m of ['accuracy', 'precision', 'recall', 'f1', 'roc_auc'] as const)
      expect(relDiff(values[m]!, met[i]![m]), m).toBeLessThan(TOL);
  });
});

describe('the Poisson-binomial interval equals scipy.stats.poisson_binom quantiles', () => {
  it.each(pbCases.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
    const c = pbCases[i]!;
    expect(poissonBinomialInterval(c.p, c.level)).toEqual([pb[i]!.lower, pb[i]!.upper]);
  });
});

describe('realized metrics from labels equal the expected-matrix metrics of one-hot labels', () => {
  it.each([
    ['binary', bin],
    ['binary, tied raw scores', { ...bin, scores: rawBinTies }],
    ['3 classes', multi],
  ] as const)('%s, to the last bit', (_, w) => {
    expect(labelMetrics(w.labels, w.predicted, w.scores)).toEqual(
      confusionMetrics(oneHot(w.labels, w.scores.k), w.predicted, w.scores),
    );
  });
});
