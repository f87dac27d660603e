/**
 * Intervals for the realized value of each metric, given the window's calibrated
 * probabilities. Accuracy: the exact Poisson-binomial interval (poisson-binomial.ts). Precision,
 * recall, F1 and ROC AUC are ratios of sums of the same independent per-row outcomes, so their
 * distribution under the same assumption is that of the metric on labels drawn row by row from
 * the calibrated probabilities; its quantiles over `draws` seeded draws give the interval
 * (Kivimäki et al. 2025, arXiv 2505.05295, derive such intervals for any confusion-matrix
 * metric from the same per-row model).
 *
 * Both are widened by √(1 + n / n_ref): the calibration map is itself learnt from n_ref
 * reference rows, and its error in the window's mean is of the order of the reference's own
 * sampling error, a variance about n / n_ref times the window's.
 */
import { labelMetrics, type RankedScores } from './confusion.js';
import { poissonBinomialInterval } from './poisson-binomial.js';
import { SeededRandom } from './rng.js';
import { ESTIMATED_METRICS, type EstimatedMetricName, type ScoreMatrix } from './types.js';

export interface IntervalOptions {
  level: number;
  draws: number;
  seed: number;
  referenceN: number;
}

export type Intervals = Record<EstimatedMetricName, [number, number] | null>;

function quantile(sorted: number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function metricIntervals(
  prob: ScoreMatrix,
  predicted: Int32Array,
  raw: ScoreMatrix,
  ranked: RankedScores[],
  point: Record<EstimatedMetricName, number | null>,
  opt: IntervalOptions,
): Intervals {
  const { n, k } = prob;
  const widen = Math.sqrt(1 + n / opt.referenceN);
  const tail = (1 - opt.level) / 2;
  const out = {} as Intervals;
  for (const m of ESTIMATED_METRICS) out[m] = null;

  const correct = Float64Array.from({ length: n }, (_, i) => prob.p[i * k + predicted[i]!]!);
  const acc = point.accuracy;
  if (acc !== null && n > 0) {
    const [lo, hi] = poissonBinomialInterval(correct, opt.level);
    out.accuracy = [clamp01(acc - (acc - lo / n) * widen), clamp01(acc + (hi / n - acc) * widen)];
  }

  const rng = new SeededRandom(opt.seed);
  const samples: Record<string, number[]> = {};
  const drawn = new Int32Array(n);
  for (let b = 0; b < opt.draws; b++) {
    for (let i = 0; i < n; i++) {
      let u = rng.next();
      let c = 0;
      while (c < k - 1 && u >= prob.p[i * k + c]!) u -= prob.p[i * k + c++]!;
      drawn[i] = c;
    }
    const { values } = labelMetrics(drawn, predicted, raw, ranked);
    for (const m of ESTIMATED_METRICS) {
      const v = values[m];
      if (m !== 'accuracy' && v !== null) (samples[m] ??= []).push(v);
    }
  }
  for (const m of ESTIMATED_METRICS) {
    const s = samples[m];
    const est = point[m];
    // Too few draws with the metric defined: no interval rather than a made-up one.
    if (m === 'accuracy' || est === null || !s || s.length < opt.draws * 0.9) continue;
    s.sort((a, b) => a - b);
    const med = quantile(s, 0.5);
    const lo = quantile(s, tail);
    const hi = quantile(s, 1 - tail);
    out[m] = [clamp01(est - (med - lo) * widen), clamp01(est + (hi - med) * widen)];
  }
  return out;
}
