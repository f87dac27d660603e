import { parquetRead, type DecodedArray } from 'hyparquet';
import { UserError } from '../../errors.js';
import type { Cell, RecordVisitor } from '../record-visitor.js';
import type { ByteSource } from './bytes.js';
import { PrefetchedRanges } from './cache.js';
import { readRows } from './rows-read.js';
import { corrupt, readFooter } from './footer.js';
import { SUPPORTED_CODECS, topLevelColumns } from './schema.js';

/** Rows decoded at once: a table's memory stays bounded whatever its row groups. */
const SLICE_ROWS = 65_536;

/**
 * The records of a Parquet table (a prediction log, its labels) for a RecordVisitor: only the
 * wanted columns are fetched, row group by row group. Timestamps arrive as epoch milliseconds,
 * 64-bit integers as numbers, text as strings, nulls as null. `line` is the row number.
 */
export async function readParquetRecords(
  src: ByteSource,
  wanted: readonly string[],
  visit: RecordVisitor,
): Promise<void> {
  try {
    const { metadata } = await readFooter(src);
    const names = [...topLevelColumns(metadata).keys()];
    visit.columns(names, 1);
    const columns = wanted.filter((w) => names.includes(w));
    for (const rg of metadata.row_groups) {
      for (const c of rg.columns) {
        const md = c.meta_data;
        if (md && columns.includes(md.path_in_schema[0] as string)) {
          if (!(SUPPORTED_CODECS as readonly string[]).includes(md.codec)) {
            throw new UserError(
              `${src.name}: column "${md.path_in_schema.join('.')}" is compressed with ${md.codec}, which is not supported; supported: ${SUPPORTED_CODECS.join(', ')}`,
              { file: src.name },
            );
          }
        }
      }
    }
    const cells: Cell[] = new Array(wanted.length);
    const at = wanted.map((w) => columns.indexOf(w));
    let start = 0;
    for (const rg of metadata.row_groups) {
      const rows = Number(rg.num_rows);
      const file = await PrefetchedRanges.fetch(src, chunkRanges(rg.columns, columns));
      for (let s = start; s < start + rows; s += SLICE_ROWS) {
        const e = Math.min(start + rows, s + SLICE_ROWS);
        const data = await slice(file, metadata, columns, s, e);
        for (let i = 0; i < e - s; i++) {
          for (let k = 0; k < wanted.length; k++) {
            const col = at[k] as number;
            cells[k] = col < 0 ? undefined : cellOf((data[col] as DecodedArray)[i]);
          }
          visit.row(cells, s + i + 1);
        }
      }
      start += rows;
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw corrupt(src.name, (err as Error).message);
  }
}

function chunkRanges(
  chunks: {
    meta_data?: {
      path_in_schema: string[];
      data_page_offset: bigint;
      dictionary_page_offset?: bigint;
      total_compressed_size: bigint;
    };
  }[],
  columns: string[],
): { startByte: number; endByte: number }[] {
  const out: { startByte: number; endByte: number }[] = [];
  for (const c of chunks) {
    const md = c.meta_data;
    if (!md || !columns.includes(md.path_in_schema[0] as string)) continue;
    const data = Number(md.data_page_offset);
    const dict = Number(md.dictionary_page_offset ?? 0);
    const startByte = dict > 0 && dict < data ? dict : data;
    out.push({ startByte, endByte: startByte + Number(md.total_compressed_size) });
  }
  return out;
}

async function slice(
  file: PrefetchedRanges,
  metadata: Parameters<typeof parquetRead>[0]['metadata'],
  columns: string[],
  s: number,
  e: number,
): Promise<DecodedArray[]> {
  const rows = await readRows(file, metadata, columns, s, e);
  return columns.map((c) => {
    const out = rows.get(c) as DecodedArray;
    if (out.length !== e - s)
      throw new Error(`column "${c}" decoded to ${out.length} of ${e - s} rows`);
    return out;
  });
}

function cellOf(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.getTime();
  return String(v);
}
