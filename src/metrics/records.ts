/**
 * Rows of a table as records of named columns (a prediction log, its labels), for any format the
 * table layer reads. `readRecords` is the one place that dispatches on the format: a new format
 * (Parquet) is one more case there.
 */
import type { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { splitCsvLine } from '../csv.js';
import { UserError } from '../errors.js';
import {
  compressionError,
  elementLines,
  isGzip,
  lines,
  tableFormat,
  type TableFormat,
} from './table.js';

export type Cell = string | number | boolean | null | undefined;

/** One table to read: a repository file or an S3 object. */
export interface TableInput {
  /** Shown in messages: a repository path or an s3:// URI. */
  name: string;
  format?: TableFormat;
  open(): Promise<Readable>;
}

export interface RecordVisitor {
  /** The table's columns (CSV header, or the first JSON record's fields); may throw a config error. */
  columns(names: string[], line: number): void;
  /** One record: cells of the `wanted` columns in order (undefined where absent). */
  row(cells: Cell[], line: number): void;
}

/** Reads every record of `input`, handing the `wanted` columns of each to `visit`. */
export async function readRecords(
  input: TableInput,
  wanted: readonly string[],
  visit: RecordVisitor,
  field: string,
): Promise<void> {
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
    const source = lines(stream, gz);
    try {
      if (format === 'csv') await readCsvRecords(source, input.name, wanted, visit);
      else await readJsonlRecords(source, input.name, wanted, visit);
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

async function readCsvRecords(
  source: AsyncIterable<string>,
  file: string,
  wanted: readonly string[],
  visit: RecordVisitor,
): Promise<void> {
  let n = 0;
  let index: number[] | null = null;
  const cells: Cell[] = new Array(wanted.length);
  for await (const text of source) {
    n++;
    if (index === null) {
      if (text.trim() === '') continue;
      const cols = splitCsvLine(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)?.map((c) =>
        c.trim(),
      );
      if (!cols) fail(file, n, 'unterminated quote in the header');
      visit.columns(cols, n);
      index = wanted.map((w) => cols.indexOf(w));
      continue;
    }
    if (text.length === 0) continue;
    const parts = text.includes('"') ? splitCsvLine(text) : text.split(',');
    if (!parts) fail(file, n, 'unterminated quote');
    for (let c = 0; c < index.length; c++) {
      const at = index[c]!;
      cells[c] = at >= 0 ? parts[at] : undefined;
    }
    visit.row(cells, n);
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
