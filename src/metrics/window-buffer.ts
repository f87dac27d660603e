import type { SeriesConfig } from './config.js';
import type { Series } from './types.js';

const EMPTY = new Float64Array(0);
const EMPTY_CODES = new Int32Array(0);

/**
 * The rows of one window held exactly, column by column in typed chunks (one timestamp column
 * for every series: a columnar source gives each series a value on every row). Builds the same
 * `Series` as the row collectors: samples in time order (stable), NaN for a missing number,
 * '' for a missing label.
 */
export class WindowBuffer {
  rows = 0;
  private ts: Float64Array[] = [];
  private readonly numeric = new Map<string, Float64Array[]>();
  /** Labels as codes into one dictionary for the window; -1 is missing. */
  private readonly codes = new Map<string, Int32Array[]>();
  private readonly dict = new Map<string, Map<string, number>>();
  private readonly names = new Map<string, string[]>();

  constructor(private readonly series: SeriesConfig[]) {
    for (const s of series) {
      if (s.categorical) {
        this.codes.set(s.name, []);
        this.dict.set(s.name, new Map());
        this.names.set(s.name, []);
      } else this.numeric.set(s.name, []);
    }
  }

  /** Appends rows (already cut to the window): copies, so the reader may reuse its buffers. */
  append(
    ts: Float64Array,
    numeric: Record<string, Float64Array | undefined>,
    categorical: Record<string, { codes: Int32Array; categories: string[] } | undefined>,
  ): void {
    const n = ts.length;
    this.rows += n;
    this.ts.push(ts.slice());
    for (const [name, chunks] of this.numeric) {
      const v = numeric[name];
      chunks.push(v ? v.slice() : new Float64Array(n).fill(NaN));
    }
    for (const [name, chunks] of this.codes) {
      const c = categorical[name];
      const out = new Int32Array(n).fill(-1);
      if (c) {
        const dict = this.dict.get(name) as Map<string, number>;
        const names = this.names.get(name) as string[];
        const local = c.categories.map((label) => {
          let code = dict.get(label);
          if (code === undefined) {
            code = names.length;
            dict.set(label, code);
            names.push(label);
          }
          return code;
        });
        for (let i = 0; i < n; i++) {
          const k = c.codes[i] as number;
          out[i] = k < 0 ? -1 : (local[k] as number);
        }
      }
      chunks.push(out);
    }
  }

  /** Every chunk in arrival order, then frees them: for streaming what was held. */
  *drain(): Generator<{
    ts: Float64Array;
    numeric: Record<string, Float64Array>;
    categorical: Record<string, { codes: Int32Array; categories: string[] }>;
  }> {
    const ts = this.ts;
    this.ts = [];
    this.rows = 0;
    for (let i = 0; i < ts.length; i++) {
      const numeric: Record<string, Float64Array> = {};
      const categorical: Record<string, { codes: Int32Array; categories: string[] }> = {};
      for (const [name, chunks] of this.numeric) numeric[name] = chunks[i] as Float64Array;
      for (const [name, chunks] of this.codes)
        categorical[name] = {
          codes: chunks[i] as Int32Array,
          categories: this.names.get(name) as string[],
        };
      yield { ts: ts[i] as Float64Array, numeric, categorical };
      // let each chunk go once streamed: the held window is never there twice
      ts[i] = EMPTY;
      for (const chunks of this.numeric.values()) chunks[i] = EMPTY;
      for (const chunks of this.codes.values()) chunks[i] = EMPTY_CODES;
    }
    for (const chunks of this.numeric.values()) chunks.length = 0;
    for (const chunks of this.codes.values()) chunks.length = 0;
  }

  /** The window's series, as the row collectors build them. */
  build(): Record<string, Series> {
    const n = this.rows;
    const ts = concat(this.ts, n);
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = (ts[i - 1] as number) <= (ts[i] as number);
    const order = sorted ? null : stableOrder(ts);
    const timestamps = order ? Float64Array.from(order, (j) => ts[j] as number) : ts;
    const out: Record<string, Series> = {};
    for (const s of this.series) {
      if (s.categorical) {
        const codes = concatInt(this.codes.get(s.name) as Int32Array[], n);
        const names = this.names.get(s.name) as string[];
        const labels = new Array<string>(n);
        for (let i = 0; i < n; i++) {
          const k = codes[order ? (order[i] as number) : i] as number;
          labels[i] = k < 0 ? '' : (names[k] as string);
        }
        out[s.name] = { name: s.name, timestamps, values: new Float64Array(n).fill(NaN), labels };
      } else {
        const v = concat(this.numeric.get(s.name) as Float64Array[], n);
        const values = order ? Float64Array.from(order, (j) => v[j] as number) : v;
        out[s.name] = { name: s.name, timestamps, values };
      }
    }
    return out;
  }
}

function concat(chunks: Float64Array[], n: number): Float64Array {
  if (chunks.length === 1 && chunks[0]?.length === n) return chunks[0];
  const out = new Float64Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function concatInt(chunks: Int32Array[], n: number): Int32Array {
  const out = new Int32Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function stableOrder(ts: Float64Array): Uint32Array {
  const idx = new Uint32Array(ts.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  // TypedArray sort is not guaranteed stable: break ties by index
  return idx.sort((a, b) => (ts[a] as number) - (ts[b] as number) || a - b);
}
