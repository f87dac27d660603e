import {
  addLabel,
  addNumeric,
  hourOf,
  newCategorical,
  newNumeric,
  type StreamedWindow,
} from '../gate/stats/window-summary.js';
import type { BatchSink, ColumnBatch } from './batches.js';
import type { NamedRange } from './collect.js';
import type { SeriesConfig } from './config.js';
import type { Series } from './types.js';
import { WindowBuffer } from './window-buffer.js';

type Columns = {
  ts: Float64Array;
  numeric: Record<string, Float64Array | undefined>;
  categorical: Record<string, { codes: Int32Array; categories: string[] } | undefined>;
};

/**
 * Both windows of a columnar source (Parquet) in one pass, in memory bounded by `exactMax`
 * rows per window: a window is held exactly (the same series as the row collectors build) until
 * it has more than `exactMax` rows; then what was held and every later row is streamed into
 * summaries — the whole window and each hour of it (src/gate/stats/window-summary.ts) — and the
 * values are let go. When either window streamed, both are handed on as summaries, so the gate
 * compares like with like.
 */
export class StreamingWindows implements BatchSink {
  private readonly parts: {
    name: NamedRange['name'];
    start: number;
    end: number;
    buffer: WindowBuffer | null;
    streamed: Map<string, StreamedWindow> | null;
  }[];
  private readonly anchor: number;

  constructor(
    private readonly series: SeriesConfig[],
    windows: NamedRange[],
    private readonly exactMax: number,
    /** Sketch capacity per level of the whole-window sketches (tests shrink it). */
    private readonly k?: number,
  ) {
    this.parts = windows.map((w) => ({
      name: w.name,
      start: w.range.start,
      end: w.range.end,
      buffer: new WindowBuffer(series),
      streamed: null,
    }));
    // The hour grid starts at the current window's start: auto-threshold draws are whole hours of it.
    const cur = windows.find((w) => w.name === 'current') ?? windows[0];
    this.anchor = Number.isFinite(cur?.range.start) ? (cur?.range.start as number) : 0;
  }

  wantsRange(start: number, end: number): boolean {
    return this.parts.some((p) => end >= p.start && start < p.end);
  }

  /** True once a window went over the limit. */
  get streaming(): boolean {
    return this.parts.some((p) => p.streamed !== null);
  }

  batch(b: ColumnBatch): void {
    for (const p of this.parts) {
      const cols = cut(b, p.start, p.end);
      if (!cols || cols.ts.length === 0) continue;
      if (p.buffer) {
        p.buffer.append(cols.ts, cols.numeric, cols.categorical);
        if (p.buffer.rows > this.exactMax) this.toStreamed(p);
      } else this.stream(p.streamed as Map<string, StreamedWindow>, cols);
    }
  }

  result(): Partial<Record<NamedRange['name'], Record<string, Series>>> {
    if (this.streaming) for (const p of this.parts) if (p.buffer) this.toStreamed(p);
    const out: Partial<Record<NamedRange['name'], Record<string, Series>>> = {};
    for (const p of this.parts) {
      if (p.buffer) {
        out[p.name] = p.buffer.build();
        continue;
      }
      const series: Record<string, Series> = {};
      for (const [name, w] of p.streamed as Map<string, StreamedWindow>) {
        series[name] = {
          name,
          timestamps: new Float64Array(0),
          values: new Float64Array(0),
          ...(w.kind === 'categorical' ? { labels: [] } : {}),
          streamed: w,
        };
      }
      out[p.name] = series;
    }
    return out;
  }

  private toStreamed(p: (typeof this.parts)[number]): void {
    const streamed = new Map<string, StreamedWindow>();
    for (const s of this.series)
      streamed.set(
        s.name,
        s.categorical
          ? newCategorical(this.anchor)
          : newNumeric(this.anchor, this.exactMax, this.k),
      );
    const buffer = p.buffer as WindowBuffer;
    p.buffer = null;
    p.streamed = streamed;
    for (const cols of buffer.drain()) this.stream(streamed, cols);
  }

  /** Rows cut to the window, into the summaries, one run of rows of the same hour at a time. */
  private stream(streamed: Map<string, StreamedWindow>, cols: Columns): void {
    const { ts } = cols;
    const n = ts.length;
    let i0 = 0;
    while (i0 < n) {
      const h = hourOf(this.anchor, ts[i0] as number);
      let i = i0 + 1;
      while (i < n && hourOf(this.anchor, ts[i] as number) === h) i++;
      for (const s of this.series) {
        const w = streamed.get(s.name) as StreamedWindow;
        if (w.kind === 'numeric') {
          const v = cols.numeric[s.name];
          const run = v ? v.subarray(i0, i) : new Float64Array(i - i0).fill(NaN);
          addNumeric(w, h, run, ts.subarray(i0, i));
        } else {
          const c = cols.categorical[s.name];
          if (!c) {
            addLabel(w, h, '', i - i0);
            continue;
          }
          const counts = new Float64Array(c.categories.length);
          let missing = 0;
          for (let k = i0; k < i; k++) {
            const code = c.codes[k] as number;
            if (code < 0) missing++;
            else counts[code] = (counts[code] as number) + 1;
          }
          if (missing) addLabel(w, h, '', missing);
          counts.forEach((count, code) => {
            // (an empty label is missing, as on the row path)
            if (count) addLabel(w, h, c.categories[code] as string, count);
          });
        }
      }
      i0 = i;
    }
  }
}

/** The rows of a batch inside [start, end) with a timestamp, as views when they are contiguous. */
function cut(b: ColumnBatch, start: number, end: number): Columns | null {
  const t = b.timestamps;
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = 0; i < b.rows; i++) {
    const x = t[i] as number;
    if (x >= start && x < end) {
      if (first < 0) first = i;
      last = i;
      count++;
    }
  }
  if (count === 0) return null;
  const numeric: Columns['numeric'] = {};
  const categorical: Columns['categorical'] = {};
  if (last - first + 1 === count) {
    const hi = last + 1;
    for (const [k, v] of Object.entries(b.numeric)) numeric[k] = v.subarray(first, hi);
    for (const [k, c] of Object.entries(b.categorical))
      categorical[k] = { codes: c.codes.subarray(first, hi), categories: c.categories };
    return { ts: t.subarray(first, hi), numeric, categorical };
  }
  const keep = new Uint32Array(count);
  let o = 0;
  for (let i = first; i <= last; i++) {
    const x = t[i] as number;
    if (x >= start && x < end) keep[o++] = i;
  }
  for (const [k, v] of Object.entries(b.numeric))
    numeric[k] = Float64Array.from(keep, (i) => v[i] as number);
  for (const [k, c] of Object.entries(b.categorical))
    categorical[k] = {
      codes: Int32Array.from(keep, (i) => c.codes[i] as number),
      categories: c.categories,
    };
  return { ts: Float64Array.from(keep, (i) => t[i] as number), numeric, categorical };
}
