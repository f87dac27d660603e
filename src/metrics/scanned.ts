import { LatestProbe, WindowsCollector, type NamedRange } from './collect.js';
import type { SeriesConfig } from './config.js';
import type { RowSink } from './rows.js';
import type { Series, TimeRange } from './types.js';

/**
 * A source that reads whole tables (a file, objects under a prefix): each fetch is one scan of
 * every row, so both windows are collected in the same pass and "latest" is one more scan.
 */
export abstract class ScannedSource {
  constructor(private readonly scannedSeries: SeriesConfig[]) {}

  /** Feeds every row of the data to `sink`. */
  protected abstract scan(sink: RowSink): Promise<void>;

  async fetch(range: TimeRange, window: 'current' | 'reference'): Promise<Record<string, Series>> {
    return (await this.fetchWindows([{ name: window, range }]))[window] ?? {};
  }

  async fetchWindows(
    windows: NamedRange[],
  ): Promise<Partial<Record<NamedRange['name'], Record<string, Series>>>> {
    const collector = new WindowsCollector(this.scannedSeries, windows);
    await this.scan(collector);
    return collector.result();
  }

  async latest(): Promise<number | undefined> {
    const probe = new LatestProbe();
    await this.scan(probe);
    return probe.latest;
  }
}
