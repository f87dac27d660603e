import type { FileMetaData, RowGroup, SchemaElement } from 'hyparquet';
import { epochToMs } from '../timestamps.js';
import type { Projection } from './schema.js';

/** One row group as the scan sees it. */
export interface GroupInfo {
  index: number;
  /** Row number of its first row in the file. */
  start: number;
  rows: number;
  /** Compressed bytes of the projected column chunks. */
  bytes: number;
  /** Time span from the timestamp column's statistics, when the writer stored usable ones. */
  span?: { min: number; max: number };
}

/** Row groups with their time span and the bytes the projection reads from each. */
export function describeGroups(metadata: FileMetaData, projection: Projection): GroupInfo[] {
  const tsElement = metadata.schema.find((e) => e.name === projection.timestamp.column);
  const out: GroupInfo[] = [];
  let start = 0;
  metadata.row_groups.forEach((rg, index) => {
    const rows = Number(rg.num_rows);
    out.push({
      index,
      start,
      rows,
      bytes: projectedBytes(rg, projection.columns),
      ...spanOf(rg, projection, tsElement),
    });
    start += rows;
  });
  return out;
}

function projectedBytes(rg: RowGroup, columns: string[]): number {
  let n = 0;
  for (const c of rg.columns) {
    const md = c.meta_data;
    if (md && columns.includes(md.path_in_schema[0] as string))
      n += Number(md.total_compressed_size);
  }
  return n;
}

/**
 * Min and max time of a row group. Text timestamps are not used: their order as strings is
 * not their order in time once zones or formats mix. INT96 statistics have no defined order.
 */
function spanOf(
  rg: RowGroup,
  projection: Projection,
  element: SchemaElement | undefined,
): { span?: { min: number; max: number } } {
  const { column, encoding } = projection.timestamp;
  if (encoding === 'string' || !element || element.type === 'INT96') return {};
  const chunk = rg.columns.find((c) => c.meta_data?.path_in_schema[0] === column);
  const st = chunk?.meta_data?.statistics;
  if (!st) return {};
  const lo = toMs(st.min_value ?? st.min, encoding);
  const hi = toMs(st.max_value ?? st.max, encoding);
  if (lo === undefined || hi === undefined || lo > hi) return {};
  return { span: { min: lo, max: hi } };
}

function toMs(v: unknown, encoding: Projection['timestamp']['encoding']): number | undefined {
  if (typeof v !== 'number' && typeof v !== 'bigint') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) return undefined;
  return encoding === 'epoch' ? epochToMs(n) : n;
}
