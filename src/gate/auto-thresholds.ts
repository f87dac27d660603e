import type { Series, TimeRange } from '../metrics/types.js';
import { DrawCache } from './auto-draws.js';
import type { DistributionStatistic } from './config.js';
import type { Profile } from './profile.js';
import { binCountsSorted, jensenShannon, LN2_SQRT, psi } from './stats/bins.js';
import { OTHER } from './stats/categorical.js';
import { sortFinite } from './stats/clean.js';
import { compareSorted, normedWasserstein, stdPopulation } from './stats/wasserstein.js';
import { prefixSums, scaleDraw } from './scale-draw.js';
import { dispersion, sketchDispersion } from './stats/levene.js';
import { locationDraw } from './stats/mann-whitney.js';
import { stdOf } from './measure-sketched.js';
import { compareSketches, exactSide } from './stats/sketch-compare.js';
import { sketchBinCounts, sketchQuantile } from './stats/sketch-compare.js';

/**
 * Self-calibrating thresholds (the reference-chunk idea of NannyML, on the windows a monitor
 * already has): windows drawn from the reference, hour by hour at the current window's times of
 * day, each compared with the rest of the reference, show how far the statistic moves when
 * nothing changed — sampling noise, autocorrelation and daily seasonality included. Each draw's
 * value is divided by the statistic's i.i.d. scale for its sample sizes, so windows of different
 * sizes share one yardstick; the current window warns or alerts when it lies that many standard
 * deviations beyond the draws' mean (on the log scale for distances, which are right-skewed).
 */

/** Fewer usable draws than this and the spread is a guess: the check falls back to fixed levels. */
export const MIN_DRAWS = 10;
/** Defaults, in standard deviations of the no-change spread above its mean (bench gate-quality). */
export const DEFAULT_AUTO_WARN = 3;
export const DEFAULT_AUTO_ALERT = 3.5;
/** For signed statistics the spread is taken as at least this share of the draws' mean. */
const SD_FLOOR = 0.1;
/** On the log scale: a spread of at least 5 %, so near-identical draws are no hair trigger. */
const LOG_SD_FLOOR = 0.05;

export { DAY_MS, DRAWS, DrawCache, pseudoWindows } from './auto-draws.js';

export type AutoStatistic = Extract<
  DistributionStatistic,
  'psi' | 'js' | 'wasserstein' | 'wasserstein_normed' | 'missing_rate' | 'scale' | 'location'
>;

const AUTO: readonly DistributionStatistic[] = [
  'psi',
  'js',
  'wasserstein',
  'wasserstein_normed',
  'missing_rate',
  'scale',
  'location',
];

export function supportsAuto(stat: DistributionStatistic): stat is AutoStatistic {
  return AUTO.includes(stat);
}

export interface AutoLevels {
  warn: number;
  alert: number;
  /** Draws the spread was estimated from. */
  draws: number;
  /** Mean and standard deviation of the draws' scaled values (log scale for distances). */
  mean: number;
  sd: number;
  /** Draws cut from hour sketches (a streamed reference): the largest rank-error bound among them. */
  rankError?: number;
}

export type AutoOutcome = { levels: AutoLevels } | { fallback: string };

/** The statistic's i.i.d. scale for sample sizes n1, n2: PSI grows like 1/n, the others like 1/√n. */
export function nullScale(stat: AutoStatistic, n1: number, n2: number): number {
  const v = 1 / n1 + 1 / n2;
  return stat === 'psi' ? v : Math.sqrt(v);
}

interface DrawValue {
  value: number;
  /** Sample sizes of the draw and of the rest of the reference. */
  n1: number;
  n2: number;
}

interface Shared {
  stat: AutoStatistic;
  profile: Profile;
  reference: Series;
  edges: Float64Array | undefined;
  minSamples: number;
  /** Missing samples in the whole reference (missing_rate). */
  refMissing: number;
  /** scale: prefix sums of the sorted reference, centred on its first value. */
  prefix?: Float64Array;
  /** scale on a sketched reference: its mean absolute deviation from its median. */
  refMad?: number;
}

/**
 * The statistic of one draw against the rest of the reference. CDF distances use
 * F_ref = w·F_draw + (1−w)·F_rest, so d(draw, rest) = d(draw, ref)/(1−w) from one merge walk
 * against the already sorted reference; binned statistics subtract the draw's counts.
 */
