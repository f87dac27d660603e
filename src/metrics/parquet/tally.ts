import type { Logger } from '../../logger.js';

/** What a scan read and skipped, for the log, the summary and the outputs. */
export class ScanTally {
  /** Objects (files) listed that the scan would read if nothing were pruned. */
  objectsListed = 0;
  /** Objects skipped without a request: their partition lies outside every window. */
  objectsPruned = 0;
  /** Objects whose footer was read. */
  objectsOpened = 0;
  /** Total size of every listed object, and of the pruned ones. */
  bytesListed = 0;
  bytesPruned = 0;
  rowGroups = 0;
  rowGroupsSkipped = 0;
  /** Rows decoded, and rows in row groups skipped by their statistics. */
  rows = 0;
  rowsSkipped = 0;
  /** Rows without a timestamp (null): dropped and counted. */
  nullTimestamps = 0;
  /** Values beyond ±1e15 in numeric columns. */
  readonly absurd = { count: 0 };
  /** Partition folders whose date could not be read (read whole, never skipped). */
  badPartitions: string[] = [];
}

/** Logs how far a long read has got, at most once every `everyMs`. */
export class Progress {
  private last: number;

  constructor(
    private readonly logger: Pick<Logger, 'info'>,
    private readonly tally: ScanTally,
    private readonly bytesRead: () => number,
    private readonly everyMs = 5000,
    private readonly now: () => number = Date.now,
  ) {
    this.last = now();
  }

  tick(): void {
    const t = this.now();
    if (t - this.last < this.everyMs) return;
    this.last = t;
    const s = this.tally;
    const toRead = s.objectsListed - s.objectsPruned;
    this.logger.info(
      `metrics: read ${s.objectsOpened} of ${toRead} object(s), ${s.rows.toLocaleString('en-US')} row(s), ${formatBytes(this.bytesRead())} so far`,
    );
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
