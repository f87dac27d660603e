/** The passes over a window that put it on a key grid (stats/keyed-window.ts). */
import { CHUNK } from './sort-passes.js';

/**
 * min, max, NaN and ±Inf counts of a window's values, and the compensated sum of its finite
 * values (the mean, and the centre of the key pass's squared deviations).
 */
export function finiteRange(values: Float64Array): Float64Array {
  const st = Float64Array.of(Infinity, -Infinity, 0, 0, 0, 0);
  for (let from = 0; from < values.length; from += CHUNK)
    rangeChunk(values, from, Math.min(values.length, from + CHUNK), st);
  return Float64Array.of(
    st[0] as number,
    st[1] as number,
    st[2] as number,
    st[3] as number,
    (st[4] as number) + (st[5] as number),
  );
}

/** st = [min, max, nan, inf, sum, compensation], updated with values[from, to). */
function rangeChunk(values: Float64Array, from: number, to: number, st: Float64Array): void {
  let min = st[0] as number;
  let max = st[1] as number;
  let odd = 0;
  let nan = 0;
  let s = st[4] as number;
  let c = st[5] as number;
  for (let i = from; i < to; i++) {
    const v = values[i] as number;
    if (v - v === 0) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      const t = s + v;
      c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
      s = t;
    } else {
      odd++;
      if (v !== v) nan++;
    }
  }
  st[0] = min;
  st[1] = max;
  st[2] = (st[2] as number) + nan;
  st[3] = (st[3] as number) + odd - nan;
  st[4] = s;
  st[5] = c;
}

/**
 * Keys, counts, offsets and Σ(v − mean)² over values[from, to); g = [lo, scale, width,
 * last key, mean, Σ, compensation].
 */
export function keyChunk(
  values: Float64Array,
  from: number,
  to: number,
  keyOf: Int32Array,
  count: Int32Array,
  offset: Float64Array,
  g: Float64Array,
): void {
  const lo = g[0] as number;
  const scale = g[1] as number;
  const width = g[2] as number;
  const last = g[3] as number;
  const mean = g[4] as number;
  let q = g[5] as number;
  let qc = g[6] as number;
  for (let i = from; i < to; i++) {
    const v = values[i] as number;
    if (v - v === 0) {
      const k = Math.min(last, ((v - lo) * scale) | 0);
      keyOf[i] = k;
      count[k]++;
      // from the edge as edge() computes it (lo + k·width), the edge the walk integrates from
      offset[k] = (offset[k] as number) + (v - (lo + k * width));
      const d = (v - mean) * (v - mean);
      const t = q + d;
      qc += q >= d ? q - t + d : d - t + q;
      q = t;
    } else keyOf[i] = -1;
  }
  g[5] = q;
  g[6] = qc;
}

export function gatherChunk(
  values: Float64Array,
  from: number,
  to: number,
  keyOf: Int32Array,
  slotOf: Int32Array,
  bufs: Float64Array[],
  fill: Int32Array,
): void {
  for (let i = from; i < to; i++) {
    const k = keyOf[i] as number;
    if (k < 0) continue;
    const s = slotOf[k] as number;
    if (s < 0) continue;
    const at = fill[s] as number;
    (bufs[s] as Float64Array)[at] = values[i] as number;
    fill[s] = at + 1;
  }
}
