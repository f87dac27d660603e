import {
  type ColumnMetaData,
  type DecodedArray,
  type FileMetaData,
  type SchemaTree,
} from 'hyparquet';
import { parquetPlan } from 'hyparquet/src/plan.js';
import { getSchemaPath } from 'hyparquet/src/schema.js';
import { UserError } from '../../errors.js';
import type { BatchSink, ColumnBatch } from '../batches.js';
import type { SeriesConfig } from '../config.js';
import type { ByteSource } from './bytes.js';
import { PrefetchedRanges } from './cache.js';
import { readRows } from './rows-read.js';
import { COMPRESSORS } from './codecs.js';
import { decodeFast, fastEligible, type FastColumn, type Target } from './column.js';
import { countAbsurd, decodeCategories, decodeNumbers, decodeTimes } from './decode.js';
import { corrupt, readFooter } from './footer.js';
import { describeGroups, type GroupInfo } from './groups.js';
import { assertCodecs, resolveProjection, type Projection } from './schema.js';
import type { Progress, ScanTally } from './tally.js';

export interface ParquetScanOptions {
  series: SeriesConfig[];
  timestampColumn: string;
  /** Rows decoded at once: a larger row group is decoded in slices, so memory stays bounded. */
  sliceRows?: number;
  /** Compressed bytes of one row group's needed columns held at most; beyond, a clear error. */
  maxGroupBytes?: number;
  /** Row groups (and footers) fetched ahead of decoding. */
  concurrency?: number;
  progress?: Progress;
  /** Decode every column with hyparquet's general reader (tests compare both paths). */
  general?: boolean;
}

const MiB = 1024 * 1024;

interface Opened {
  src: ByteSource;
  metadata: FileMetaData;
  projection: Projection;
  /** How each projected column is decoded, keyed `target:column`. */
  reads: Map<string, { column: string; target: Target; schemaPath: SchemaTree[] }>;
  wanted: GroupInfo[];
  pending: number;
}

/** Each column once per target: numbers, times, or category codes. */
function planReads(metadata: FileMetaData, projection: Projection): Opened['reads'] {
  const reads: Opened['reads'] = new Map();
  const add = (column: string, target: Target): void => {
    reads.set(`${target}:${column}`, {
      column,
      target,
      schemaPath: getSchemaPath(metadata.schema, [column]) as SchemaTree[],
    });
  };
  const ts = projection.timestamp;
  add(ts.column, ts.encoding === 'epoch' ? 'epoch' : 'time');
  for (const { column } of projection.numeric) add(column, 'number');
  for (const { column } of projection.categorical) add(column, 'codes');
  return reads;
}

/**
 * Reads Parquet objects in the order given and hands their rows to `sink` in column batches.
 * Only the columns the series need are fetched, and only row groups whose time span (from
 * their statistics) can hold wanted rows. Footers and row groups are fetched `concurrency`
 * ahead while earlier ones decode; batches still reach the sink in file order.
 */
export async function scanParquet(
  sources: ByteSource[],
  opts: ParquetScanOptions,
  sink: BatchSink,
  tally: ScanTally,
): Promise<void> {
  const ahead = Math.max(1, opts.concurrency ?? 4);
  const footers: Promise<Opened>[] = [];
  const inflight: Promise<{ file: Opened; group: GroupInfo; bytes: PrefetchedRanges }>[] = [];
  let next = 0;
  const openAhead = (): void => {
    while (footers.length < ahead && next < sources.length) {
      footers.push(quiet(open(sources[next++] as ByteSource, opts, sink, tally)));
    }
  };
  const decodeOne = async (): Promise<void> => {
    const { file, group, bytes } = await (inflight.shift() as (typeof inflight)[number]);
    await decodeGroup(file, group, bytes, opts, sink, tally);
    if (--file.pending === 0) await file.src.close?.();
  };
  try {
    openAhead();
    while (footers.length > 0) {
      const file = await (footers.shift() as Promise<Opened>);
      openAhead();
      if (file.pending === 0) await file.src.close?.();
      for (const group of file.wanted) {
        inflight.push(quiet(fetchGroup(file, group).then((bytes) => ({ file, group, bytes }))));
        while (inflight.length >= ahead) await decodeOne();
      }
    }
    while (inflight.length > 0) await decodeOne();
  } finally {
    await Promise.allSettled(sources.map((s) => s.close?.()));
  }
}

