import { sortFinite, type Cleaned } from './clean.js';
import { DEFAULT_SKETCH_K, QuantileSketch } from './quantile-sketch.js';
import { sortF64 } from './sort-f64.js';

/**
 * One window of one numeric series, streamed in batches (a Parquet row group, a page of query
 * results) instead of held whole. Counts and moments are exact whatever the size. The values
 * themselves are kept until `exactMax` finite values, so every statistic stays exact; past it
 * they go into a quantile sketch (src/gate/stats/quantile-sketch.ts) whose rank-error bound the
 * statistics turn into error bounds on what they report. Memory: at most `exactMax` values, then
 * the sketch's few MB.
 */
export const DEFAULT_EXACT_MAX = 10_000_000;

export interface Moments {
  n: number;
  mean: number;
  /** Sum of squared deviations from the mean. */
  m2: number;
}

/** Chan et al.'s pairwise update: merging two batches' moments loses no precision to order. */
export function mergeMoments(a: Moments, b: Moments): Moments {
  if (b.n === 0) return a;
  if (a.n === 0) return b;
  const n = a.n + b.n;
  const d = b.mean - a.mean;
  return { n, mean: a.mean + (d * b.n) / n, m2: a.m2 + b.m2 + (d * d * a.n * b.n) / n };
}

function momentsOf(x: Float64Array): Moments {
  const n = x.length;
  if (n === 0) return { n: 0, mean: 0, m2: 0 };
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] as number;
  const mean = s / n;
  let m2 = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - mean;
    m2 += d * d;
    c += d;
  }
  // the compensation term corrects the mean's rounding (two-pass corrected algorithm)
  return { n, mean: mean + c / n, m2: m2 - (c * c) / n };
}

export interface SummaryOptions {
  /** Finite values kept exactly before switching to the sketch (default 10 000 000). */
  exactMax?: number;
  /** Sketch capacity per level (default 65 536). */
  k?: number;
}

/** The finished side: exact sorted values, or a sketch, with counts and moments either way. */
export type SummarySide =
  | { exact: true; cleaned: Cleaned; moments: Moments }
  | {
      exact: false;
      sketch: QuantileSketch;
      total: number;
      nan: number;
      inf: number;
      moments: Moments;
    };

export class NumericSummary {
  total = 0;
  nan = 0;
  inf = 0;
  moments: Moments = { n: 0, mean: 0, m2: 0 };
  private chunks: Float64Array[] = [];
  private held = 0;
  private sketch: QuantileSketch | null = null;
  private readonly exactMax: number;
  private readonly k: number;
  private scratch?: Float64Array;
  /** finish() is called by every check on the series: the exact side is built once. */
  private done?: SummarySide;

  constructor(options: SummaryOptions = {}) {
    this.exactMax = options.exactMax ?? DEFAULT_EXACT_MAX;
    this.k = options.k ?? DEFAULT_SKETCH_K;
  }

  /**
   * Adds one batch: a typed array, or a reader's plain array where null is a missing value.
   * The finite values are copied (the caller may reuse its buffer).
   */
  push(batch: ArrayLike<number | null>): void {
    if (this.done) throw new Error('NumericSummary: push after finish');
    const n = batch.length;
    this.total += n;
    let finite = 0;
    for (let i = 0; i < n; i++) {
      const v = batch[i];
      // (null − null is 0: test for null first)
      if (v === null || v !== v) this.nan++;
      else if (v - v === 0) finite++;
      else this.inf++;
    }
    let values: Float64Array;
    if (finite === n && batch instanceof Float64Array) values = batch.slice();
    else {
      values = new Float64Array(finite);
      let o = 0;
      for (let i = 0; i < n; i++) {
        const v = batch[i];
        if (v !== null && v - v === 0) values[o++] = v;
      }
    }
    this.moments = mergeMoments(this.moments, momentsOf(values));
    if (!this.sketch && this.held + finite <= this.exactMax) {
      this.chunks.push(values);
      this.held += finite;
      return;
    }
    if (!this.sketch) {
      this.sketch = new QuantileSketch(this.k);
      for (const c of this.chunks) this.sketch.addSorted(this.sort(c));
      this.chunks = [];
      this.held = 0;
    }
    this.sketch.addSorted(this.sort(values));
  }

  /** True once the values went into the sketch. */
  get sketched(): boolean {
    return this.sketch !== null;
  }

  finish(): SummarySide {
    return (this.done ??= this.build());
  }

  private build(): SummarySide {
    if (this.sketch) {
      const { total, nan, inf, moments } = this;
      return { exact: false, sketch: this.sketch, total, nan, inf, moments };
    }
    const all = new Float64Array(this.held);
    let o = 0;
    for (const c of this.chunks) {
      all.set(c, o);
      o += c.length;
    }
    this.chunks = [];
    const cleaned = sortFinite(all);
    // sortFinite saw only finite values: restore the window's own counts
    return {
      exact: true,
      cleaned: { sorted: cleaned.sorted, total: this.total, nan: this.nan, inf: this.inf },
      moments: this.moments,
    };
  }

  private sort(values: Float64Array): Float64Array {
    if ((this.scratch?.length ?? 0) < values.length) this.scratch = new Float64Array(values.length);
    return sortF64(values, this.scratch);
  }
}

/** Summarizes an in-memory window in batches, as a reader would stream it. */
export function summarize(
  values: Float64Array,
  options: SummaryOptions = {},
  batch = 1 << 20,
): NumericSummary {
  const s = new NumericSummary(options);
  for (let i = 0; i < values.length; i += batch) s.push(values.subarray(i, i + batch));
  return s;
}
