import { lowerBound } from './bins.js';
import { finiteRange, gatherChunk, keyChunk } from './keyed-passes.js';
import { CHUNK } from './sort-passes.js';
import { sortF64 } from './sort-f64.js';
import { lerp } from './quantile.js';

/**
 * Exact order statistics of a large window without sorting it.
 *
 * A check set of KS, Wasserstein, PSI/JS/χ² and percentiles needs the windows' order only in a
 * few places: where the two CDFs cross or come near their largest gap, and at a few quantiles.
 * Both windows are put on one grid of keys k(v) = ⌊(v − lo)·scale⌋ (monotone in v, so equal
 * values share a key and a key's values lie between two grid edges), with the count and the
 * sum of offsets from the key's edge per key: one pass, no sort. Keys are sorted (gathered in
 * one pass, then sorted on their own) only where a statistic needs the order within them, so
 * every result is the one the sorted windows give.
 */

/** Keys per grid: the count and offset tables of both windows stay in a core's cache. */
const MAX_KEYS = 1 << 15;
const MIN_KEYS = 1 << 8;
const EMPTY = new Float64Array(0);

export interface KeyGrid {
  /** The smallest finite value of both windows: key 0 starts there. */
  lo: number;
  /** Keys per unit of value. */
  scale: number;
  /** Width of one key, (hi − lo) / keys. */
  width: number;
  keys: number;
}

/**
 * The grid over both windows' finite values, about 64 values per key; null when they span no
 * range a double can split (all equal, or none).
 */
export function keyGrid(
  a: Float64Array,
  b: Float64Array,
  ra = finiteRange(a),
  rb = finiteRange(b),
): KeyGrid | null {
  const lo = Math.min(ra[0] as number, rb[0] as number);
  const hi = Math.max(ra[1] as number, rb[1] as number);
  if (!(lo < hi)) return null;
  const want = (a.length + b.length) / 16;
  const keys = Math.min(MAX_KEYS, Math.max(MIN_KEYS, 2 ** Math.ceil(Math.log2(want))));
  const scale = keys / (hi - lo);
  const width = (hi - lo) / keys;
  if (!(scale > 0 && scale < Infinity && width > 0)) return null;
  return { lo, scale, width, keys };
}

export class KeyedWindow {
  /** Each value's key, −1 for NaN and ±Inf. */
  private readonly keyOf: Int32Array;
  /** Finite values per key. */
  readonly count: Int32Array;
  /** Finite values in keys below k (below[keys] = finite). */
  readonly below: Int32Array;
  /** Σ (v − edge(k)) over key k's values (exact differences: v is near its edge). */
  readonly offset: Float64Array;
  readonly total: number;
  readonly finite: number;
  readonly nan: number;
  readonly inf: number;
  /** Smallest and largest finite value (−0 before +0, as a sort orders them). */
  readonly min: number;
  readonly max: number;
  private readonly sorted = new Map<number, Float64Array>();
  private readonly hinted = new Set<number>();
  /** Σ of the finite values (compensated). */
  readonly sum: number;
  /** Σ (v − mean)² over the finite values (compensated), for the std. */
  private readonly squares: number;

  constructor(
    private readonly values: Float64Array,
    readonly grid: KeyGrid,
    range = finiteRange(values),
  ) {
    const { keys } = grid;
    this.total = values.length;
    this.min = range[0] as number;
    this.max = range[1] as number;
    this.nan = range[2] as number;
    this.inf = range[3] as number;
    this.finite = this.total - this.nan - this.inf;
    this.sum = range[4] as number;
    this.keyOf = new Int32Array(values.length);
    this.count = new Int32Array(keys);
    this.offset = new Float64Array(keys);
    const mean = this.finite ? this.sum / this.finite : 0;
    const g = Float64Array.of(grid.lo, grid.scale, grid.width, keys - 1, mean, 0, 0);
    for (let from = 0; from < values.length; from += CHUNK)
      keyChunk(
        values,
        from,
        Math.min(values.length, from + CHUNK),
        this.keyOf,
        this.count,
        this.offset,
        g,
      );
    this.squares = (g[5] as number) + (g[6] as number);
    this.below = new Int32Array(keys + 1);
    for (let k = 0; k < keys; k++)
      this.below[k + 1] = (this.below[k] as number) + (this.count[k] as number);
  }

  /** The left edge of key k. */
  edge(k: number): number {
    return this.grid.lo + k * this.grid.width;
  }

