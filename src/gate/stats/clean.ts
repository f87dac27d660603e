import { BUCKET_MIN, sortF64 } from './sort-f64.js';
import { compensatedSum } from './wasserstein.js';
import type { KeyedWindow } from './keyed-window.js';

/** A window's values with NaN and ±Inf set aside: what every statistic works on. */
export interface Cleaned {
  /** Finite values, ascending. A view into one sorted copy: no further allocation. */
  sorted: Float64Array;
  /** All samples in the window, finite or not. */
  total: number;
  /** NaN samples (missing). */
  nan: number;
  /** ±Inf samples (ignored, reported). */
  inf: number;
  /** Σ sorted, filled by finiteSum on first use (the mean and the std share it). */
  sum?: number;
}

/**
 * A window's sort, shared by the checks of one evaluation. `peek` answers only from what is
 * already sorted, for statistics (the mean) that would not sort a window on their own.
 */
export type Sorter = ((values: Float64Array) => Cleaned) & {
  peek?: (values: Float64Array) => Cleaned | undefined;
  /** The window on a key grid, when the distribution checks put it on one (exact, unsorted). */
  keyed?: (values: Float64Array) => KeyedWindow | undefined;
};

/** The compensated sum of the finite values, computed once per sorted window. */
export function finiteSum(c: Cleaned): number {
  if (c.sum === undefined) c.sum = compensatedSum(c.sorted);
  return c.sum;
}

/**
 * Sorts a copy once and trims the non-finite ends: Float64Array#sort is numeric and puts
 * -Inf first, then finite values, then +Inf, then NaN, so the finite values are one subarray.
 * (Large windows go through sortF64, which keeps that order.)
 */
export function sortFinite(values: Float64Array, scratch?: Float64Array): Cleaned {
  const copy = sortF64(values, scratch);
  const n = copy.length;
  let hi = n;
  while (hi > 0 && Number.isNaN(copy[hi - 1])) hi--;
  const nan = n - hi;
  while (hi > 0 && copy[hi - 1] === Infinity) hi--;
  let lo = 0;
  while (lo < hi && copy[lo] === -Infinity) lo++;
  return { sorted: copy.subarray(lo, hi), total: n, nan, inf: n - nan - (hi - lo) };
}

/** Sorts each distinct array once per evaluation: checks on the same series share the result. */
export class SortCache {
  private readonly cache = new Map<Float64Array, Cleaned>();
  /** One scratch buffer for all sorts of this evaluation, grown to the largest window. */
  private scratch?: Float64Array;
  peek(values: Float64Array): Cleaned | undefined {
    return this.cache.get(values);
  }
  of(values: Float64Array): Cleaned {
    let c = this.cache.get(values);
    if (!c) {
      if (values.length >= BUCKET_MIN && (this.scratch?.length ?? 0) < values.length) {
        this.scratch = new Float64Array(values.length);
      }
      c = sortFinite(values, this.scratch);
      this.cache.set(values, c);
    }
    return c;
  }
}
