import { createReadStream, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BatchSink } from './batches.js';
import type { SeriesConfig } from './config.js';
import type { Notes } from './notes.js';
import { ByteCounter, FileBytes } from './parquet/bytes.js';
import { listLocalParquet, PARQUET_NAME } from './parquet/local.js';
import type { ListedObject } from './parquet/objects.js';
import { assertColumnsExist, RowReader, type RowSink } from './rows.js';
import { ScannedSource } from './scanned.js';
import {
  compressionError,
  isGzip,
  lines,
  readJsonArray,
  readLines,
  tableFormat,
  type TableFormat,
} from './table.js';
import type { MetricsSource } from './types.js';

export interface FileSourceOptions {
  /** As written in the config (shown in messages); resolved against `root`. */
  path: string;
  root: string;
  format?: TableFormat | 'parquet';
  timestampColumn?: string;
  /** Partitions this close to a window are read too (Parquet folders). */
  partitionSlackMs?: number;
  series: SeriesConfig[];
  notes: Notes;
  /** Progress of long reads. */
  logger?: Pick<Logger, 'info'>;
}

/** Files up to this size are read whole (then split) rather than streamed line by line. */
const WHOLE_FILE_BYTES = 16 * 1024 * 1024;

/** Lines as the line reader yields them (\n, \r\n or \r; no empty last line). */
function splitLines(text: string): string[] {
  const out = text.split(/\r\n|\r|\n/);
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * A CSV, JSON or JSONL file in the repository (optionally gzipped), or a Parquet file or a
 * folder of them (partitioned by date), read on each fetch.
 */
export class FileSource extends ScannedSource implements MetricsSource {
  readonly kind = 'file';
  private readonly abs: string;
  private readonly format: TableFormat | 'parquet';
  private readonly folder: boolean;

  constructor(private readonly opts: FileSourceOptions) {
    super(opts.series);
    this.abs = isAbsolute(opts.path) ? opts.path : resolve(opts.root, opts.path);
    this.folder = isFolder(this.abs);
    this.format =
      this.folder || opts.format === 'parquet' || (!opts.format && PARQUET_NAME.test(opts.path))
        ? 'parquet'
        : tableFormat(opts.path, opts.format, 'metrics.file.format');
  }

  describe(): { series: string; query: string }[] {
    return this.opts.series.map((s) => ({
      series: s.name,
      query: `${this.opts.path} [${s.column ?? s.name}]`,
    }));
  }

  protected async scan(sink: RowSink): Promise<void> {
    if (this.format === 'parquet') return this.scanParquet(sink);
    const size = await this.mustExist();
    const file = this.opts.path;
    const reader = new RowReader({
      series: this.opts.series,
      timestampColumn: this.opts.timestampColumn ?? 'timestamp',
      file,
      notes: this.opts.notes,
    });
    const gz = isGzip(this.abs);
    if (this.format === 'json') {
      const bytes = await readFile(this.abs);
      let text: string;
      try {
        text = (gz ? gunzipSync(bytes) : bytes).toString('utf8');
      } catch (e) {
        throw compressionError(e, file) ?? e;
      }
      readJsonArray(text, reader, sink, file);
      assertColumnsExist([reader], file);
      return;
    }
    if (!gz && size <= WHOLE_FILE_BYTES) {
      // A small file is read at once: a line reader costs more than the parsing itself.
      const text = await readFile(this.abs, 'utf8');
      await readLines(splitLines(text), this.format, reader, sink, file);
    } else {
      const stream = createReadStream(this.abs);
      try {
        await readLines(lines(stream, gz), this.format, reader, sink, file);
      } finally {
        stream.destroy();
      }
    }
    assertColumnsExist([reader], file);
  }

  protected override async scanColumnar(sink: BatchSink): Promise<boolean> {
    if (this.format !== 'parquet') return false;
    await this.scanParquet(sink);
    return true;
  }

  private async scanParquet(sink: RowSink | BatchSink): Promise<void> {
    const counter = new ByteCounter();
    const shown = this.opts.path;
    let objects: ListedObject[];
    if (this.folder) objects = await listLocalParquet(this.abs, shown, counter);
    else {
      const size = await this.mustExist();
      const only = new FileBytes(shown, this.abs, size, counter);
      objects = [{ relative: shown.split('/').pop() ?? shown, size, open: () => only }];
    }
    await this.scanParquetObjects(objects, sink, counter, {
      where: shown,
      timestampColumn: this.opts.timestampColumn ?? 'timestamp',
      slackMs: this.opts.partitionSlackMs,
      logger: this.opts.logger,
      notes: this.opts.notes,
    });
  }

  /** The file's size in bytes. */
  private async mustExist(): Promise<number> {
    try {
      const s = await stat(this.abs);
      if (!s.isFile()) throw new Error('not a file');
      return s.size;
    } catch {
      throw new UserError(
        `metrics.file.path: "${this.opts.path}" is not a readable file (looked at ${this.abs}); paths are relative to the repository root`,
      );
    }
  }
}

function isFolder(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}
