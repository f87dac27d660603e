import { mergeMoments, NumericSummary, type Moments } from './numeric-summary.js';
import { QuantileSketch } from './quantile-sketch.js';
import { sortF64 } from './sort-f64.js';

/**
 * A window too large to hold (more rows than gate.exact_max_samples), streamed into summaries
 * instead of values: the whole window as a NumericSummary (exact counts and moments, a quantile
 * sketch for the order statistics), and the same per hour of a grid anchored at the current
 * window's start, so that a part of the window made of whole hours (an auto-threshold draw) is
 * a merge of its hours. A categorical window is counts, per hour too: exact at any size.
 */

export const HOUR_MS = 3_600_000;
/**
 * Sketch capacity of one hour: at about 500 000 rows an hour, 8 levels of at most 4096 values
 * (256 KB) with a rank-error bound of about 0.2 % of the hour's count.
 */
export const HOUR_SKETCH_K = 4096;

export interface NumericHour {
  total: number;
  /** NaN and ±Inf: missing. */
  missing: number;
  moments: Moments;
  sketch: QuantileSketch;
}

export interface StreamedNumeric {
  kind: 'numeric';
  /** Start of the hour grid (epoch ms): hour h covers [anchor + h·1h, anchor + (h+1)·1h). */
  anchor: number;
  whole: NumericSummary;
  hours: Map<number, NumericHour>;
  /** The finite value with the latest timestamp ("last"), and that timestamp. */
  last: { t: number; v: number } | null;
}

export interface CategoricalHour {
  total: number;
  missing: number;
  counts: Map<string, number>;
}

export interface StreamedCategorical {
  kind: 'categorical';
  anchor: number;
  total: number;
  missing: number;
  counts: Map<string, number>;
  hours: Map<number, CategoricalHour>;
}

export type StreamedWindow = StreamedNumeric | StreamedCategorical;

export function hourOf(anchor: number, t: number): number {
  return Math.floor((t - anchor) / HOUR_MS);
}

export function newNumeric(anchor: number, exactMax: number, k?: number): StreamedNumeric {
  return {
    kind: 'numeric',
    anchor,
    whole: new NumericSummary({ exactMax, ...(k ? { k } : {}) }),
    hours: new Map(),
    last: null,
  };
}

export function newCategorical(anchor: number): StreamedCategorical {
  return { kind: 'categorical', anchor, total: 0, missing: 0, counts: new Map(), hours: new Map() };
}

/** Adds values that all lie in hour `h` (any order; NaN and ±Inf count as missing). */
export function addNumeric(
  w: StreamedNumeric,
  h: number,
  values: Float64Array,
  times: Float64Array,
): void {
  w.whole.push(values);
  let hour = w.hours.get(h);
  if (!hour) {
    hour = {
      total: 0,
      missing: 0,
      moments: { n: 0, mean: 0, m2: 0 },
      sketch: new QuantileSketch(HOUR_SKETCH_K),
    };
    w.hours.set(h, hour);
  }
  let finite = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i] as number)) finite++;
  const kept = finite === values.length ? values.slice() : new Float64Array(finite);
  if (finite !== values.length) {
    let o = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (Number.isFinite(v)) kept[o++] = v;
    }
  }
  hour.total += values.length;
  hour.missing += values.length - finite;
  let s = 0;
  for (let i = 0; i < finite; i++) s += kept[i] as number;
  const mean = finite ? s / finite : 0;
  let m2 = 0;
  for (let i = 0; i < finite; i++) m2 += ((kept[i] as number) - mean) ** 2;
  hour.moments = mergeMoments(hour.moments, { n: finite, mean, m2 });
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const t = times[i] as number;
    if (Number.isFinite(v) && (!w.last || t >= w.last.t)) w.last = { t, v };
  }
  if (finite) hour.sketch.addSorted(sortF64(kept));
}

/** Adds one label ('' is missing) at hour `h`, `n` times. */
export function addLabel(w: StreamedCategorical, h: number, label: string, n = 1): void {
  let hour = w.hours.get(h);
  if (!hour) {
    hour = { total: 0, missing: 0, counts: new Map() };
    w.hours.set(h, hour);
  }
  w.total += n;
  hour.total += n;
  if (label === '') {
    w.missing += n;
    hour.missing += n;
    return;
  }
  w.counts.set(label, (w.counts.get(label) ?? 0) + n);
  hour.counts.set(label, (hour.counts.get(label) ?? 0) + n);
}

/** Rows in the window (missing included). */
export function rowsOf(w: StreamedWindow): number {
  return w.kind === 'numeric' ? w.whole.total : w.total;
}

/** Rows that carry a value: finite numbers or non-empty labels (NaN is missing, ±Inf is not). */
export function pointsOf(w: StreamedWindow): number {
  return w.kind === 'numeric' ? w.whole.total - w.whole.nan : w.total - w.missing;
}

/**
 * The hours of `blocks` merged, or null when a block is not exactly one hour of the grid (then
 * the part cannot be cut from hour summaries).
 */
export function hoursOf(anchor: number, blocks: { start: number; end: number }[]): number[] | null {
  const out: number[] = [];
  for (const b of blocks) {
    const h = (b.start - anchor) / HOUR_MS;
    if (!Number.isInteger(h) || b.end - b.start !== HOUR_MS) return null;
    out.push(h);
  }
  return out;
}

/** One numeric part made of whole hours: merged sketch, counts and moments. */
export function mergeNumericHours(w: StreamedNumeric, hours: number[]): NumericHour {
  const out: NumericHour = {
    total: 0,
    missing: 0,
    moments: { n: 0, mean: 0, m2: 0 },
    sketch: new QuantileSketch(HOUR_SKETCH_K),
  };
  for (const h of hours) {
    const hour = w.hours.get(h);
    if (!hour) continue;
    out.total += hour.total;
    out.missing += hour.missing;
    out.moments = mergeMoments(out.moments, hour.moments);
    out.sketch.merge(hour.sketch);
  }
  return out;
}

export function mergeCategoricalHours(w: StreamedCategorical, hours: number[]): CategoricalHour {
  const out: CategoricalHour = { total: 0, missing: 0, counts: new Map() };
  for (const h of hours) {
    const hour = w.hours.get(h);
    if (!hour) continue;
    out.total += hour.total;
    out.missing += hour.missing;
    for (const [l, c] of hour.counts) out.counts.set(l, (out.counts.get(l) ?? 0) + c);
  }
  return out;
}

/** An in-memory window as a streamed one (when only the other window was streamed). */
export function streamedFrom(
  s: { timestamps: Float64Array; values: Float64Array; labels?: string[] },
  exactMax: number,
  anchor = 0,
): StreamedWindow {
  const n = s.timestamps.length;
  if (s.labels) {
    const w = newCategorical(anchor);
    for (let i = 0; i < n; i++)
      addLabel(w, hourOf(anchor, s.timestamps[i] as number), s.labels[i] ?? '');
    return w;
  }
  const w = newNumeric(anchor, exactMax);
  let i0 = 0;
  while (i0 < n) {
    const h = hourOf(anchor, s.timestamps[i0] as number);
    let i = i0 + 1;
    while (i < n && hourOf(anchor, s.timestamps[i] as number) === h) i++;
    addNumeric(w, h, s.values.subarray(i0, i), s.timestamps.subarray(i0, i));
    i0 = i;
  }
  return w;
}
