/**
 * The read side of the scale bench: streams the numeric columns of a day-partitioned Parquet
 * log (`dt=YYYY-MM-DD/*.parquet`) into one NumericSummary per column and window, row group by
 * row group, so no window is ever held whole. Partitions outside both windows are never opened;
 * row groups whose timestamp statistics lie outside are skipped; the timestamp column is read
 * only for a row group that straddles a window edge. Counts every byte read.
 *
 * It decodes with hyparquet, the pure-JavaScript reader the metrics sources use for Parquet.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { parquetMetadataAsync, parquetRead, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { NumericSummary, type SummaryOptions } from '../src/gate/stats/numeric-summary.js';

export interface Window {
  start: number;
  end: number;
}

export interface ReadStats {
  bytesRead: number;
  bytesTotal: number;
  objects: { read: number; skipped: number };
  rows: number;
  rowGroups: { read: number; skipped: number };
}

/** Where the partitions live: a local folder, or a bucket prefix (range GETs). */
export interface Store {
  /** Every object under the root: key relative to it ("dt=2026-11-08/part-0000.parquet"). */
  list(): Promise<{ key: string; size: number }[]>;
  open(
    key: string,
    size: number,
    stats: ReadStats,
  ): Promise<AsyncBuffer & { close(): Promise<void> }>;
}

export function localStore(root: string): Store {
  return {
    async list() {
      const out: { key: string; size: number }[] = [];
      for (const d of (await readdir(root)).sort()) {
        if (!d.startsWith('dt=')) continue;
        for (const f of (await readdir(join(root, d))).sort())
          out.push({ key: `${d}/${f}`, size: (await stat(join(root, d, f))).size });
      }
      return out;
    },
    async open(key, size, stats) {
      const path = join(root, key);
      const fh = await open(path, 'r');
      return {
        byteLength: size,
        async slice(start: number, end?: number): Promise<ArrayBuffer> {
          const buf = new Uint8Array((end ?? size) - start);
          let off = 0;
          while (off < buf.length) {
            const { bytesRead } = await fh.read(buf, off, buf.length - off, start + off);
            if (bytesRead === 0)
              throw new Error(`${path}: truncated at byte ${start + off} of ${size}`);
            off += bytesRead;
          }
          stats.bytesRead += buf.length;
          return buf.buffer;
        },
        close: () => fh.close(),
      };
    },
  };
}

export function s3Store(client: S3Client, bucket: string, prefix: string): Store {
  return {
    async list() {
      const out: { key: string; size: number }[] = [];
      let token: string | undefined;
      do {
        const r = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const o of r.Contents ?? [])
          out.push({ key: (o.Key ?? '').slice(prefix.length), size: o.Size ?? 0 });
        token = r.NextContinuationToken;
      } while (token);
      return out.sort((a, b) => (a.key < b.key ? -1 : 1));
    },
    open(key, size, stats) {
      return Promise.resolve({
        byteLength: size,
        async slice(start: number, end?: number): Promise<ArrayBuffer> {
          const stop = (end ?? size) - 1;
          const r = await client.send(
            new GetObjectCommand({
              Bucket: bucket,
              Key: prefix + key,
              Range: `bytes=${start}-${stop}`,
            }),
          );
          const body = await (
            r.Body as { transformToByteArray(): Promise<Uint8Array> }
          ).transformToByteArray();
          stats.bytesRead += body.byteLength;
          return body.buffer.slice(
            body.byteOffset,
            body.byteOffset + body.byteLength,
          ) as ArrayBuffer;
        },
        close: () => Promise.resolve(),
      });
    },
  };
}

const DAY = 86_400_000;