/** Attaches a no-op handler so a failure awaited later is not reported as unhandled. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

async function open(
  src: ByteSource,
  opts: ParquetScanOptions,
  sink: BatchSink,
  tally: ScanTally,
): Promise<Opened> {
  const { metadata, tail } = await readFooter(src);
  src = withTail(src, tail);
  tally.objectsOpened++;
  const projection = resolveProjection(metadata, opts.series, opts.timestampColumn, src.name);
  assertCodecs(metadata, projection.columns, src.name);
  const maxBytes = opts.maxGroupBytes ?? 1024 * MiB;
  const wanted: GroupInfo[] = [];
  for (const g of describeGroups(metadata, projection)) {
    tally.rowGroups++;
    if (g.rows === 0) continue;
    if (g.span && !sink.wantsRange(g.span.min, g.span.max, true)) {
      tally.rowGroupsSkipped++;
      tally.rowsSkipped += g.rows;
      continue;
    }
    if (g.bytes > maxBytes) {
      throw new UserError(
        `${src.name}: row group ${g.index} holds ${Math.round(g.bytes / MiB)} MiB of compressed data in the columns read (${projection.columns.join(', ')}), more than the ${Math.round(maxBytes / MiB)} MiB read at once; rewrite the file with smaller row groups (pyarrow: row_group_size=1_000_000; Spark: parquet.block.size=134217728)`,
        { file: src.name },
      );
    }
    wanted.push(g);
  }
  opts.progress?.tick();
  const reads = planReads(metadata, projection);
  return { src, metadata, projection, reads, wanted, pending: wanted.length };
}

/** Reads that fall inside the bytes already read with the footer are served from them. */
function withTail(src: ByteSource, tail: { start: number; bytes: Uint8Array }): ByteSource {
  return {
    name: src.name,
    size: src.size,
    read: (start, end) =>
      start >= tail.start
        ? Promise.resolve(tail.bytes.subarray(start - tail.start, end - tail.start))
        : src.read(start, end),
    close: () => src.close?.() ?? Promise.resolve(),
  };
}

function fetchGroup(file: Opened, g: GroupInfo): Promise<PrefetchedRanges> {
  const plan = parquetPlan({
    file: { byteLength: file.src.size, slice: () => new ArrayBuffer(0) },
    metadata: file.metadata,
    columns: file.projection.columns,
    rowStart: g.start,
    rowEnd: g.start + g.rows,
  });
  return PrefetchedRanges.fetch(file.src, plan.fetches);
}

async function decodeGroup(
  file: Opened,
  g: GroupInfo,
  bytes: PrefetchedRanges,
  opts: ParquetScanOptions,
  sink: BatchSink,
  tally: ScanTally,
): Promise<void> {
  const slice = Math.max(1, opts.sliceRows ?? 1 << 20);
  const end = g.start + g.rows;
  for (let s = g.start; s < end; s += slice) {
    const e = Math.min(end, s + slice);
    const columns = await readSlice(file, bytes, g, s, e, opts.general);
    const batch = toBatch(file, columns, s, tally);
    if (batch.rows > 0) sink.batch(batch);
    tally.rows += e - s;
    opts.progress?.tick();
  }
}

type Decoded = { fast: FastColumn } | { raw: DecodedArray };

/**
 * The projected columns of rows [s, e), each exactly e - s values: flat columns of plain types
 * straight into typed arrays (decodeFast), the rest through hyparquet's general reader.
 */
