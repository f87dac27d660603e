import type { FileMetaData, SchemaElement } from 'hyparquet';
import { UserError } from '../../errors.js';
import type { SeriesConfig } from '../config.js';

/** How a column's time is stored, as far as reading it goes. */
export type TimeEncoding =
  /** A Parquet timestamp or date type: decoded to epoch ms by the parsers. */
  | 'typed'
  /** Integers or floats without a unit: seconds, ms, µs or ns told apart by magnitude. */
  | 'epoch'
  /** ISO-8601 or epoch text, parsed like a CSV cell. */
  | 'string';

/** What to read from one Parquet file, resolved against its schema. */
export interface Projection {
  timestamp: { column: string; encoding: TimeEncoding };
  /** [series, column], numeric series. */
  numeric: { series: string; column: string }[];
  /** [series, column], categorical series (text or numbers shown as text). */
  categorical: { series: string; column: string }[];
  /** The distinct columns to read. */
  columns: string[];
}

export const SUPPORTED_CODECS = [
  'UNCOMPRESSED',
  'SNAPPY',
  'GZIP',
  'ZSTD',
  'BROTLI',
  'LZ4',
  'LZ4_RAW',
] as const;

/** A readable name for a column's Parquet type: `INT64 (TIMESTAMP MICROS, UTC)`, `BYTE_ARRAY (STRING)`. */
export function typeName(e: SchemaElement): string {
  const lt = e.logical_type;
  let logical: string | undefined;
  if (lt?.type === 'TIMESTAMP')
    logical = `TIMESTAMP ${lt.unit}${lt.isAdjustedToUTC ? ', UTC' : ''}`;
  else if (lt) logical = lt.type;
  else if (e.converted_type) logical = e.converted_type;
  return `${e.type ?? 'GROUP'}${logical ? ` (${logical})` : ''}`;
}

function isNumeric(e: SchemaElement): boolean {
  if (e.type === 'INT32' || e.type === 'INT64') {
    const lt = e.logical_type?.type;
    return lt !== 'DATE' && lt !== 'TIMESTAMP' && lt !== 'TIME' && e.converted_type !== 'DATE';
  }
  if (e.type === 'FIXED_LEN_BYTE_ARRAY') return e.converted_type === 'DECIMAL';
  if (e.type === 'BYTE_ARRAY') return e.converted_type === 'DECIMAL';
  return e.type === 'FLOAT' || e.type === 'DOUBLE' || e.type === 'BOOLEAN';
}

function isText(e: SchemaElement): boolean {
  return (
    e.type === 'BYTE_ARRAY' &&
    e.converted_type !== 'DECIMAL' &&
    e.converted_type !== 'JSON' &&
    e.logical_type?.type !== 'JSON'
  );
}

function timeEncoding(e: SchemaElement): TimeEncoding | undefined {
  if (e.type === 'INT96') return 'typed';
  const lt = e.logical_type?.type;
  if (lt === 'TIMESTAMP' || lt === 'DATE' || e.converted_type === 'DATE') return 'typed';
  if (e.converted_type === 'TIMESTAMP_MILLIS' || e.converted_type === 'TIMESTAMP_MICROS')
    return 'typed';
  if (isText(e)) return 'string';
  if (e.type === 'INT32' || e.type === 'INT64' || e.type === 'DOUBLE' || e.type === 'FLOAT')
    return 'epoch';
  return undefined;
}

/**
 * The columns the configured series need, checked against the file's schema: a missing column
 * or one whose type cannot hold what the config says is a configuration error naming both.
 */
export function resolveProjection(
  metadata: FileMetaData,
  series: SeriesConfig[],
  timestampColumn: string,
  file: string,
): Projection {
  const top = topLevelColumns(metadata);
  const names = [...top.keys()];
  const get = (column: string, what: string): SchemaElement => {
    const e = top.get(column);
    if (!e) {
      throw new UserError(
        `${file}: no column "${column}" (${what}); the file has: ${names.join(', ') || 'no columns'}. Fix ${what === 'timestamp' ? 'metrics.file.timestamp_column (or metrics.s3.timestamp_column)' : `metrics.series[].column for "${what}"`} or the data`,
        { file },
      );
    }
    if (e.num_children) {
      throw new UserError(
        `${file}: column "${column}" is a nested group (struct, list or map); metrics are read from flat columns of numbers, text or timestamps`,
        { file },
      );
    }
    return e;
  };
  const ts = get(timestampColumn, 'timestamp');
  const encoding = timeEncoding(ts);
  if (!encoding) {
    throw new UserError(
      `${file}: timestamp column "${timestampColumn}" is ${typeName(ts)}; supported: Parquet TIMESTAMP (ms, µs, ns; UTC or not), DATE, INT96, integers or floats of epoch seconds/ms/µs/ns, or ISO-8601 text`,
      { file },
    );
  }
  const out: Projection = {
    timestamp: { column: timestampColumn, encoding },
    numeric: [],
    categorical: [],
    columns: [timestampColumn],
  };
  for (const s of series) {
    const column = s.column ?? s.name;
    const e = get(column, s.name);
    if (s.categorical) {
      if (!isText(e) && !isNumeric(e)) {
        throw new UserError(
          `${file}: column "${column}" of categorical series "${s.name}" is ${typeName(e)}; categories are read from text (BYTE_ARRAY/STRING, dictionary-encoded or not), integer or boolean columns`,
          { file },
        );
      }
      out.categorical.push({ series: s.name, column });
    } else {
      if (!isNumeric(e)) {
        throw new UserError(
          `${file}: column "${column}" of series "${s.name}" is ${typeName(e)}, not a number; numeric series read INT32, INT64, FLOAT, DOUBLE, DECIMAL or BOOLEAN columns. ${isText(e) ? `Mark the series categorical: true if it holds categories` : 'Point metrics.series[].column at a numeric column'}`,
          { file },
        );
      }
      out.numeric.push({ series: s.name, column });
    }
    if (!out.columns.includes(column)) out.columns.push(column);
  }
  return out;
}

/** Top-level schema elements by name (children of nested groups are skipped). */
export function topLevelColumns(metadata: FileMetaData): Map<string, SchemaElement> {
  const out = new Map<string, SchemaElement>();
  const schema = metadata.schema;
  let i = 1;
  const skip = (at: number): number => {
    const e = schema[at] as SchemaElement;
    let next = at + 1;
    for (let c = 0; c < (e.num_children ?? 0); c++) next = skip(next);
    return next;
  };
  while (i < schema.length) {
    const e = schema[i] as SchemaElement;
    out.set(e.name, e);
    i = skip(i);
  }
  return out;
}

/** Codecs of the chunks to read, checked before a byte of data is fetched. */
export function assertCodecs(metadata: FileMetaData, columns: string[], file: string): void {
  for (const rg of metadata.row_groups) {
    for (const c of rg.columns) {
      const md = c.meta_data;
      if (!md || !columns.includes(md.path_in_schema[0] as string)) continue;
      if (!(SUPPORTED_CODECS as readonly string[]).includes(md.codec)) {
        throw new UserError(
          `${file}: column "${md.path_in_schema.join('.')}" is compressed with ${md.codec}, which is not supported; supported: ${SUPPORTED_CODECS.join(', ')}. Rewrite the file with snappy or zstd (pyarrow: compression="zstd")`,
          { file },
        );
      }
    }
  }
}
