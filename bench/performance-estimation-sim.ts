/**
 * Simulated prediction logs for `npm run bench -- performance-estimation`, where the truth is
 * known. Two features x = (x1, x2); the true P(y = 1 | x) = σ(f(x)) with f = 2·x1 − x2; the
 * model scores σ(f(x)) (calibrated) or σ(2.5·f(x)) (overconfident, calibratable by a monotone
 * map). The reference is 7n rows from N(0, I); the current window n rows:
 * - covariate_*: x ~ N((0.3, 0.5), diag(0.5², 1)) — closer to the boundary, accuracy falls;
 *   P(y | x) unchanged and every row inside the reference's range;
 * - concept: x as in the reference, but labels turn noisier, f = 0.7·(2·x1 − x2) (P(y | x)
 *   changed; accuracy falls from about 0.795 to 0.741 while the scores stay as they were);
 * - out_of_support: 15 % of rows from x1 ~ N(6, 0.5), a region the reference never covered,
 *   where the truth turns (f = −(2·x1 − x2)) while the model extrapolates confidently.
 */
import type { LabelledWindow } from '../src/performance/estimate/types.js';

export const SCENARIOS = [
  'covariate_calibrated',
  'covariate_overconfident',
  'concept',
  'out_of_support',
] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const SIZES_N = [300, 1000, 10_000];
export const REFERENCE_FACTOR = 7;

/** mulberry32 + Box–Muller, seeded. */
export class Rng {
  private spare: number | null = null;
  constructor(private state: number) {}
  uniform(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

type Draw = (rng: Rng) => { x1: number; x2: number; truth: number };

const modelF = (x1: number, x2: number) => 2 * x1 - x2;

const reference: Draw = (rng) => {
  const x1 = rng.normal();
  const x2 = rng.normal();
  return { x1, x2, truth: modelF(x1, x2) };
};

const draws: Record<Scenario, Draw> = {
  covariate_calibrated: (rng) => {
    const x1 = 0.3 + 0.5 * rng.normal();
    const x2 = 0.5 + rng.normal();
    return { x1, x2, truth: modelF(x1, x2) };
  },
  covariate_overconfident: (rng) => draws.covariate_calibrated(rng),
  concept: (rng) => {
    const x1 = rng.normal();
    const x2 = rng.normal();
    return { x1, x2, truth: 0.7 * modelF(x1, x2) };
  },
  out_of_support: (rng) => {
    if (rng.uniform() < 0.15) {
      const x1 = 6 + 0.5 * rng.normal();
      const x2 = rng.normal();
      return { x1, x2, truth: -modelF(x1, x2) };
    }
    return reference(rng);
  },
};

function window(n: number, draw: Draw, temperature: number, rng: Rng): LabelledWindow {
  const p = new Float64Array(n * 2);
  const predicted = new Int32Array(n);
  const labels = new Int32Array(n);
  const x1s = new Float64Array(n);
  const x2s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const { x1, x2, truth } = draw(rng);
    const s = sigmoid(temperature * modelF(x1, x2));
    p[i * 2] = 1 - s;
    p[i * 2 + 1] = s;
    predicted[i] = s > 0.5 ? 1 : 0;
    labels[i] = rng.uniform() < sigmoid(truth) ? 1 : 0;
    x1s[i] = x1;
    x2s[i] = x2;
  }
  return { scores: { n, k: 2, p }, predicted, labels, features: { x1: x1s, x2: x2s } };
}

/** One replicate: a labelled reference of 7n rows and a current window of n rows (its labels
 * are the realized truth, withheld from the estimator). */
export function simulate(
  scenario: Scenario,
  n: number,
  rng: Rng,
): { reference: LabelledWindow; current: LabelledWindow } {
  const temperature = scenario === 'covariate_overconfident' ? 2.5 : 1;
  return {
    reference: window(REFERENCE_FACTOR * n, reference, temperature, rng),
    current: window(n, draws[scenario], temperature, rng),
  };
}
