import type { KeyedWindow } from './keyed-window.js';
import { extreme, type SortedComparison } from './wasserstein.js';

/**
 * The KS extremes and Wasserstein-1 of two windows on one key grid, equal to compareSorted on
 * the sorted windows (D bit for bit; W1 to about 1e-12 relative, from sums per key).
 *
 * The CDF gap is the integer d = i·n2 − j·n1. At each key's end it is known from the counts
 * alone. Inside key k it stays within [d0 − cb·n1, d0 + ca·n2], so the key's order is needed
 * only where that range may hold a larger extreme than the keys' ends, or cross zero (where
 * |d| is no longer d or −d and its integral needs the order); elsewhere the integral of d over
 * the key comes from the offsets: ∫ i dx = (i0 + ca)·w − Σ(v − edge).
 */
export function compareKeyed(a: KeyedWindow, b: KeyedWindow): SortedComparison {
  const n1 = a.finite;
  const n2 = b.finite;
  if (n1 === 0 || n2 === 0) return { maxS: NaN, minS: NaN, w1: NaN };
  const keys = a.grid.keys;
  const st = new Float64Array(10);
  for (let k = 0; k < keys; k++) {
    if ((a.count[k] as number) + (b.count[k] as number) === 0) continue;
    const i = a.below[k + 1] as number;
    const j = b.below[k + 1] as number;
    extreme(st, i * n2 - j * n1, i, j, n1, n2);
  }
  const hi = st[4] as number;
  const lo = st[7] as number;
  const refine: number[] = [];
  for (let k = 0; k < keys; k++) {
    const ca = a.count[k] as number;
    const cb = b.count[k] as number;
    if (ca + cb === 0) continue;
    const d0 = (a.below[k] as number) * n2 - (b.below[k] as number) * n1;
    const upper = d0 + ca * n2;
    const lower = d0 - cb * n1;
    const crosses = lower < 0 && upper > 0;
    // with one side only, d moves one way and its extreme is the key's end (already recorded)
    const extremeInside = (cb > 0 && ca > 0 && upper >= hi) || (ca > 0 && cb > 0 && lower <= lo);
    if (crosses || extremeInside) refine.push(k);
  }
  a.gather(refine);
  b.gather(refine);
  let sum = 0;
  let comp = 0;
  let r = 0;
  for (let k = 0; k < keys; k++) {
    let area: number;
    const d0 = (a.below[k] as number) * n2 - (b.below[k] as number) * n1;
    if (refine[r] === k) {
      r++;
      area = walkKey(a, b, k, st, n1, n2);
    } else {
      const d1 = (a.below[k + 1] as number) * n2 - (b.below[k + 1] as number) * n1;
      // the edges as computed (not lo + k·w exactly), so neighbouring keys meet where they end
      const w = a.edge(k + 1) - a.edge(k);
      const ca = a.count[k] as number;
      const cb = b.count[k] as number;
      area =
        ca + cb === 0
          ? Math.abs(d0) * w
          : Math.abs(d1 * w - n2 * (a.offset[k] as number) + n1 * (b.offset[k] as number));
    }
    const t = sum + area;
    comp += Math.abs(sum) >= Math.abs(area) ? sum - t + area : area - t + sum;
    sum = t;
  }
  return {
    maxS: (st[5] as number) / n1 - (st[6] as number) / n2,
    minS: Math.min(Math.max(-((st[8] as number) / n1 - (st[9] as number) / n2), 0), 1),
    w1: (sum + comp) / n1 / n2,
  };
}

/** The exact walk through key k's values: its extremes into st, its area returned. */
function walkKey(
  a: KeyedWindow,
  b: KeyedWindow,
  k: number,
  st: Float64Array,
  n1: number,
  n2: number,
): number {
  const as = a.keyValues(k);
  const bs = b.keyValues(k);
  let i = a.below[k] as number;
  let j = b.below[k] as number;
  let d = i * n2 - j * n1;
  let prev = a.edge(k);
  let area = 0;
  let x = 0;
  let y = 0;
  while (x < as.length || y < bs.length) {
    const va = x < as.length ? (as[x] as number) : Infinity;
    const vb = y < bs.length ? (bs[y] as number) : Infinity;
    const v = va <= vb ? va : vb;
    if (v > prev) extreme(st, d, i, j, n1, n2);
    area += Math.abs(d) * (v - prev);
    prev = v;
    if (va <= vb) {
      x++;
      i++;
      d += n2;
    } else {
      y++;
      j++;
      d -= n1;
    }
  }
  return area + Math.abs(d) * (a.edge(k + 1) - prev);
}