  /** The key a value falls in (clamped to the grid). */
  key(v: number): number {
    const k = ((v - this.grid.lo) * this.grid.scale) | 0;
    return k < 0 ? 0 : Math.min(this.grid.keys - 1, k);
  }

  /** Key k's values, ascending. */
  keyValues(k: number): Float64Array {
    this.gather([k]);
    return this.sorted.get(k) ?? EMPTY;
  }

  /** Keys a later statistic will ask for: sorted with the next gather, which then saves a pass. */
  hint(keys: Iterable<number>): void {
    for (const k of keys) this.hinted.add(k);
  }

  /** Sorts the values of every listed (or hinted) key not sorted yet, in one pass over the window. */
  gather(keys: Iterable<number>): void {
    const slot = new Map<number, number>();
    const bufs: Float64Array[] = [];
    const all = this.hinted.size ? [...keys, ...this.hinted] : keys;
    this.hinted.clear();
    for (const k of all) {
      if (this.sorted.has(k) || slot.has(k) || !(this.count[k] as number)) continue;
      slot.set(k, bufs.length);
      bufs.push(new Float64Array(this.count[k] as number));
    }
    if (bufs.length === 0) return;
    const slotOf = new Int32Array(this.grid.keys).fill(-1);
    for (const [k, s] of slot) slotOf[k] = s;
    const fill = new Int32Array(bufs.length);
    for (let from = 0; from < this.values.length; from += CHUNK)
      gatherChunk(
        this.values,
        from,
        Math.min(this.values.length, from + CHUNK),
        this.keyOf,
        slotOf,
        bufs,
        fill,
      );
    for (const [k, s] of slot) this.sorted.set(k, sortF64(bufs[s] as Float64Array));
  }

  /** The r-th smallest finite value (0-based). */
  private orderStat(r: number): number {
    const k = this.keyAtRank(r);
    return this.keyValues(k)[r - (this.below[k] as number)] as number;
  }

  private keyAtRank(r: number): number {
    let lo = 0;
    let hi = this.grid.keys - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.below[mid] as number) <= r) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The keys holding the order statistics quantiles(qs) reads. */
  quantileKeys(qs: readonly number[]): number[] {
    const n = this.finite;
    const keys: number[] = [];
    for (const q of qs) {
      const vi = (n - 1) * q;
      if (vi > 0 && vi < n - 1)
        keys.push(this.keyAtRank(Math.floor(vi)), this.keyAtRank(Math.floor(vi) + 1));
    }
    return keys;
  }

  /** Quantiles as quantileSorted computes them on the sorted finite values (numpy's linear). */
  quantiles(qs: readonly number[]): Float64Array {
    const n = this.finite;
    this.gather(this.quantileKeys(qs));
    return Float64Array.from(qs, (q) => {
      if (n === 0) return NaN;
      const vi = (n - 1) * q;
      if (vi >= n - 1) return this.max;
      if (vi <= 0) return this.min;
      const r = Math.floor(vi);
      return lerp(this.orderStat(r), this.orderStat(r + 1), vi - r);
    });
  }

  /** Finite values below each x (lowerBound on the sorted values), for ascending xs. */
  countsBelow(xs: Float64Array): Float64Array {
    const inside = (x: number) => x > this.min && x <= this.max;
    this.gather(
      Array.from(xs)
        .filter(inside)
        .map((x) => this.key(x)),
    );
    return Float64Array.from(xs, (x) => {
      if (!(x > this.min)) return 0;
      if (x > this.max) return this.finite;
      const k = this.key(x);
      return (this.below[k] as number) + lowerBound(this.keyValues(k), x);
    });
  }

  /** Counts per bin (-inf, e1), [e1, e2), …, [e_{k-1}, +inf), as binCountsSorted. */
  binCounts(edges: Float64Array): Float64Array {
    const below = this.countsBelow(edges);
    const counts = new Float64Array(edges.length + 1);
    let prev = 0;
    for (let i = 0; i < edges.length; i++) {
      counts[i] = (below[i] as number) - prev;
      prev = below[i] as number;
    }
    counts[edges.length] = this.finite - prev;
    return counts;
  }

  /** Population standard deviation of the finite values, as stdPopulation (two-pass). */
  std(): number {
    return this.finite === 0 ? NaN : Math.sqrt(this.squares / this.finite);
  }
}
