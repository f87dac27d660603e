import { fSf } from './beta.js';

/**
 * The spread test of the `scale` check: Brown–Forsythe's version of Levene's test (Brown &
 * Forsythe 1974, JASA 69:364–367), i.e. a one-way ANOVA on the absolute deviations from each
 * window's median — scipy.stats.levene(a, b, center='median'). In Conover, Johnson & Johnson's
 * comparison of 56 tests for equal variances (Technometrics 23:351–361, 1981) it was among the
 * few that hold their level on heavy-tailed and skewed data; bench/gate-quality and
 * docs/gate.md show it on Student-t(3) and Beta(9,1) windows.
 */

/** numpy's median of an ascending array. */
export function medianSorted(x: Float64Array): number {
  const n = x.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 ? (x[h] as number) : ((x[h - 1] as number) + (x[h] as number)) / 2;
}

export interface Dispersion {
  /** Mean absolute deviation from the median. */
  mad: number;
  /** Σ (|x − median| − mad)²: the within-group sum of squares. */
  ss: number;
  n: number;
}

/** Mean absolute deviation from the median of an ascending array, and its sum of squares. */
export function dispersion(sorted: Float64Array): Dispersion {
  const n = sorted.length;
  const med = medianSorted(sorted);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs((sorted[i] as number) - med);
  const mad = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (Math.abs((sorted[i] as number) - med) - mad) ** 2;
  return { mad, ss, n };
}

/**
 * The same dispersion of a window summarized by a quantile sketch: the median and the mean
 * absolute deviation from the sketch's weighted items (approximate, within the sketch's rank
 * error), Σ (x − median)² exact from the streamed moments: Σ(x − m)² = m2 + n·(mean − m)².
 */
export function sketchDispersion(
  side: { values: Float64Array; cum: Float64Array; count: number },
  median: number,
  moments: { n: number; mean: number; m2: number },
): Dispersion {
  const { values, cum, count } = side;
  let sum = 0;
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    const w = (cum[i] as number) - prev;
    prev = cum[i] as number;
    sum += w * Math.abs((values[i] as number) - median);
  }
  const n = moments.n;
  const mad = count > 0 ? sum / count : NaN;
  const squares = moments.m2 + n * (moments.mean - median) ** 2;
  return { mad, ss: Math.max(squares - n * mad * mad, 0), n };
}

export interface BrownForsythe {
  /** Levene's W (an F statistic with 1 and N − 2 degrees of freedom). */
  statistic: number;
  pvalue: number;
}

/** Brown–Forsythe test of equal spread for two groups, from their dispersions. */
export function brownForsythe(a: Dispersion, b: Dispersion): BrownForsythe {
  const n = a.n + b.n;
  if (a.n < 2 || b.n < 2) return { statistic: NaN, pvalue: NaN };
  const grand = (a.n * a.mad + b.n * b.mad) / n;
  const between = a.n * (a.mad - grand) ** 2 + b.n * (b.mad - grand) ** 2;
  const within = a.ss + b.ss;
  if (within === 0) {
    // Both windows constant around their medians: equal spread unless one is not.
    return between === 0 ? { statistic: NaN, pvalue: 1 } : { statistic: Infinity, pvalue: 0 };
  }
  const statistic = ((n - 2) * between) / within;
  return { statistic, pvalue: fSf(statistic, 1, n - 2) };
}
