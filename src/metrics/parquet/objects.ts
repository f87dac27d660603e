import type { Logger } from '../../logger.js';
import { RowsFromBatches, type BatchSink } from '../batches.js';
import type { SeriesConfig } from '../config.js';
import type { Notes } from '../notes.js';
import { partitionSpan } from '../partitions.js';
import type { RowSink } from '../rows.js';
import type { ByteCounter, ByteSource } from './bytes.js';
import { scanParquet } from './reader.js';
import { formatBytes, Progress, ScanTally } from './tally.js';

/** One Parquet object found under a prefix or in a folder. */
export interface ListedObject {
  /** Path relative to the listed prefix or folder: partition keys are read from it. */
  relative: string;
  size: number;
  open(): ByteSource;
}

export interface ObjectScanOptions {
  series: SeriesConfig[];
  timestampColumn: string;
  /** Where the objects were listed (messages). */
  where: string;
  /** Partitions this close to a window are read too (logs partitioned by arrival time). */
  slackMs?: number;
  concurrency?: number;
  logger: Pick<Logger, 'info'>;
  notes: Notes;
  counter: ByteCounter;
  sliceRows?: number;
  maxGroupBytes?: number;
}

/** Whether a sink can say which time spans it wants (window collectors, the latest probe). */
function asBatchSink(sink: RowSink | BatchSink): BatchSink {
  if ('batch' in sink) return sink;
  return new RowsFromBatches(sink, sink.overlaps?.bind(sink));
}

/**
 * Reads the objects whose partition can hold rows the sink wants, skipping the rest unread,
 * and returns what was read and skipped. Objects are read in key order.
 */
export async function scanObjects(
  objects: ListedObject[],
  opts: ObjectScanOptions,
  sink: RowSink | BatchSink,
): Promise<ScanTally> {
  const tally = new ScanTally();
  const batches = asBatchSink(sink);
  const slack = opts.slackMs ?? 0;
  const keep: ListedObject[] = [];
  for (const o of objects) {
    tally.objectsListed++;
    tally.bytesListed += o.size;
    const span = partitionSpan(o.relative);
    if (span.kind === 'bad') {
      tally.badPartitions.push(o.relative);
      opts.notes.warn(
        `${opts.where}: partition "${span.segment}" in ${o.relative}: ${span.why}; the object is read whatever its date. Fix the folder name, or move the object out of the prefix`,
      );
    } else if (
      span.kind === 'span' &&
      // [start, end): a window that starts where the partition ends takes none of its rows
      !batches.wantsRange(span.start - slack, span.end + slack - 0.001, false)
    ) {
      tally.objectsPruned++;
      tally.bytesPruned += o.size;
      continue;
    }
    keep.push(o);
  }
  const progress = new Progress(opts.logger, tally, () => opts.counter.bytes);
  await scanParquet(
    keep.map((o) => o.open()),
    {
      series: opts.series,
      timestampColumn: opts.timestampColumn,
      concurrency: opts.concurrency,
      sliceRows: opts.sliceRows,
      maxGroupBytes: opts.maxGroupBytes,
      progress,
    },
    batches,
    tally,
  );
  if (tally.nullTimestamps > 0) {
    opts.notes.warn(
      `${opts.where}: ${tally.nullTimestamps} row(s) have no timestamp (null in "${opts.timestampColumn}"); they belong to no window and were left out`,
    );
  }
  if (tally.absurd.count > 0) {
    opts.notes.warn(
      `${opts.where}: ${tally.absurd.count} value(s) beyond ±1e15; such values swamp means and overflow sums. Is the unit or the column right?`,
    );
  }
  return tally;
}

/** One line for the log and the summary: what was read and what was skipped. */
export function describeScan(t: ScanTally, bytesRead: number): string {
  const read = t.objectsListed - t.objectsPruned;
  const parts = [
    `opened ${read} of ${t.objectsListed} object(s) (${formatBytes(bytesRead)} fetched of ${formatBytes(t.bytesListed)})`,
  ];
  if (t.objectsPruned)
    parts.push(`${t.objectsPruned} skipped by partition date (${formatBytes(t.bytesPruned)})`);
  if (t.rowGroupsSkipped)
    parts.push(`${t.rowGroupsSkipped} of ${t.rowGroups} row group(s) skipped by their statistics`);
  parts.push(`${t.rows.toLocaleString('en-US')} row(s) decoded`);
  return parts.join('; ');
}
