import { finiteSum, sortFinite, type Cleaned, type Sorter } from './stats/clean.js';
import type { KeyedWindow } from './stats/keyed-window.js';
import { quantileSorted } from './stats/quantile.js';

/** The window aggregates a threshold check can compare. */
export type Aggregate = 'mean' | 'min' | 'max' | 'last' | 'count' | 'sum' | 'median' | `p${string}`;

export interface AggregateResult {
  /** null when there is no finite sample to aggregate (count is then 0, never null). */
  value: number | null;
  /** Finite samples the value was computed from. */
  samples: number;
  /** NaN (missing) and ±Inf samples, left out of the value. */
  nan: number;
  inf: number;
}

const AGGREGATE = /^(mean|min|max|last|count|sum|median|p(\d{1,2}(?:\.\d+)?|100))$/;

export function isAggregate(statistic: string): statistic is Aggregate {
  return AGGREGATE.test(statistic);
}

/** The percentile of "p95" as a fraction (0.95), or null for other aggregates. */
export function percentileOf(statistic: string): number | null {
  if (statistic === 'median') return 0.5;
  const m = /^p(\d{1,3}(?:\.\d+)?)$/.exec(statistic);
  return m ? Number(m[1]) / 100 : null;
}

/**
 * Reduces one window's values to a number. Percentiles interpolate linearly between order
 * statistics like numpy's default; "last" is the finite sample with the latest timestamp.
 */
export function aggregate(
  statistic: Aggregate,
  values: Float64Array,
  timestamps?: Float64Array,
  sort: Sorter = sortFinite,
): AggregateResult {
  const q = percentileOf(statistic);
  const keyed = statistic === 'last' ? undefined : sort.keyed?.(values);
  if (keyed) return fromKeyed(statistic, keyed, q);
  if (q !== null) {
    const c = sort(values);
    const n = c.sorted.length;
    return { value: n ? quantileSorted(c.sorted, q) : null, samples: n, nan: c.nan, inf: c.inf };
  }
  // a window another check has sorted already: its finite values and their sum are at hand
  const sorted = statistic === 'last' ? undefined : sort.peek?.(values);
  if (sorted) return fromSorted(statistic, sorted);
  const [n, nan, inf, sum, min, max, last] = scan(values, timestamps);
  const base = { samples: n, nan, inf };
  if (statistic === 'count') return { value: n, ...base };
  if (n === 0) return { value: null, ...base };
  switch (statistic) {
    case 'mean':
      return { value: sum / n, ...base };
    case 'sum':
      return { value: sum, ...base };
    case 'min':
      return { value: min, ...base };
    case 'max':
      return { value: max, ...base };
    default:
      return { value: last, ...base };
  }
}

/** A window on a key grid: exact order statistics without sorting it. */
function fromKeyed(statistic: Aggregate, w: KeyedWindow, q: number | null): AggregateResult {
  const n = w.finite;
  const base = { samples: n, nan: w.nan, inf: w.inf };
  if (statistic === 'count') return { value: n, ...base };
  if (n === 0) return { value: null, ...base };
  if (q !== null) return { value: w.quantiles([q])[0] as number, ...base };
  if (statistic === 'min') return { value: w.min, ...base };
  if (statistic === 'max') return { value: w.max, ...base };
  return { value: statistic === 'sum' ? w.sum : w.sum / n, ...base };
}

function fromSorted(statistic: Aggregate, c: Cleaned): AggregateResult {
  const n = c.sorted.length;
  const base = { samples: n, nan: c.nan, inf: c.inf };
  if (statistic === 'count') return { value: n, ...base };
  if (n === 0) return { value: null, ...base };
  if (statistic === 'min') return { value: c.sorted[0] as number, ...base };
  if (statistic === 'max') return { value: c.sorted[n - 1] as number, ...base };
  const sum = finiteSum(c);
  return { value: statistic === 'sum' ? sum : sum / n, ...base };
}

/**
 * One pass over a window: finite count, NaN, ±Inf, sum, min, max, last (by timestamp). Its
 * own function, returning an array rather than a literal: a gate runs once
 * per job, so this loop is compiled while it runs, and code after it that has not run yet
 * would throw the compiled loop away (and the next window would start in the interpreter).
 */
function scan(values: Float64Array, timestamps: Float64Array | undefined): Float64Array {
  let n = 0;
  let nan = 0;
  let inf = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let last = NaN;
  let lastT = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) {
      nan++;
      continue;
    }
    if (v === Infinity || v === -Infinity) {
      inf++;
      continue;
    }
    n++;
    sum += v;
    // Math.min/max: branch-free, several times faster than comparisons on large windows
    min = Math.min(min, v);
    max = Math.max(max, v);
    const t = timestamps ? (timestamps[i] as number) : i;
    if (t >= lastT) {
      lastT = t;
      last = v;
    }
  }
  return Float64Array.of(n, nan, inf, sum, min, max, last);
}
