import { UserError } from '../errors.js';
import type { SignificanceConfig } from './config.js';
import type { ScoreKernel } from './scores.js';
import type { SignificanceResult } from './types.js';

/** Per-example outcomes of both models on the same holdout, labels already encoded as numbers. */
export interface PairedPredictions {
  yTrue: Float64Array;
  challenger: Float64Array;
  champion: Float64Array;
}

/**
 * A small seeded generator (xoshiro128**, state filled by splitmix32) returning uint32s:
 * the same seed gives the same bootstrap resamples on every machine and Node version.
 */
export function seededUint32(seed: number): () => number {
  let a = seed >>> 0;
  const splitmix = (): number => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Fills idx with row indices drawn uniformly with replacement from [0, n). */
function drawIndices(next: () => number, idx: Uint32Array, n: number): void {
  for (let j = 0; j < idx.length; j++) idx[j] = Math.floor((next() * n) / 4294967296);
}

/** The resample indices pairedBootstrap uses (row-major: resample r is [r*n, (r+1)*n)); for checks. */
export function bootstrapIndices(n: number, resamples: number, seed: number): Uint32Array {
  const next = seededUint32(seed);
  const all = new Uint32Array(n * resamples);
  const idx = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    drawIndices(next, idx, n);
    all.set(idx, r * n);
  }
  return all;
}

/** P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so large n neither overflows nor underflows early. */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  // Terms grow while k < n/2; sum relative to the largest one reached.
  let logTerm = -n * Math.LN2;
  const logs = new Float64Array(k + 1);
  logs[0] = logTerm;
  for (let i = 0; i < k; i++) {
    logTerm += Math.log(n - i) - Math.log(i + 1);
    logs[i + 1] = logTerm;
  }
  let max = -Infinity;
  for (const l of logs) max = Math.max(max, l);
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - max);
  return Math.min(1, Math.exp(max + Math.log(sum)));
}

/**
 * McNemar's exact test: the two-sided binomial test of the discordant pairs against p = 1/2
 * (as scipy.stats.binomtest(b, b + c) and statsmodels' mcnemar(exact=True)).
 */
export function mcnemarExact(challengerOnly: number, championOnly: number): number {
  const n = challengerOnly + championOnly;
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialHalfCdf(Math.min(challengerOnly, championOnly), n));
}

/** Quantile with linear interpolation between order statistics (numpy's default method). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

export interface BootstrapResult {
  challenger: number;
  champion: number;
  /** Observed difference, challenger - champion. */
  delta: number;
  ciLow: number;
  ciHigh: number;
  /** Two-sided: 2 * (fewer resampled differences on one side of 0, +1) / (resamples + 1). */
  p: number;
  /** Every resampled difference, in resample order (kept for checks and plots). */
  deltas: Float64Array;
}

/**
 * Paired bootstrap of the metric difference: each resample draws rows with replacement and
 * scores both models on the same rows, so the interval reflects the pairing.
 */
export function pairedBootstrap(
  kernel: ScoreKernel,
  data: PairedPredictions,
  options: { resamples: number; seed: number; level: number },
): BootstrapResult {
  const { yTrue, challenger, champion } = data;
  const n = yTrue.length;
  const a = kernel.score(yTrue, challenger);
  const b = kernel.score(yTrue, champion);
  const next = seededUint32(options.seed);
  const idx = new Uint32Array(n);
  const deltas = new Float64Array(options.resamples);
  const term = kernel.pointwise;
  if (term) {
    // Mean metrics: the difference of means is the mean of per-row differences.
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = yTrue[i] as number;
      d[i] = term(t, challenger[i] as number) - term(t, champion[i] as number);
    }
    for (let r = 0; r < options.resamples; r++) {
      drawIndices(next, idx, n);
      let s = 0;
      for (let j = 0; j < n; j++) s += d[idx[j] as number] as number;
      deltas[r] = s / n;
    }
  } else {
    for (let r = 0; r < options.resamples; r++) {
      drawIndices(next, idx, n);
      deltas[r] = kernel.score(yTrue, challenger, idx) - kernel.score(yTrue, champion, idx);
    }
  }
  const sorted = Float64Array.from(deltas).sort();
  let below = 0;
  let above = 0;
  for (const x of deltas) {
    if (x <= 0) below++;
    if (x >= 0) above++;
  }
  return {
    challenger: a,
    champion: b,
    delta: a - b,
    ciLow: quantileSorted(sorted, options.level / 2),
    ciHigh: quantileSorted(sorted, 1 - options.level / 2),
    p: Math.min(1, (2 * (Math.min(below, above) + 1)) / (options.resamples + 1)),
    deltas,
  };
}

/** Right/wrong per row for both models: the discordant counts McNemar's test needs. */
export function discordantPairs(data: PairedPredictions): {
  challengerOnly: number;
  championOnly: number;
} {
  let challengerOnly = 0;
  let championOnly = 0;
  const { yTrue, challenger, champion } = data;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const a = challenger[i] === t;
    const b = champion[i] === t;
    if (a && !b) challengerOnly++;
    else if (b && !a) championOnly++;
  }
  return { challengerOnly, championOnly };
}

/**
 * The configured test of challenger vs champion on the primary metric (pure).
 * "significant" means the challenger is better in the metric's direction and the difference
 * is significant at the level.
 */
export function testSignificance(
  config: SignificanceConfig,
  kernel: ScoreKernel,
  data: PairedPredictions,
): SignificanceResult {
  if (config.test === 'none') throw new Error('testSignificance called with test "none"');
  const n = data.yTrue.length;
  if (n === 0)
    throw new UserError('predictions file has no rows: significance needs per-example results');
  const sign = kernel.direction === 'higher' ? 1 : -1;
  const base = { metric: kernel.name, level: config.level, required: config.required, n };
  if (config.test === 'mcnemar') {
    if (kernel.name !== 'accuracy' && kernel.name !== 'error_rate') {
      throw new UserError(
        `validate.significance.test: mcnemar compares right/wrong per example, which suits accuracy or error_rate, not ${kernel.name}; use "bootstrap"`,
      );
    }
    const { challengerOnly, championOnly } = discordantPairs(data);
    const p = mcnemarExact(challengerOnly, championOnly);
    const challenger = kernel.score(data.yTrue, data.challenger);
    const champion = kernel.score(data.yTrue, data.champion);
    return {
      test: 'mcnemar',
      ...base,
      challenger,
      champion,
      delta: challenger - champion,
      p,
      challengerOnly,
      championOnly,
      better: challengerOnly > championOnly,
      significant: challengerOnly > championOnly && p < config.level,
    };
  }
  const r = pairedBootstrap(kernel, data, config);
  return {
    test: 'bootstrap',
    ...base,
    challenger: r.challenger,
    champion: r.champion,
    delta: r.delta,
    p: r.p,
    ciLow: r.ciLow,
    ciHigh: r.ciHigh,
    resamples: config.resamples,
    seed: config.seed,
    better: sign * r.delta > 0,
    // The interval must sit entirely on the better side of zero.
    significant: sign > 0 ? r.ciLow > 0 : r.ciHigh < 0,
  };
}
