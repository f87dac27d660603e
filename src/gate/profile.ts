import type { Series } from '../metrics/types.js';
import { categoryCounts, type CategoryCounts } from './stats/categorical.js';
import { sortFinite, type Cleaned } from './stats/clean.js';
import type { KsResult } from './stats/ks.js';
import type { SortedComparison } from './stats/wasserstein.js';

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
  | { kind: 'categorical'; counts: CategoryCounts; total: { ref: number; cur: number } };

export function isCategorical(s: Series): boolean {
  return Array.isArray(s.labels);
}

export function buildProfile(
  reference: Series,
  current: Series,
  sort: (values: Float64Array) => Cleaned = sortFinite,
): Profile {
  if (isCategorical(reference) || isCategorical(current)) {
    const ref = reference.labels ?? [];
    const cur = current.labels ?? [];
    return {
      kind: 'categorical',
      counts: categoryCounts(ref, cur),
      total: { ref: ref.length, cur: cur.length },
    };
  }
  return { kind: 'numeric', ref: sort(reference.values), cur: sort(current.values) };
}

/** Usable samples per side: finite numbers, or non-missing labels. */
export function usable(p: Profile): { ref: number; cur: number } {
  if (p.kind === 'numeric') return { ref: p.ref.sorted.length, cur: p.cur.sorted.length };
  return { ref: p.total.ref - p.counts.missing.ref, cur: p.total.cur - p.counts.missing.cur };
}

/** Missing samples per side (NaN or ±Inf for numbers; null/empty labels for categories). */
export function missing(p: Profile): {
  ref: number;
  cur: number;
  refTotal: number;
  curTotal: number;
} {
  if (p.kind === 'numeric') {
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
