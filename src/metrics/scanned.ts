import { LatestProbe, WindowsCollector, type NamedRange } from './collect.js';
import type { BatchSink } from './batches.js';
import type { SeriesConfig } from './config.js';
import type { Logger } from '../logger.js';
import type { Notes } from './notes.js';
import type { ByteCounter } from './parquet/bytes.js';
import type { ListedObject } from './parquet/objects.js';
import type { RowSink } from './rows.js';
import type { ScanReport, Series, TimeRange } from './types.js';

/**
 * A source that reads whole tables (a file, objects under a prefix): each fetch is one scan of
 * every row, so both windows are collected in the same pass and "latest" is one more scan.
 */
export abstract class ScannedSource {
  private lastScan: ScanReport | undefined;

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

  /**
   * Streams the data to `sink` as column batches, without a row object or a per-window copy,
   * when it is columnar (Parquet): rows are pruned by partition and row-group statistics
   * through `sink.wantsRange`. Returns false, having read nothing, for text formats.
   */
  async scanBatches(sink: BatchSink): Promise<boolean> {
    return this.scanColumnar(sink);
  }

  /** Sources whose data may be Parquet override this. */
  protected async scanColumnar(_sink: BatchSink): Promise<boolean> {
    return false;
  }

  /** What the last scan of Parquet objects read and skipped (undefined for text formats). */
  scanReport(): ScanReport | undefined {
    return this.lastScan;
  }

  /** Reads Parquet objects into `sink`, pruned by partition and row-group statistics. */
  protected async scanParquetObjects(
    objects: ListedObject[],
    sink: RowSink | BatchSink,
    counter: ByteCounter,
    o: {
      where: string;
      timestampColumn: string;
      slackMs?: number;
      logger?: Pick<Logger, 'info'>;
      notes: Notes;
      concurrency?: number;
    },
  ): Promise<void> {
    const logger = o.logger ?? { info: () => undefined };
    // The Parquet reader loads only for sources that meet Parquet.
    const { describeScan, scanObjects } = await import('./parquet/objects.js');
    const t = await scanObjects(
      objects,
      { ...o, series: this.scannedSeries, logger, counter },
      sink,
    );
    this.lastScan = {
      objects: t.objectsListed,
      objectsRead: t.objectsOpened,
      objectsSkipped: t.objectsListed - t.objectsOpened,
      bytesTotal: t.bytesListed,
      bytesRead: counter.bytes,
      rowGroups: t.rowGroups,
      rowGroupsSkipped: t.rowGroupsSkipped,
      rows: t.rows,
      summary: describeScan(t, counter.bytes),
    };
    logger.info(`metrics: ${o.where}: ${this.lastScan.summary}`);
  }
}
