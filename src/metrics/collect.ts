import type { SeriesConfig } from './config.js';
import type { RowSink } from './rows.js';
import { inRange, SeriesBuilder } from './series.js';
import type { Series, TimeRange } from './types.js';

/** Keeps the samples of every configured series that fall inside one window. */
export class WindowCollector implements RowSink {
  private readonly builders = new Map<string, SeriesBuilder>();

  constructor(
    series: SeriesConfig[],
    private readonly range: TimeRange,
  ) {
    for (const s of series) this.builders.set(s.name, new SeriesBuilder(s.name, s.categorical));
  }

  wants(t: number): boolean {
    return inRange(t, this.range);
  }

  overlaps(start: number, end: number): boolean {
    return end >= this.range.start && start < this.range.end;
  }

  add(series: string, t: number, value: number): void {
    this.builders.get(series)?.push(t, value);
  }

  addLabel(series: string, t: number, label: string): void {
    this.builders.get(series)?.pushLabel(t, label);
  }

  result(): Record<string, Series> {
    const out: Record<string, Series> = {};
    for (const [name, b] of this.builders) out[name] = b.build();
    return out;
  }
}

export interface NamedRange {
  name: 'current' | 'reference';
  range: TimeRange;
}

/**
 * Both windows in one pass over the data (they may overlap when the reference offset is
 * shorter than the current window, so a row can land in both).
 */
export class WindowsCollector implements RowSink {
  private readonly parts: { name: NamedRange['name']; c: WindowCollector }[];

  constructor(series: SeriesConfig[], windows: NamedRange[]) {
    this.parts = windows.map((w) => ({ name: w.name, c: new WindowCollector(series, w.range) }));
  }

  wants(t: number): boolean {
    for (const p of this.parts) if (p.c.wants(t)) return true;
    return false;
  }

  overlaps(start: number, end: number): boolean {
    for (const p of this.parts) if (p.c.overlaps(start, end)) return true;
    return false;
  }

  add(series: string, t: number, value: number): void {
    for (const p of this.parts) if (p.c.wants(t)) p.c.add(series, t, value);
  }

  addLabel(series: string, t: number, label: string): void {
    for (const p of this.parts) if (p.c.wants(t)) p.c.addLabel(series, t, label);
  }

  result(): Partial<Record<NamedRange['name'], Record<string, Series>>> {
    const out: Partial<Record<NamedRange['name'], Record<string, Series>>> = {};
    for (const p of this.parts) out[p.name] = p.c.result();
    return out;
  }
}

/** Finds the newest timestamp without keeping any values ("latest" window anchoring). */
export class LatestProbe implements RowSink {
  latest: number | undefined;

  wants(t: number): boolean {
    if (this.latest === undefined || t > this.latest) this.latest = t;
    return false;
  }

  /** Exact bounds (row-group statistics) answer without reading a row. */
  overlaps(_start: number, end: number, exact: boolean): boolean {
    if (exact) {
      if (this.latest === undefined || end > this.latest) this.latest = end;
      return false;
    }
    return this.latest === undefined || end > this.latest;
  }

  add(): void {}

  addLabel(): void {}
}