function drawValue(sh: Shared, d: { idx: number[]; sorted?: Float64Array }): DrawValue | null {
  const idx = d.idx;
  const { stat, profile: p, reference: ref, minSamples } = sh;
  if (stat === 'missing_rate') {
    let miss = 0;
    for (const i of idx) if (isMissingAt(ref, i)) miss++;
    const n1 = idx.length;
    const n2 = ref.values.length - n1;
    if (n1 < minSamples || n2 < minSamples) return null;
    return { value: miss / n1 - (sh.refMissing - miss) / n2, n1, n2 };
  }
  if (p.kind === 'categorical') {
    const index = new Map(p.counts.categories.map((c, i) => [c, i]));
    const other = index.get(OTHER) as number;
    const draw = new Float64Array(p.counts.ref.length);
    for (const i of idx) {
      const l = ref.labels?.[i];
      if (l === undefined || l === null || l === '') continue;
      const k = index.get(l) ?? other;
      draw[k] = (draw[k] as number) + 1;
    }
    return binned(stat, draw, p.counts.ref, minSamples);
  }
  // checks.ts builds keyed profiles only for series whose checks draw nothing
  if (p.kind === 'keyed') throw new Error('auto thresholds need the sorted reference window');
  const cur = (d.sorted ??= sortFinite(
    Float64Array.from(idx, (i) => ref.values[i] as number),
  ).sorted);
  const n1 = cur.length;
  const n2 = (p.kind === 'sketched' ? p.ref.side.count : p.ref.sorted.length) - n1;
  if (n1 < minSamples || n2 < minSamples) return null;
  if (stat === 'scale' && p.kind === 'sketched') return sketchedScaleDraw(sh, cur, n1, n2);
  if (stat === 'location')
    return { value: locationDraw(p.kind === 'sketched' ? p.ref.side : p.ref.sorted, cur), n1, n2 };
  if (p.kind === 'sketched') return sketchedDraw(sh, p, cur);
  const whole = p.ref.sorted;
  if (stat === 'scale') {
    const value = scaleDraw(whole, cur, sh.prefix as Float64Array);
    return { value, n1, n2 };
  }
  if (stat === 'psi' || stat === 'js') {
    const edges = sh.edges as Float64Array;
    return binned(stat, binCountsSorted(cur, edges), binCountsSorted(whole, edges), minSamples);
  }
  const w = compareSorted(whole, cur).w1 / (1 - n1 / whole.length);
  if (stat === 'wasserstein') return { value: w, n1, n2 };
  if (p.refStd === undefined) p.refStd = stdPopulation(whole);
  return { value: normedWasserstein(w, p.refStd), n1, n2 };
}

/**
 * `scale` against a sketched reference, whose values are gone: the draw's mean absolute
 * deviation from its median (exact) against the whole reference's, from the sketch (the draw is
 * a small part of it, so the whole stands in for the rest).
 */
function sketchedScaleDraw(sh: Shared, cur: Float64Array, n1: number, n2: number): DrawValue {
  return { value: scaleAgainstRest(dispersion(cur).mad, sh.refMad as number, n1, n2), n1, n2 };
}

/**
 * ln(d_draw / d_rest) from the draw and the whole reference it is part of: ln d_whole is to first
 * order (n1·ln d_draw + n2·ln d_rest)/N, so ln(d_draw/d_rest) = ln(d_draw/d_whole)·N/n2 — the
 * 1/(1 − w) the CDF distances and AUC take. Without it the draws' spread is that of the draw
 * against itself plus the rest, √((1/n1 − 1/N)/(1/n1 + 1/n2)) of the right one (0.86 at n1 = 1000,
 * N = 7000), and the band is that much too narrow.
 */
export function scaleAgainstRest(
  drawMad: number,
  wholeMad: number,
  n1: number,
  n2: number,
): number {
  return drawMad === wholeMad ? 0 : (Math.log(drawMad / wholeMad) * (n1 + n2)) / n2;
}

/** A draw (exact, in memory) against a reference summarized by its sketch. */
function sketchedDraw(
  sh: Shared,
  p: Extract<Profile, { kind: 'sketched' }>,
  cur: Float64Array,
): DrawValue | null {
  const whole = p.ref.side;
  const n1 = cur.length;
  const n2 = whole.count - n1;
  if (sh.stat === 'psi' || sh.stat === 'js') {
    const edges = sh.edges as Float64Array;
    return binned(
      sh.stat,
      binCountsSorted(cur, edges),
      sketchBinCounts(whole, edges),
      sh.minSamples,
    );
  }
  const w = compareSketches(whole, exactSide(cur)).w1 / (1 - n1 / whole.count);
  if (sh.stat === 'wasserstein') return { value: w, n1, n2 };
  return { value: normedWasserstein(w, stdOf(p.ref.moments)), n1, n2 };
}

