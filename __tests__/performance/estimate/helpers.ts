import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { SeededRandom } from '../../../src/performance/estimate/rng.js';
import type { LabelledWindow, ScoreMatrix } from '../../../src/performance/estimate/types.js';
import { pythonBin, repoRoot } from '../../support/python.js';

/** Runs __tests__/fixtures/performance/estimate_reference.py (scikit-learn, scipy) on cases. */
export function sklearnReference<T>(cases: object[]): T[] {
  const script = resolve(repoRoot, '__tests__/fixtures/performance/estimate_reference.py');
  const r = spawnSync(pythonBin(), [script], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`estimate_reference.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T[];
}

export function relDiff(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

export class TestRng extends SeededRandom {
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Row-major matrix to nested rows, for JSON. */
export const rows = (s: ScoreMatrix): number[][] =>
  Array.from({ length: s.n }, (_, i) => Array.from(s.p.subarray(i * s.k, (i + 1) * s.k)));

/**
 * A binary window: x ~ N(shift, scale²), true P(y=1|x) = σ(2x), scores σ(temperature·2x) (1:
 * calibrated; > 1: overconfident), predicted at 0.5.
 */
export function binaryWindow(
  n: number,
  rng: TestRng,
  opts: {
    shift?: number;
    scale?: number;
    temperature?: number;
    truth?: (x: number) => number;
  } = {},
): LabelledWindow {
  const p = new Float64Array(2 * n);
  const predicted = new Int32Array(n);
  const labels = new Int32Array(n);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = (opts.shift ?? 0) + (opts.scale ?? 1) * rng.normal();
    const s = sigmoid((opts.temperature ?? 1) * 2 * x[i]!);
    p[2 * i + 1] = s;
    p[2 * i] = 1 - s;
    predicted[i] = s > 0.5 ? 1 : 0;
    labels[i] = rng.next() < (opts.truth ?? ((v: number) => sigmoid(2 * v)))(x[i]!) ? 1 : 0;
  }
  return { scores: { n, k: 2, p }, predicted, labels, features: { x } };
}

/** A calibrated 3-class window: logits (2x, 0, −2x) + noise-free softmax, labels drawn from it. */
export function multiclassWindow(n: number, rng: TestRng, shift = 0): LabelledWindow {
  const k = 3;
  const p = new Float64Array(k * n);
  const predicted = new Int32Array(n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = shift + rng.normal();
    const y = rng.normal();
    const z = [2 * x, y, -2 * x];
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    let best = 0;
    let u = rng.next();
    let label = k - 1;
    for (let c = 0; c < k; c++) {
      p[i * k + c] = e[c]! / s;
      if (p[i * k + c]! > p[i * k + best]!) best = c;
    }
    for (let c = 0; c < k; c++) {
      if (u < p[i * k + c]!) {
        label = c;
        break;
      }
      u -= p[i * k + c]!;
    }
    predicted[i] = best;
    labels[i] = label;
  }
  return { scores: { n, k, p }, predicted, labels };
}
