/**
 * Is a metric worse than it should be, beyond noise? One-sided z-tests on the metric's standard
 * error (Wald for proportions, DeLong for AUC, bootstrap otherwise), and Benjamini–Hochberg
 * across segments. Arithmetic only: the gate decides what a p-value means.
 */
import { normalCdf } from './intervals.js';
import type { MetricValue } from './types.js';

export type Direction = 'higher' | 'lower';

/** How much worse `a` is than `b` (positive = worse) for a metric where `direction` is better. */
export function worsening(a: number, b: number, direction: Direction): number {
  return direction === 'higher' ? b - a : a - b;
}

export interface TestResult {
  /** Worsening of the current value against the comparison (reference or floor). */
  worse: number;
  z: number;
  /** One-sided p-value of "worse by more than `margin`". */
  p: number;
}

/** Current vs reference: H0 "worse by at most margin", two independent samples. */
export function dropTest(
  cur: MetricValue,
  ref: MetricValue,
  direction: Direction,
  margin = 0,
): TestResult | null {
  if (cur.value === null || ref.value === null || cur.se === undefined || ref.se === undefined)
    return null;
  const worse = worsening(cur.value, ref.value, direction);
  return zTest(worse - margin, Math.hypot(cur.se, ref.se), worse);
}

/** Current vs a fixed floor: H0 "at the floor or better". */
export function floorTest(
  cur: MetricValue,
  floor: number,
  direction: Direction,
): TestResult | null {
  if (cur.value === null || cur.se === undefined) return null;
  const worse = worsening(cur.value, floor, direction);
  return zTest(worse, cur.se, worse);
}

function zTest(excess: number, se: number, worse: number): TestResult {
  if (se === 0) return { worse, z: excess > 0 ? Infinity : -Infinity, p: excess > 0 ? 0 : 1 };
  const z = excess / se;
  return { worse, z, p: 1 - normalCdf(z) };
}

/** Benjamini–Hochberg at level q: which of the p-values are discoveries. */
export function benjaminiHochberg(pvalues: number[], q: number): boolean[] {
  const m = pvalues.length;
  const order = pvalues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  let k = -1;
  order.forEach(([p], rank) => {
    if (p <= ((rank + 1) / m) * q) k = rank;
  });
  const out = new Array<boolean>(m).fill(false);
  for (let r = 0; r <= k; r++) out[order[r]![1]] = true;
  return out;
}

/** Limits from the reference's chunks: mean ∓ k·sd of the chunk values (the bad side only). */
export function chunkLimits(
  values: number[],
  direction: Direction,
  warnSigmas: number,
  alertSigmas: number,
): { mean: number; sd: number; warn: number; alert: number } | null {
  if (values.length < 3) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  const sign = direction === 'higher' ? -1 : 1;
  return { mean, sd, warn: mean + sign * warnSigmas * sd, alert: mean + sign * alertSigmas * sd };
}
