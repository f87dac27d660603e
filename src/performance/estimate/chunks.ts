/**
 * Levels for estimated metrics from the reference itself (NannyML's thresholds,
 * nannyml/thresholds.py: the reference cut into chunks the size of the monitored window, the
 * metric estimated on each, alert below mean − 3 standard deviations). The spread is how far
 * the estimate moves when nothing has changed.
 */
import type { Estimator } from './estimator.js';
import type { ChunkLevels } from './judge.js';
import type { EstimatedMetricName, ScoredWindow } from './types.js';

export const MIN_CHUNKS = 6;
export const CHUNK_SIGMAS = 3;

function slice(w: ScoredWindow, from: number, to: number): ScoredWindow {
  const { k } = w.scores;
  const features: Record<string, Float64Array> = {};
  for (const [name, v] of Object.entries(w.features ?? {})) features[name] = v.subarray(from, to);
  return {
    scores: { n: to - from, k, p: w.scores.p.subarray(from * k, to * k) },
    predicted: w.predicted.subarray(from, to),
    ...(w.features ? { features } : {}),
  };
}

/** Levels, or why there are none (a reference shorter than MIN_CHUNKS windows). */
export function referenceChunkLevels(
  est: Estimator,
  metric: EstimatedMetricName,
  chunkSize: number,
  sigmas = CHUNK_SIGMAS,
): ChunkLevels | { fallback: string } {
  const n = est.reference.scores.n;
  const chunks = Math.floor(n / Math.max(1, chunkSize));
  if (chunks < MIN_CHUNKS)
    return {
      fallback: `the reference holds ${chunks} chunk${chunks === 1 ? '' : 's'} of ${chunkSize} rows; auto levels need ${MIN_CHUNKS}: widen the reference or set a floor`,
    };
  const values: number[] = [];
  for (let c = 0; c < chunks; c++) {
    const v = est.point(slice(est.reference, c * chunkSize, (c + 1) * chunkSize))[metric];
    if (v !== null) values.push(v);
  }
  if (values.length < MIN_CHUNKS)
    return { fallback: `estimated ${metric} is undefined on most reference chunks` };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd, lower: mean - sigmas * sd, chunks: values.length, chunkSize };
}
