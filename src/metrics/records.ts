/**
 * Rows of a table as records of named columns (a prediction log, its labels), for any format the
 * table layer reads. `readRecords` is the one place that dispatches on the format: a new format
 * (Parquet) is one more case there.
 */
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { splitCsvLine } from '../csv.js';
import { UserError } from '../errors.js';
import type { ByteSource } from './parquet/bytes.js';
import type { Cell, RecordVisitor } from './record-visitor.js';

const PARQUET_NAME = /\.(parquet|parq|pq)$/i;
import {
  compressionError,
  elementLines,
  isGzip,
  lines,
  tableFormat,
  type TableFormat,
} from './table.js';

export type { Cell, RecordVisitor } from './record-visitor.js';

/** One table to read: a repository file or an S3 object. */
export interface TableInput {
  /** Shown in messages: a repository path or an s3:// URI. */
  name: string;
  format?: TableFormat | 'parquet';
  open(): Promise<Readable>;
  /** Random access by byte range (Parquet reads its footer, then only the wanted columns). */
  bytes?(): ByteSource;
}

/** Reads every record of `input`, handing the `wanted` columns of each to `visit`. */
export async function readRecords(
  input: TableInput,
  wanted: readonly string[],
  visit: RecordVisitor,
  field: string,
): Promise<void> {
  if (input.format === 'parquet' || (!input.format && PARQUET_NAME.test(input.name))) {
    if (!input.bytes) throw new UserError(`${field}: ${input.name} cannot be read as Parquet here`);
    // The Parquet reader loads only for tables that are Parquet.
    const { readParquetRecords } = await import('./parquet/records.js');
    const src = input.bytes();
    try {
      return await readParquetRecords(src, wanted, visit);
    } finally {
      await src.close?.();
    }
  }
  const format = tableFormat(input.name, input.format, field);
  const gz = isGzip(input.name);
  const stream = await input.open();
  try {
    if (format === 'json') {
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      let text: string;
      try {
        const bytes = Buffer.concat(chunks);
        text = (gz ? gunzipSync(bytes) : bytes).toString('utf8');
      } catch (e) {
        throw compressionError(e, input.name) ?? e;
      }
      return readJsonRecords(text, input.name, wanted, visit);
    }
    try {
      if (format === 'csv')
        await readCsvRecords(lineBatches(stream, gz), input.name, wanted, visit);
      else await readJsonlRecords(lines(stream, gz), input.name, wanted, visit);
    } catch (e) {
      throw compressionError(e, input.name) ?? e;
    }
  } finally {
    stream.destroy();
  }
}

function fail(file: string, line: number, message: string): never {
  throw new UserError(`${file}:${line}: ${message}`, { file, line });
}

/**
 * Lines of a byte stream in batches (one array per chunk read): millions of rows go through a
 * plain loop instead of an event and a promise per line. \n, \r\n; gunzipped when `gzip` is set.
 */
async function* lineBatches(stream: Readable, gzip: boolean): AsyncIterable<string[]> {
  const input = gzip ? stream.pipe(createGunzip()) : stream;
  if (gzip) stream.on('error', (e) => input.destroy(e));
  input.setEncoding('utf8');
  let rest = '';
  for await (const chunk of input as AsyncIterable<string>) {
    const text = rest + chunk;
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      rest = text;
      continue;
    }
    rest = text.slice(last + 1);
    const batch = text.slice(0, last).split('\n');
    for (let i = 0; i < batch.length; i++) {
      const l = batch[i]!;
      if (l.charCodeAt(l.length - 1) === 13) batch[i] = l.slice(0, -1);
    }
    yield batch;
  }
  if (rest.length) yield [rest.charCodeAt(rest.length - 1) === 13 ? rest.slice(0, -1) : rest];
}

async function readCsvRecords(
  source: AsyncIterable<string[]>,
  file: string,
  wanted: readonly string[],
  visit: RecordVisitor,
): Promise<void> {
  let n = 0;
  let index: number[] | null = null;
  let last = -1;
  const cells: Cell[] = new Array(wanted.length);
  // Cells of a plain line up to the last wanted column, found by scanning for commas.
  let plain: string[] = [];
  for await (const batch of source) {
    for (const text of batch) {
      n++;
      if (index === null) {
        if (text.trim() === '') continue;
        const cols = splitCsvLine(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)?.map((c) =>
          c.trim(),
        );
        if (!cols) fail(file, n, 'unterminated quote in the header');
        visit.columns(cols, n);
        index = wanted.map((w) => cols.indexOf(w));
        last = Math.max(...index);
        plain = new Array<string>(last + 1);
        continue;
      }
      if (text.length === 0) continue;
      let parts: string[];
      if (text.includes('"')) {
        const split = splitCsvLine(text);
        if (!split) fail(file, n, 'unterminated quote');
        parts = split;
      } else {
        let pos = 0;
        for (let c = 0; c <= last; c++) {
          if (pos < 0) {
            plain[c] = undefined as unknown as string;
            continue;
          }
          const comma = text.indexOf(',', pos);
          plain[c] = comma < 0 ? text.slice(pos) : text.slice(pos, comma);
          pos = comma < 0 ? -1 : comma + 1;
        }
        parts = plain;
      }
      for (let c = 0; c < index.length; c++) {
        const at = index[c]!;
        cells[c] = at >= 0 ? parts[at] : undefined;
      }
      visit.row(cells, n);
    }
  }
  if (index === null) fail(file, 1, 'the file is empty; expected a CSV header row');
}

async function readJsonlRecords(
  source: AsyncIterable<string>,
  file: string,
  wanted: readonly string[],
  visit: RecordVisitor,
): Promise<void> {
  let n = 0;
  let first = true;
  for await (const text of source) {
    n++;
    const trimmed = text.trim();
    if (trimmed === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(trimmed);
    } catch (e) {
      fail(file, n, `not valid JSON (${(e as Error).message})`);
    }
    first = record(obj, n, file, wanted, visit, first);
  }
}

function readJsonRecords(
  text: string,
  file: string,
  wanted: readonly string[],
  visit: RecordVisitor,
): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    fail(file, 1, `not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(data)) fail(file, 1, 'expected a JSON array of records');
  const at = elementLines(text);
  let first = true;
  for (let i = 0; i < data.length; i++)
    first = record(data[i], at[i] ?? 1, file, wanted, visit, first);
}

function record(
  obj: unknown,
  line: number,
  file: string,
  wanted: readonly string[],
  visit: RecordVisitor,
  first: boolean,
): false {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj))
    fail(file, line, 'expected a JSON object per record');
  const rec = obj as Record<string, unknown>;
  if (first) visit.columns(Object.keys(rec), line);
  const cells: Cell[] = wanted.map((w) => {
    const v = rec[w];
    return v === undefined || v === null || typeof v !== 'object' ? (v as Cell) : JSON.stringify(v);
  });
  visit.row(cells, line);
  return false;
}