export function binned(
  stat: AutoStatistic,
  draw: Float64Array,
  whole: Float64Array,
  minSamples: number,
): DrawValue | null {
  // (a sketched reference's counts are estimates: never below the draw's own)
  const rest = whole.map((c, i) => Math.max(c - (draw[i] as number), 0));
  const n1 = draw.reduce((a, b) => a + b, 0);
  const n2 = rest.reduce((a, b) => a + b, 0);
  if (n1 < minSamples || n2 < minSamples) return null;
  const value = stat === 'psi' ? psi(rest, draw) : jensenShannon(rest, draw) / LN2_SQRT;
  return { value, n1, n2 };
}

function isMissingAt(s: Series, i: number): boolean {
  if (!s.labels) return !Number.isFinite(s.values[i] as number);
  const l = s.labels[i];
  return l === undefined || l === null || l === '';
}

/** Statistics whose no-change draws are signed differences around 0. */
function signed(stat: AutoStatistic): boolean {
  return stat === 'missing_rate' || stat === 'scale' || stat === 'location';
}

/**
 * Distances are positive and right-skewed: their spread is measured on the log scale, where the
 * no-change values are close to normal. Signed differences are kept as they are.
 */
export function toScale(stat: AutoStatistic, x: number): number {
  return signed(stat) ? x : Math.log(Math.max(x, 1e-12));
}

function fromScale(stat: AutoStatistic, x: number): number {
  return signed(stat) ? x : Math.exp(x);
}

export interface AutoInput {
  stat: AutoStatistic;
  profile: Profile;
  reference: Series;
  referenceRange: TimeRange;
  currentRange: TimeRange;
  /** Sample sizes of the current comparison (current, reference). */
  n: { current: number; reference: number };
  /** PSI/JS interior edges used for the current comparison (numeric series). */
  edges?: Float64Array;
  /** Draws with fewer samples are skipped. */
  minSamples: number;
  warnSigmas: number;
  alertSigmas: number;
  cache?: DrawCache;
}

/** Warn/alert levels for the current comparison, or why they cannot be estimated. */
export function autoLevels(a: AutoInput): AutoOutcome {
  const draws = (a.cache ?? new DrawCache()).draws(a.reference, a.referenceRange, a.currentRange);
  if (draws.length === 0) {
    return {
      fallback:
        'auto thresholds need a reference window at least twice as long as the current one that covers each of its hours on 2 days or more',
    };
  }
  const sh: Shared = {
    stat: a.stat,
    profile: a.profile,
    reference: a.reference,
    edges: a.edges,
    minSamples: a.minSamples,
    refMissing: 0,
  };
  if (a.stat === 'missing_rate') {
    for (let i = 0; i < a.reference.values.length; i++)
      if (isMissingAt(a.reference, i)) sh.refMissing++;
  }
  if (a.stat === 'scale' && a.profile.kind === 'numeric')
    sh.prefix = prefixSums(a.profile.ref.sorted);
  if (a.stat === 'scale' && a.profile.kind === 'sketched') {
    const side = a.profile.ref.side;
    sh.refMad = sketchDispersion(side, sketchQuantile(side, 0.5), a.profile.ref.moments).mad;
  }
  const scaled: number[] = [];
  for (const d of draws) {
    const v = drawValue(sh, d);
    if (v && Number.isFinite(v.value))
      scaled.push(toScale(a.stat, v.value / nullScale(a.stat, v.n1, v.n2)));
  }
  return levelsFrom(a, scaled, draws.length);
}

/** Warn/alert levels from the draws' scaled values (shared with streamed windows' draws). */
export function levelsFrom(a: AutoInput, scaled: number[], drawn: number): AutoOutcome {
  if (scaled.length < MIN_DRAWS) {
    return {
      fallback: `only ${scaled.length} of ${drawn} windows drawn from the reference had ${a.minSamples} samples; auto thresholds need ${MIN_DRAWS}`,
    };
  }
  const mean = scaled.reduce((s, x) => s + x, 0) / scaled.length;
  const spread = Math.sqrt(scaled.reduce((s, x) => s + (x - mean) ** 2, 0) / (scaled.length - 1));
  const sd = signed(a.stat)
    ? Math.max(spread, SD_FLOOR * Math.abs(mean))
    : Math.max(spread, LOG_SD_FLOOR);
  // scale and location report |ln ratio| and |AUC − ½|: their band is symmetric around the mean.
  const centre = a.stat === 'scale' || a.stat === 'location' ? Math.abs(mean) : mean;
  const k = nullScale(a.stat, a.n.current, a.n.reference);
  return {
    levels: {
      warn: k * fromScale(a.stat, centre + a.warnSigmas * sd),
      alert: k * fromScale(a.stat, centre + a.alertSigmas * sd),
      draws: scaled.length,
      mean,
      sd,
    },
  };
}
