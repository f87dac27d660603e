import { PSI_EPS } from './bins.js';
import type { QuantileSketch } from './quantile-sketch.js';

/**
 * Distribution statistics between two windows summarized by quantile sketches, each with a
 * bound derived from the sketches' rank-error bounds ε (F̂ within ε of the true ECDF
 * everywhere; ε = 0 for a side held exactly):
 * - KS D: |D̂ − D| ≤ ε_a + ε_b.
 * - W1 = ∫|Q_a − Q_b| du: the true quantile Q(u) lies in [Q̂(u−ε), Q̂(u+ε)], so
 *   |Ŵ − W| ≤ Σ_sides ∫ (Q̂(u+ε) − Q̂(u−ε)) du = Σ_sides ∫ (min(F̂+ε, 1) − max(F̂−ε, 0)) dx over
 *   the side's exact [min, max]: about 2ε times the spread between the side's extreme tails.
 */
export interface SketchSide {
  values: Float64Array;
  /** Cumulative weight up to and including each value. */
  cum: Float64Array;
  count: number;
  /** Rank-error bound as a share of count. */
  eps: number;
  min: number;
  max: number;
}

export function sideOf(s: QuantileSketch): SketchSide {
  const { values, cumWeight } = s.items();
  return { values, cum: cumWeight, count: s.count, eps: s.epsilon, min: s.min, max: s.max };
}

/** An exact sorted sample as a sketch side (unit weights, no rank error). */
export function exactSide(sorted: Float64Array): SketchSide {
  const n = sorted.length;
  const cum = new Float64Array(n);
  for (let i = 0; i < n; i++) cum[i] = i + 1;
  return {
    values: sorted,
    cum,
    count: n,
    eps: 0,
    min: sorted[0] ?? NaN,
    max: sorted[n - 1] ?? NaN,
  };
}

export interface SketchComparison {
  maxS: number;
  minS: number;
  w1: number;
  /** Bounds on |estimate − exact|. */
  ksBound: number;
  w1Bound: number;
}

export function compareSketches(a: SketchSide, b: SketchSide): SketchComparison {
  if (a.count === 0 || b.count === 0)
    return { maxS: NaN, minS: NaN, w1: NaN, ksBound: NaN, w1Bound: NaN };
  const na = a.count;
  const nb = b.count;
  let i = 0;
  let j = 0;
  let max = -Infinity;
  let min = Infinity;
  let w1 = 0;
  let bandA = 0;
  let bandB = 0;
  let prevV = NaN;
  let fa = 0;
  let fb = 0;
  const band = (f: number, eps: number) => Math.min(f + eps, 1) - Math.max(f - eps, 0);
  // the exact extremes are breakpoints too: the band runs from each side's min to its max
  const extremes = [a.min, a.max, b.min, b.max].sort((x, y) => x - y);
  let e = 0;
  while (i < a.values.length || j < b.values.length || e < 4) {
    const x = i < a.values.length ? (a.values[i] as number) : Infinity;
    const y = j < b.values.length ? (b.values[j] as number) : Infinity;
    const z = e < 4 ? (extremes[e] as number) : Infinity;
    const v = Math.min(x, y, z);
    if (!Number.isNaN(prevV)) {
      const dx = v - prevV;
      w1 += Math.abs(fa - fb) * dx;
      if (prevV >= a.min && v <= a.max) bandA += band(fa, a.eps) * dx;
      if (prevV >= b.min && v <= b.max) bandB += band(fb, b.eps) * dx;
    }
    while (i < a.values.length && a.values[i] === v) i++;
    while (j < b.values.length && b.values[j] === v) j++;
    while (e < 4 && extremes[e] === v) e++;
    fa = i ? (a.cum[i - 1] as number) / na : 0;
    fb = j ? (b.cum[j - 1] as number) / nb : 0;
    const diff = fa - fb;
    if (diff > max) max = diff;
    if (diff < min) min = diff;
    prevV = v;
  }
  return {
    maxS: max,
    minS: Math.min(Math.max(-min, 0), 1),
    w1,
    // (plus the rounding of shares computed as ratios, a few ulps)
    ksBound: a.eps + b.eps + 4 * Number.EPSILON,
    w1Bound: (bandA + bandB) * (1 + 1e-12),
  };
}