/** Objects grouped by their day partition (dt=YYYY-MM-DD), with the total size of all. */
async function partitions(store: Store, stats: ReadStats) {
  const byDay = new Map<number, { key: string; size: number }[]>();
  for (const o of await store.list()) {
    stats.bytesTotal += o.size;
    const m = /^dt=(\d{4}-\d{2}-\d{2})\/[^/]+\.parquet$/.exec(o.key);
    if (!m) continue;
    const day = Date.parse(`${m[1]}T00:00:00Z`);
    byDay.set(day, [...(byDay.get(day) ?? []), o]);
  }
  return [...byDay].sort((a, b) => a[0] - b[0]).map(([day, files]) => ({ day, files }));
}

const toMs = (v: unknown): number =>
  v instanceof Date ? v.getTime() : typeof v === 'bigint' ? Number(v) / 1000 : Number(v);

/**
 * Reads `columns` of the rows in `windows` (one summary per column per window). The windows
 * must not overlap.
 */
export async function readWindows(
  store: Store,
  columns: string[],
  windows: Window[],
  options: SummaryOptions = {},
): Promise<{ summaries: NumericSummary[][]; stats: ReadStats }> {
  const stats: ReadStats = {
    bytesRead: 0,
    bytesTotal: 0,
    objects: { read: 0, skipped: 0 },
    rows: 0,
    rowGroups: { read: 0, skipped: 0 },
  };
  const summaries = windows.map(() => columns.map(() => new NumericSummary(options)));
  for (const part of await partitions(store, stats)) {
    const hit = windows.some((w) => part.day < w.end && part.day + DAY > w.start);
    if (!hit) {
      stats.objects.skipped += part.files.length;
      continue;
    }
    for (const o of part.files) {
      stats.objects.read++;
      const file = await store.open(o.key, o.size, stats);
      try {
        const metadata = await parquetMetadataAsync(file);
        await readFile(file, metadata, columns, windows, summaries, stats);
      } finally {
        await file.close();
      }
    }
  }
  return { summaries, stats };
}

async function readFile(
  file: AsyncBuffer,
  metadata: FileMetaData,
  columns: string[],
  windows: Window[],
  summaries: NumericSummary[][],
  stats: ReadStats,
): Promise<void> {
  const tsIndex = metadata.schema.slice(1).findIndex((s) => s.name === 'ts');
  let rowStart = 0;
  for (const rg of metadata.row_groups) {
    const rows = Number(rg.num_rows);
    const rowEnd = rowStart + rows;
    const st = rg.columns[tsIndex]?.meta_data?.statistics;
    const lo = st ? toMs(st.min_value ?? st.min) : -Infinity;
    const hi = st ? toMs(st.max_value ?? st.max) : Infinity;
    const inside = windows.findIndex((w) => lo >= w.start && hi < w.end);
    const touches = windows.some((w) => lo < w.end && hi >= w.start);
    if (!touches) {
      stats.rowGroups.skipped++;
      rowStart = rowEnd;
      continue;
    }
    stats.rowGroups.read++;
    const data = new Map<string, ArrayLike<number | null>>();
    await parquetRead({
      file,
      metadata,
      columns: inside >= 0 ? columns : ['ts', ...columns],
      rowStart,
      rowEnd,
      onChunk(c) {
        data.set(c.columnName, c.columnData as ArrayLike<number | null>);
      },
    });
    stats.rows += rows;
    if (inside >= 0) {
      columns.forEach((c, i) => summaries[inside]![i]!.push(data.get(c) ?? []));
    } else {
      // straddles a window edge: split the rows by timestamp
      const ts = data.get('ts') as ArrayLike<unknown>;
      windows.forEach((w, wi) => {
        const keep: number[] = [];
        for (let r = 0; r < ts.length; r++) {
          const t = toMs(ts[r]);
          if (t >= w.start && t < w.end) keep.push(r);
        }
        columns.forEach((c, i) => {
          const col = data.get(c) ?? [];
          summaries[wi]![i]!.push(keep.map((r) => col[r] ?? null));
        });
      });
    }
    rowStart = rowEnd;
  }
}
