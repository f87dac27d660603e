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
 * A small seeded generator (xoshiro128**, state filled by splitmix32): the same seed gives the
 * same bootstrap resamples on every machine and Node version. The state lives in a typed array
 * so the hot loops below can keep it in locals.
 */
function seedState(seed: number): Int32Array {
  let a = seed >>> 0;
  const splitmix = (): number => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return t ^ (t >>> 15);
  };
  return Int32Array.of(splitmix(), splitmix(), splitmix(), splitmix());
}

/** Returns uint32s from the seeded generator, one per call. */
export function seededUint32(seed: number): () => number {
  const state = seedState(seed);
  const one = new Uint32Array(1);
  return () => {
    fillIndices(state, one, 4294967296);
    return one[0] as number;
  };
}

/**
 * Fills idx with integers drawn uniformly from [0, n) (n <= 2^32): each is the top of
 * uint32 * n, so n = 2^32 yields the raw generator output.
 */
function fillIndices(state: Int32Array, idx: Uint32Array, n: number): void {
  let s0 = state[0] as number;
  let s1 = state[1] as number;
  let s2 = state[2] as number;
  let s3 = state[3] as number;
  for (let j = 0; j < idx.length; j++) {
    const x = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    idx[j] = Math.floor((x * n) / 4294967296);
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

/** The same draws as fillIndices, summing d at each drawn row instead of storing it (mean metrics). */
function sumAtDraws(state: Int32Array, d: Float64Array, count: number): number {
  const n = d.length;
  let s0 = state[0] as number;
  let s1 = state[1] as number;
  let s2 = state[2] as number;
  let s3 = state[3] as number;
  let sum = 0;
  for (let j = 0; j < count; j++) {
    const x = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    sum += d[Math.floor((x * n) / 4294967296)] as number;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return sum;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The resample indices pairedBootstrap uses (row-major: resample r is [r*n, (r+1)*n)); for checks. */
export function bootstrapIndices(n: number, resamples: number, seed: number): Uint32Array {
  const state = seedState(seed);
  const all = new Uint32Array(n * resamples);
  for (let r = 0; r < resamples; r++) fillIndices(state, all.subarray(r * n, (r + 1) * n), n);
  return all;
}

/** ln(n!) - ((n + 1/2) ln n - n + ln sqrt(2 pi)): the error of Stirling's formula (Loader 2000). */
function stirlerr(n: number): number {
  if (n <= 15) {
    if (n === 0) return 0;
    let f = 1;
    for (let i = 2; i <= n; i++) f *= i;
    return Math.log(f) - (n + 0.5) * Math.log(n) + n - 0.5 * Math.log(2 * Math.PI);
  }
  const nn = n * n;
  const [s0, s1, s2, s3, s4] = [1 / 12, 1 / 360, 1 / 1260, 1 / 1680, 1 / 1188];
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/** x ln(x / m) + m - x without cancellation when x is close to m (Loader 2000). */
function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** P(X = k) for X ~ Binomial(n, 1/2), to full double precision (Loader's saddle-point form, as R's dbinom). */
export function binomialHalfPmf(k: number, n: number): number {
  if (k < 0 || k > n) return 0;
  if (k === 0 || k === n) return Math.exp(n * Math.log(0.5));
  const lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n / 2) - bd0(n - k, n / 2);
  const lf = Math.log(2 * Math.PI) + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}

/**
 * P(X <= k) for X ~ Binomial(n, 1/2): from the pmf at k downwards by the ratio
 * pmf(i - 1) / pmf(i) = i / (n - i + 1), stopping once terms no longer change the sum,
 * so millions of discordant pairs cost about sqrt(n) steps.
 */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let term = binomialHalfPmf(k, n);
  let sum = term;
  for (let i = k; i > 0 && term > sum * 1e-17; i--) {
    term *= i / (n - i + 1);
    sum += term;
  }
  return Math.min(1, sum);
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
  const state = seedState(options.seed);
  const deltas = new Float64Array(options.resamples);
  const term = kernel.pointwise;
  if (term) {
    // Mean metrics: the difference of means is the mean of per-row differences.
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = yTrue[i] as number;
      d[i] = term(t, challenger[i] as number) - term(t, champion[i] as number);
    }
    for (let r = 0; r < options.resamples; r++) deltas[r] = sumAtDraws(state, d, n) / n;
  } else {
    const idx = new Uint32Array(n);
    for (let r = 0; r < options.resamples; r++) {
      fillIndices(state, idx, n);
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
  // Branch-free: on real predictions which model is right varies row to row unpredictably.
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const a = +(challenger[i] === t);
    const b = +(champion[i] === t);
    challengerOnly += a & ~b;
    championOnly += b & ~a;
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