/** Estimated count of values < x (strictly below), by binary search on the items. */
export function countBelow(s: SketchSide, x: number): number {
  let lo = 0;
  let hi = s.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((s.values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo ? (s.cum[lo - 1] as number) : 0;
}

/** Estimated quantile: the smallest item whose cumulative share reaches q (clamped to min/max). */
export function sketchQuantile(s: SketchSide, q: number): number {
  if (q <= 0) return s.min;
  if (q >= 1) return s.max;
  const target = q * s.count;
  let lo = 0;
  let hi = s.values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((s.cum[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return s.values[lo] as number;
}

/** Counts per bin (-inf, e1), [e1, e2), …, [e_{k-1}, +inf), as binCountsSorted. */
export function sketchBinCounts(s: SketchSide, edges: Float64Array): Float64Array {
  const k = edges.length + 1;
  const out = new Float64Array(k);
  let prev = 0;
  for (let i = 0; i < edges.length; i++) {
    const below = countBelow(s, edges[i] as number);
    out[i] = below - prev;
    prev = below;
  }
  out[k - 1] = s.count - prev;
  return out;
}

/**
 * Bound on |PSI estimate − exact PSI| when the edges and both sides' counts come from
 * sketches. At each edge at probability p the reference's cumulative share is off by at most
 * 2ε_ref (the edge's own rank error plus the count's), the current's by its mass between the
 * possible edge positions Q̂_ref(p ± ε_ref) plus 2ε_cur. Each bin's share is then off by at
 * most the sum at its two edges; each PSI term (c − r)·ln(c/r) is convex in (c, r), so its
 * largest change over that box is at a corner or, downwards, at most the first-order change.
 */
export function psiBound(
  ref: SketchSide,
  cur: SketchSide,
  probs: Float64Array,
  refCounts: Float64Array,
  curCounts: Float64Array,
): number {
  if (ref.eps === 0 && cur.eps === 0) return 0;
  const k = refCounts.length;
  const dR = new Float64Array(k + 1);
  const dC = new Float64Array(k + 1);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] as number;
    const lo = sketchQuantile(ref, p - ref.eps);
    const hi = sketchQuantile(ref, p + ref.eps);
    dR[i + 1] = 2 * ref.eps;
    dC[i + 1] = (countBelow(cur, hi) - countBelow(cur, lo)) / cur.count + 2 * cur.eps;
  }
  let bound = 0;
  for (let i = 0; i < k; i++) {
    const r0 = (refCounts[i] as number) / ref.count;
    const c0 = (curCounts[i] as number) / cur.count;
    const er = (dR[i] as number) + (dR[i + 1] as number);
    const ec = (dC[i] as number) + (dC[i + 1] as number);
    const f = (c: number, r: number) => {
      const cc = Math.max(c, PSI_EPS);
      const rr = Math.max(r, PSI_EPS);
      return (cc - rr) * Math.log(cc / rr);
    };
    const f0 = f(c0, r0);
    let up = 0;
    for (const c of [c0 - ec, c0 + ec])
      for (const r of [r0 - er, r0 + er]) up = Math.max(up, f(Math.max(c, 0), Math.max(r, 0)) - f0);
    const cc = Math.max(c0, PSI_EPS);
    const rr = Math.max(r0, PSI_EPS);
    const down =
      Math.abs(Math.log(cc / rr) + 1 - rr / cc) * ec +
      Math.abs(-Math.log(cc / rr) - 1 + cc / rr) * er;
    bound += Math.max(up, down);
  }
  return bound;
}
