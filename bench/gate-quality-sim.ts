/**
 * The drift-gate simulation behind `npm run bench -- gate-quality`: production windows with
 * and without drift, our gate with its default policy, and two peers judged on the same
 * windows — Evidently's default drift rule and a plain mean threshold monitor.
 *
 * Windows: the current window is one day with n samples, evenly spaced; the reference is the
 * seven days before it with 7n samples (the shape of the simulation).
 */
import { chi2Sf } from '../src/gate/stats/gamma.js';
import { jensenShannon } from '../src/gate/stats/bins.js';
import { ks2samp } from '../src/gate/stats/ks.js';
import { sortFinite } from '../src/gate/stats/clean.js';
import { normedWasserstein, stdPopulation, wasserstein1 } from '../src/gate/stats/wasserstein.js';
import type { MetricsResult, Series } from '../src/metrics/types.js';

export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 0, 8);
export const REFERENCE_DAYS = 7;

export const SCENARIOS = [
  'none_iid',
  'none_seasonal',
  'shift_0.1sd',
  'shift_0.2sd',
  'shift_0.5sd',
  'variance_1.25',
  'gradual',
  'transient_spike',
  'category_mix',
] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const SIZES_N = [100, 300, 1000, 10_000, 100_000];

/**
 * Series kinds: a normal feature, a heavy-tailed one (Student-t with 3 degrees of freedom,
 * scaled to unit variance), a confidence-like score (Beta(9,1)) and a 10-class category.
 */
export const SERIES = ['normal', 'heavy', 'confidence', 'category'] as const;
export type SeriesKind = (typeof SERIES)[number];

/** The category runs its own scenarios; the numeric kinds run every other one. */
export function applies(series: SeriesKind, s: Scenario): boolean {
  if (series === 'category')
    return s === 'none_iid' || s === 'none_seasonal' || s === 'category_mix';
  return s !== 'category_mix';
}

/** Drift expected: the detection rate is what matters; otherwise the false-alarm rate. */
export const isDrift = (s: Scenario): boolean => !s.startsWith('none');

/** mulberry32 + Box–Muller: small, seeded, reproducible across Node versions. */
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

/** Beta(9,1)'s mean and standard deviation: the confidence series is 0.9 + 0.0905·z. */
const CONF_MEAN = 0.9;
const CONF_SD = Math.sqrt(9 / (100 * 11));

/** One standardised draw (mean 0, variance 1) of the series kind's distribution. */
export function noise(kind: SeriesKind, rng: Rng): number {
  if (kind === 'heavy') {
    const z = rng.normal();
    let chi = 0;
    for (let i = 0; i < 3; i++) chi += rng.normal() ** 2;
    // t₃ has variance 3.
    return z / Math.sqrt(chi / 3) / Math.sqrt(3);
  }
  if (kind === 'confidence') {
    // Beta(a, 1) has CDF x^a: inverse transform.
    return (Math.pow(rng.uniform(), 1 / 9) - CONF_MEAN) / CONF_SD;
  }
  return rng.normal();
}

function times(n: number, start: number, span: number): Float64Array {
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = start + ((i + 0.5) * span) / n;
  return t;
}

/**
 * Daily seasonality (amplitude 1) plus AR(1) noise in time (unit variance, 30 s memory); the
 * innovations come from the series kind, so the heavy series stays heavy-tailed.
 */
const AR_TAU_MS = 30_000;
function seasonal(t: Float64Array, kind: SeriesKind, rng: Rng): Float64Array {
  const out = new Float64Array(t.length);
  let e = noise(kind, rng);
  for (let i = 0; i < t.length; i++) {
    if (i > 0) {
      const phi = Math.exp(-((t[i] as number) - (t[i - 1] as number)) / AR_TAU_MS);
      e = phi * e + Math.sqrt(1 - phi * phi) * noise(kind, rng);
    }
    out[i] = Math.sin((2 * Math.PI * (t[i] as number)) / DAY) + e;
  }
  return out;
}

/** Ten classes; the top one holds 34 % in the reference and 28 % in a drifted window. */
export function classShares(top: number): number[] {
  const rest = [0.2, 0.15, 0.12, 0.1, 0.1, 0.09, 0.08, 0.08, 0.08];
  const sum = rest.reduce((a, b) => a + b, 0);
  return [top, ...rest.map((r) => (r / sum) * (1 - top))];
}

/** Category draws; the top class's share may follow the time of day (seasonal mix). */
function draw(t: Float64Array, top: (t: number) => number, rng: Rng): string[] {
  const out: string[] = new Array<string>(t.length);
  for (let i = 0; i < t.length; i++) {
    const shares = classShares(top(t[i] as number));
    let u = rng.uniform();
    let k = 0;
    while (k < shares.length - 1 && u >= (shares[k] as number)) u -= shares[k++] as number;
    out[i] = `c${k}`;
  }
  return out;
}

export interface Windows {
  metrics: MetricsResult;
  categorical: boolean;
}

/** The current window's standardised values under a numeric scenario. */
function drift(s: Scenario, z: Float64Array, t: Float64Array, spikeStart: number): void {
  const n = z.length;
  for (let i = 0; i < n; i++) {
    const v = z[i] as number;
    if (s === 'shift_0.1sd') z[i] = v + 0.1;
    else if (s === 'shift_0.2sd') z[i] = v + 0.2;
    else if (s === 'shift_0.5sd') z[i] = v + 0.5;
    else if (s === 'variance_1.25') z[i] = v * Math.sqrt(1.25);
    else if (s === 'gradual') z[i] = v + (0.4 * i) / Math.max(1, n - 1);
    else if (s === 'transient_spike') {
      const ti = t[i] as number;
      if (ti >= spikeStart && ti < spikeStart + SPIKE_MS) z[i] = v + 1;
    }
  }
}

