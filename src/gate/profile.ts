import type { Series } from '../metrics/types.js';
import { categoryCounts, categoryCountsOf, type CategoryCounts } from './stats/categorical.js';
import { rowsOf, streamedFrom, type StreamedWindow } from './stats/window-summary.js';
import { sortFinite, type Cleaned } from './stats/clean.js';
import type { KsResult } from './stats/ks.js';
import type { SortedComparison } from './stats/wasserstein.js';
import {
  summarize,
  type Moments,
  type NumericSummary,
  type SummarySide,
} from './stats/numeric-summary.js';
import { QuantileSketch } from './stats/quantile-sketch.js';
import { finiteRange } from './stats/keyed-passes.js';
import { keyGrid, KeyedWindow } from './stats/keyed-window.js';
import { sideOf, type SketchComparison, type SketchSide } from './stats/sketch-compare.js';

/** A window summarized by a quantile sketch: exact counts and moments, approximate order. */
export interface SketchedWindow {
  side: SketchSide;
  /** Sketch capacity per level (for the detail). */
  k: number;
  total: number;
  nan: number;
  inf: number;
  moments: Moments;
}

/**
 * What the distribution statistics need from one series in both windows, built once per series
 * and shared by every check on it: each numeric side is sorted exactly once.
 */
export type Profile =
  | {
      kind: 'numeric';
      ref: Cleaned;
      cur: Cleaned;
      /** Filled on first use, shared by the checks on this series. */
      refStd?: number;
      walk?: SortedComparison & { ks: KsResult };
    }
  | {
      /** Large windows on one key grid: exact, sorted only where a statistic needs the order. */
      kind: 'keyed';
      ref: KeyedWindow;
      cur: KeyedWindow;
      refStd?: number;
      walk?: SortedComparison & { ks: KsResult };
    }
  | { kind: 'categorical'; counts: CategoryCounts; total: { ref: number; cur: number } }
  | {
      /** At least one window is larger than the exact limit: both are compared as sketches. */
      kind: 'sketched';
      ref: SketchedWindow;
      cur: SketchedWindow;
      cmp?: SketchComparison & { ks: KsResult };
    };

export function isCategorical(s: Series): boolean {
  return Array.isArray(s.labels);
}

export function buildProfile(
  reference: Series,
  current: Series,
  sort: (values: Float64Array) => Cleaned = sortFinite,
  exactMax = Infinity,
  keyed = false,
): Profile {
  if (reference.streamed || current.streamed) return streamedProfile(reference, current, exactMax);
  if (isCategorical(reference) || isCategorical(current)) {
    const ref = reference.labels ?? [];
    const cur = current.labels ?? [];
    return {
      kind: 'categorical',
      counts: categoryCounts(ref, cur),
      total: { ref: ref.length, cur: cur.length },
    };
  }
  if (Math.max(reference.values.length, current.values.length) > exactMax) {
    // streamed in batches exactly as a reader's would be: one code path for both
    return profileOf(
      summarize(reference.values, { exactMax }),
      summarize(current.values, { exactMax }),
    );
  }
  if (keyed) {
    const p = keyedProfile(reference.values, current.values);
    if (p) return p;
  }
  return { kind: 'numeric', ref: sort(reference.values), cur: sort(current.values) };
}

/** Windows this large are compared on a key grid when their checks allow (checks.ts). */
export const KEYED_MIN = 1 << 16;

function keyedProfile(ref: Float64Array, cur: Float64Array): Profile | null {
  // the walk's integer CDF gap n1·n2 must stay exact
  if (Math.min(ref.length, cur.length) < KEYED_MIN) return null;
  if (ref.length * cur.length > Number.MAX_SAFE_INTEGER) return null;
  const rr = finiteRange(ref);
  const rc = finiteRange(cur);
  const grid = keyGrid(ref, cur, rr, rc);
  if (!grid) return null;
  return {
    kind: 'keyed',
    ref: new KeyedWindow(ref, grid, rr),
    cur: new KeyedWindow(cur, grid, rc),
  };
}

/**
 * Windows streamed by the metrics stage (over the exact limit): numbers compare as sketches,
 * categories as their counts (exact at any size).
 */
function streamedProfile(reference: Series, current: Series, exactMax: number): Profile {
  const side = (s: Series) => s.streamed ?? streamedFrom(s, exactMax);
  const ref = side(reference);
  const cur = side(current);
  if (ref.kind === 'categorical' || cur.kind === 'categorical') {
    const counts = (w: StreamedWindow) =>
      w.kind === 'categorical'
        ? { counts: w.counts, missing: w.missing, total: w.total }
        : { counts: new Map<string, number>(), missing: rowsOf(w), total: rowsOf(w) };
    const r = counts(ref);
    const c = counts(cur);
    return {
      kind: 'categorical',
      counts: categoryCountsOf(r, c),
      total: { ref: r.total, cur: c.total },
    };
  }
  return profileOf(ref.whole, cur.whole);
}

/**
 * The profile of two streamed windows: exact when both stayed under their limit, else both as
 * sketches (an exact side becomes a sketch that holds every value, with no rank error).
 */
export function profileOf(reference: NumericSummary, current: NumericSummary): Profile {
  const ref = reference.finish();
  const cur = current.finish();
  if (ref.exact && cur.exact) return { kind: 'numeric', ref: ref.cleaned, cur: cur.cleaned };
  return { kind: 'sketched', ref: sketchedWindow(ref), cur: sketchedWindow(cur) };
}

function sketchedWindow(s: SummarySide): SketchedWindow {
  if (!s.exact) {
    const { sketch, total, nan, inf, moments } = s;
    return { side: sideOf(sketch), k: sketch.k, total, nan, inf, moments };
  }
  const { sorted, total, nan, inf } = s.cleaned;
  const sketch = new QuantileSketch(Math.max(2, sorted.length));
  sketch.addSorted(sorted);
  return { side: sideOf(sketch), k: sketch.k, total, nan, inf, moments: s.moments };
}

/** Usable samples per side: finite numbers, or non-missing labels. */
export function usable(p: Profile): { ref: number; cur: number } {
  if (p.kind === 'numeric') return { ref: p.ref.sorted.length, cur: p.cur.sorted.length };
  if (p.kind === 'keyed') return { ref: p.ref.finite, cur: p.cur.finite };
  if (p.kind === 'sketched') return { ref: p.ref.side.count, cur: p.cur.side.count };
  return { ref: p.total.ref - p.counts.missing.ref, cur: p.total.cur - p.counts.missing.cur };
}

/** Missing samples per side (NaN or ±Inf for numbers; null/empty labels for categories). */
export function missing(p: Profile): {
  ref: number;
  cur: number;
  refTotal: number;
  curTotal: number;
} {
  if (p.kind === 'numeric' || p.kind === 'sketched' || p.kind === 'keyed') {
    return {
      ref: p.ref.nan + p.ref.inf,
      cur: p.cur.nan + p.cur.inf,
      refTotal: p.ref.total,
      curTotal: p.cur.total,
    };
  }
  return {
    ref: p.counts.missing.ref,
    cur: p.counts.missing.cur,
    refTotal: p.total.ref,
    curTotal: p.total.cur,
  };
}
