import { parquetRead, type DecodedArray } from 'hyparquet';
import type { PrefetchedRanges } from './cache.js';
import { COMPRESSORS } from './codecs.js';
import { TIME_PARSERS } from './decode.js';

/**
 * Rows [s, e) of `columns` through hyparquet's general reader (every encoding it knows), each
 * column joined from the pages it decoded: a page may start before s or end after e. A column
 * that decoded fewer rows comes back shorter; the caller names the file in its error.
 */
export async function readRows(
  file: PrefetchedRanges,
  metadata: Parameters<typeof parquetRead>[0]['metadata'],
  columns: string[],
  s: number,
  e: number,
): Promise<Map<string, DecodedArray>> {
  const parts = new Map<string, { start: number; data: DecodedArray }[]>();
  await parquetRead({
    file,
    ...(metadata ? { metadata } : {}),
    columns,
    rowStart: s,
    rowEnd: e,
    compressors: COMPRESSORS,
    parsers: TIME_PARSERS,
    geoparquet: false,
    onChunk: (c) => {
      const list = parts.get(c.columnName) ?? [];
      list.push({ start: c.rowStart, data: c.columnData });
      parts.set(c.columnName, list);
    },
  });
  return new Map(columns.map((c) => [c, clip(parts.get(c) ?? [], s, e)]));
}

/** Joins decoded runs and keeps rows [s, e). */
function clip(runs: { start: number; data: DecodedArray }[], s: number, e: number): DecodedArray {
  runs.sort((a, b) => a.start - b.start);
  if (runs.length === 1) {
    const r = runs[0] as { start: number; data: DecodedArray };
    if (r.start === s && r.data.length === e - s) return r.data;
  }
  const out: unknown[] = [];
  for (const r of runs) {
    const from = Math.max(0, s - r.start);
    const to = Math.min(r.data.length, e - r.start);
    for (let i = from; i < to; i++) out.push(r.data[i]);
  }
  return out as DecodedArray;
}