/** transient_spike: a 2-hour spike of 1σ, at a random time of the current day. */
export const SPIKE_MS = 2 * 3_600_000;

export function simulate(s: Scenario, n: number, rng: Rng, kind: SeriesKind = 'normal'): Windows {
  const refN = REFERENCE_DAYS * n;
  const refStart = T0 - REFERENCE_DAYS * DAY;
  const tRef = times(refN, refStart, REFERENCE_DAYS * DAY);
  const tCur = times(n, T0, DAY);
  let ref: Series;
  let cur: Series;
  if (kind === 'category') {
    const nan = (k: number) => new Float64Array(k).fill(NaN);
    const daily = (t: number) => 0.34 + 0.05 * Math.sin((2 * Math.PI * t) / DAY);
    const refTop = s === 'none_seasonal' ? daily : () => 0.34;
    const curTop = s === 'none_seasonal' ? daily : () => (s === 'category_mix' ? 0.28 : 0.34);
    ref = { name: 'x', timestamps: tRef, values: nan(refN), labels: draw(tRef, refTop, rng) };
    cur = { name: 'x', timestamps: tCur, values: nan(n), labels: draw(tCur, curTop, rng) };
  } else {
    let r: Float64Array;
    let c: Float64Array;
    if (s === 'none_seasonal') {
      const all = seasonal(Float64Array.from([...tRef, ...tCur]), kind, rng);
      r = all.slice(0, refN);
      c = all.slice(refN);
    } else {
      r = new Float64Array(refN);
      for (let i = 0; i < refN; i++) r[i] = noise(kind, rng);
      c = new Float64Array(n);
      for (let i = 0; i < n; i++) c[i] = noise(kind, rng);
      drift(s, c, tCur, T0 + rng.uniform() * (DAY - SPIKE_MS));
    }
    if (kind === 'confidence') {
      for (const x of [r, c])
        for (let i = 0; i < x.length; i++) x[i] = CONF_MEAN + CONF_SD * (x[i] as number);
    }
    ref = { name: 'x', timestamps: tRef, values: r };
    cur = { name: 'x', timestamps: tCur, values: c };
  }
  return {
    categorical: kind === 'category',
    metrics: {
      source: 'simulation',
      queries: [],
      current: { name: 'current', range: { start: T0, end: T0 + DAY }, series: { x: cur } },
      reference: {
        name: 'reference',
        range: { start: refStart, end: T0 },
        series: { x: ref },
      },
      points: { x: { current: n, reference: refN } },
      warnings: [],
    },
  };
}

/**
 * Evidently's default rule for one column (facts/drift.md §1.3, from
 * evidently/legacy/calculations/stattests/registry.py `_get_default_stattest`): with at most
 * 1000 reference rows a p-value test at 0.05 — two-sample KS for numbers (p ≤ 0.05),
 * chi-square goodness of fit for categories (p < 0.05); above 1000 rows a distance at 0.1 —
 * Wasserstein normed by the reference std (≥ 0.1) for numbers, Jensen–Shannon distance in
 * nats on one bin per category (≥ 0.1) for categories.
 */
export function evidentlyDrift(w: Windows): boolean {
  const ref = w.metrics.reference?.series.x as Series;
  const cur = w.metrics.current.series.x as Series;
  if (w.categorical) {
    const cats = [...new Set([...(ref.labels ?? []), ...(cur.labels ?? [])])].sort();
    const count = (labels: string[]) => {
      const m = new Map(cats.map((c, i) => [c, i]));
      const out = new Float64Array(cats.length);
      for (const l of labels) out[m.get(l) as number]++;
      return out;
    };
    const r = count(ref.labels ?? []);
    const c = count(cur.labels ?? []);
    const nr = ref.labels?.length ?? 0;
    const nc = cur.labels?.length ?? 0;
    if (nr <= 1000) {
      let stat = 0;
      for (let i = 0; i < cats.length; i++) {
        const e = ((r[i] as number) / nr) * nc;
        stat += e > 0 ? ((c[i] as number) - e) ** 2 / e : Infinity;
      }
      return chi2Sf(stat, cats.length - 1) < 0.05;
    }
    return jensenShannon(r, c) >= 0.1;
  }
  const a = sortFinite(ref.values).sorted;
  const b = sortFinite(cur.values).sorted;
  if (a.length <= 1000) return ks2samp(a, b).pvalue <= 0.05;
  return normedWasserstein(wasserstein1(a, b), stdPopulation(a)) >= 0.1;
}

/**
 * A plain mean threshold monitor as a team would set one by hand: alert when the current mean
 * moves 0.1 reference standard deviations from the reference mean; for a category, when the
 * reference's top class moves 5 percentage points.
 */
export function monitorDrift(w: Windows): boolean {
  const ref = w.metrics.reference?.series.x as Series;
  const cur = w.metrics.current.series.x as Series;
  if (w.categorical) {
    const share = (labels: string[]) => labels.filter((l) => l === 'c0').length / labels.length;
    return Math.abs(share(cur.labels ?? []) - share(ref.labels ?? [])) >= 0.05;
  }
  const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
  return Math.abs(mean(cur.values) - mean(ref.values)) >= 0.1 * stdPopulation(ref.values);
}

/** Wilson score interval for k successes in n trials (95 %). */
export function wilson(k: number, n: number, z = 1.959963984540054): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}
