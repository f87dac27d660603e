import { pointsOf } from '../gate/stats/window-summary.js';
import type { Series, TimeRange } from './types.js';

/** Collects the samples of one series; sorts by time on build when they arrived out of order. */
export class SeriesBuilder {
  private readonly ts: number[] = [];
  private readonly vals: number[] = [];
  private readonly labels: string[] | undefined;
  private sorted = true;

  constructor(
    readonly name: string,
    categorical = false,
  ) {
    if (categorical) this.labels = [];
  }

  get length(): number {
    return this.ts.length;
  }

  push(timestamp: number, value: number): void {
    if (this.ts.length && timestamp < (this.ts[this.ts.length - 1] as number)) this.sorted = false;
    this.ts.push(timestamp);
    this.vals.push(value);
  }

  pushLabel(timestamp: number, label: string): void {
    this.push(timestamp, NaN);
    this.labels?.push(label);
  }

  build(): Series {
    const n = this.ts.length;
    const order = this.sorted ? null : stableOrder(this.ts);
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    const labels = this.labels ? new Array<string>(n) : undefined;
    for (let i = 0; i < n; i++) {
      const j = order ? (order[i] as number) : i;
      timestamps[i] = this.ts[j] as number;
      values[i] = this.vals[j] as number;
      if (labels) labels[i] = this.labels?.[j] as string;
    }
    return labels
      ? { name: this.name, timestamps, values, labels }
      : { name: this.name, timestamps, values };
  }
}

function stableOrder(ts: number[]): number[] {
  const idx = ts.map((_, i) => i);
  return idx.sort((a, b) => (ts[a] as number) - (ts[b] as number) || a - b);
}

export function emptySeries(name: string, categorical = false): Series {
  const s: Series = { name, timestamps: new Float64Array(0), values: new Float64Array(0) };
  if (categorical) s.labels = [];
  return s;
}

export function inRange(t: number, range: TimeRange): boolean {
  return t >= range.start && t < range.end;
}

/** Samples that carry information: labels that are not empty, or numbers that are not NaN. */
export function countPoints(s: Series): number {
  if (s.streamed) return pointsOf(s.streamed);
  if (s.labels) return s.labels.filter((l) => l !== '').length;
  let n = 0;
  for (const v of s.values) if (!Number.isNaN(v)) n++;
  return n;
}
