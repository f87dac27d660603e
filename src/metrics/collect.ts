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

/** Finds the newest timestamp without keeping any values ("latest" window anchoring). */
export class LatestProbe implements RowSink {
  latest: number | undefined;

  wants(t: number): boolean {
    if (this.latest === undefined || t > this.latest) this.latest = t;
    return false;
  }

  add(): void {}

  addLabel(): void {}
}