async function readSlice(
  file: Opened,
  bytes: PrefetchedRanges,
  g: GroupInfo,
  s: number,
  e: number,
  general = false,
): Promise<Map<string, Decoded>> {
  const out = new Map<string, Decoded>();
  const rg = file.metadata.row_groups[g.index];
  const slow = new Set<string>();
  try {
    for (const [key, r] of file.reads) {
      const md = rg?.columns.find((c) => c.meta_data?.path_in_schema[0] === r.column)?.meta_data;
      if (general || !md || !fastEligible(md, r.schemaPath, r.target)) {
        slow.add(r.column);
        continue;
      }
      const chunk = await chunkBytes(bytes, md);
      out.set(key, {
        fast: decodeFast(chunk, md, r.schemaPath, r.target, s - g.start, e - g.start, COMPRESSORS),
      });
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw corrupt(file.src.name, `row group ${g.index}: ${(err as Error).message}`);
  }
  if (slow.size === 0) return out;
  const raw = await readSlow(file, bytes, [...slow], s, e, g.index);
  for (const [key, r] of file.reads) {
    if (!out.has(key)) out.set(key, { raw: raw.get(r.column) as DecodedArray });
  }
  return out;
}

/** The bytes of one column chunk (dictionary page first), from the prefetched ranges. */
async function chunkBytes(bytes: PrefetchedRanges, md: ColumnMetaData): Promise<Uint8Array> {
  const dict = md.dictionary_page_offset;
  const data = Number(md.data_page_offset);
  // Some writers set dictionary_page_offset to 0 when there is none.
  const start = dict && Number(dict) > 0 && Number(dict) < data ? Number(dict) : data;
  const end = start + Number(md.total_compressed_size);
  return new Uint8Array(await bytes.slice(start, end));
}

async function readSlow(
  file: Opened,
  bytes: PrefetchedRanges,
  columns: string[],
  s: number,
  e: number,
  group: number,
): Promise<Map<string, DecodedArray>> {
  let rows: Map<string, DecodedArray>;
  try {
    rows = await readRows(bytes, file.metadata, columns, s, e);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw corrupt(file.src.name, `row group ${group}: ${(err as Error).message}`);
  }
  const out = new Map<string, DecodedArray>();
  for (const column of columns) {
    const joined = rows.get(column) as DecodedArray;
    if (joined.length !== e - s) {
      throw corrupt(
        file.src.name,
        `row group ${group}: column "${column}" decoded to ${joined.length} of ${e - s} rows`,
      );
    }
    out.set(column, joined);
  }
  return out;
}

function toBatch(
  file: Opened,
  columns: Map<string, Decoded>,
  firstRow: number,
  tally: ScanTally,
): ColumnBatch {
  const { projection, src } = file;
  const ts = projection.timestamp;
  const get = (target: Target, column: string): Decoded =>
    columns.get(`${target}:${column}`) as Decoded;
  const t = get(ts.encoding === 'epoch' ? 'epoch' : 'time', ts.column);
  const timestamps =
    'fast' in t
      ? (t.fast as Float64Array)
      : decodeTimes(t.raw, ts.encoding, { file: src.name, column: ts.column, firstRow });
  let batch: ColumnBatch = { rows: timestamps.length, timestamps, numeric: {}, categorical: {} };
  for (const { series, column } of projection.numeric) {
    const d = get('number', column);
    batch.numeric[series] =
      'fast' in d
        ? countAbsurd(d.fast as Float64Array, tally.absurd)
        : decodeNumbers(d.raw, tally.absurd);
  }
  for (const { series, column } of projection.categorical) {
    const d = get('codes', column);
    batch.categorical[series] =
      'fast' in d
        ? (d.fast as { codes: Int32Array; categories: string[] })
        : decodeCategories(d.raw);
  }
  let nulls = 0;
  for (let i = 0; i < timestamps.length; i++) if (Number.isNaN(timestamps[i])) nulls++;
  if (nulls > 0) {
    tally.nullTimestamps += nulls;
    batch = withoutNullTimes(batch);
  }
  return batch;
}

/** The batch without its rows whose time is null. */
function withoutNullTimes(b: ColumnBatch): ColumnBatch {
  const keep: number[] = [];
  for (let i = 0; i < b.rows; i++) if (!Number.isNaN(b.timestamps[i])) keep.push(i);
  const pick = <T extends Float64Array | Int32Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(keep.length);
    keep.forEach((j, i) => (out[i] = a[j] as number));
    return out;
  };
  const out: ColumnBatch = {
    rows: keep.length,
    timestamps: pick(b.timestamps),
    numeric: {},
    categorical: {},
  };
  for (const [k, v] of Object.entries(b.numeric)) out.numeric[k] = pick(v);
  for (const [k, v] of Object.entries(b.categorical))
    out.categorical[k] = { codes: pick(v.codes), categories: v.categories };
  return out;
}
