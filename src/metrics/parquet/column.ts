import type {
  ColumnMetaData,
  Compressors,
  DecodedArray,
  SchemaElement,
  SchemaTree,
} from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { getMaxDefinitionLevel } from 'hyparquet/src/schema.js';
import { epochToMs } from '../timestamps.js';

/** What a column becomes: numbers (NaN = null), epoch ms, or category codes (-1 = null). */
export type Target = 'number' | 'epoch' | 'time' | 'codes';

export type FastColumn = Float64Array | { codes: Int32Array; categories: string[] };

const FAST_ENCODINGS = new Set([
  'PLAIN',
  'PLAIN_DICTIONARY',
  'RLE_DICTIONARY',
  'RLE',
  'BIT_PACKED',
]);
const utf8 = new TextDecoder();

/**
 * Whether a column can take the direct path: flat (no lists or structs), a plain physical type
 * without conversions (no decimals, unsigned or INT96), and the encodings every common writer
 * uses. Other columns go through hyparquet's general decoder.
 */
export function fastEligible(
  md: ColumnMetaData,
  schemaPath: SchemaTree[],
  target: Target,
): boolean {
  if (schemaPath.length !== 2) return false;
  const e = schemaPath[1]?.element as SchemaElement;
  if (e.repetition_type === 'REPEATED') return false;
  if (!md.encodings.every((x) => FAST_ENCODINGS.has(x))) return false;
  const lt = e.logical_type;
  const plainNumber = !e.converted_type && (!lt || (lt.type === 'INTEGER' && lt.isSigned));
  if (target === 'codes') {
    const text = lt === undefined || lt.type === 'STRING';
    return e.type === 'BYTE_ARRAY' && text && (!e.converted_type || e.converted_type === 'UTF8');
  }
  if (target === 'time') return e.type === 'INT64' && lt?.type === 'TIMESTAMP';
  if (target === 'epoch') return (e.type === 'INT64' || e.type === 'DOUBLE') && plainNumber;
  return (
    (e.type === 'DOUBLE' || e.type === 'FLOAT' || e.type === 'INT32' || e.type === 'INT64') &&
    plainNumber
  );
}

/** out[at + i - lo] = dict[index[i]] for i in [lo, hi). */
function gather(
  out: Float64Array | Int32Array,
  at: number,
  index: ArrayLike<number>,
  lo: number,
  hi: number,
  dict: Float64Array | Int32Array,
): void {
  for (let i = lo; i < hi; i++) out[at + i - lo] = dict[index[i] as number] as number;
}

/** Milliseconds per unit of a TIMESTAMP column. */
function msPerUnit(e: SchemaElement): number {
  const lt = e.logical_type;
  if (lt?.type !== 'TIMESTAMP') return 1;
  return lt.unit === 'MILLIS' ? 1 : lt.unit === 'MICROS' ? 1e-3 : 1e-6;
}

/**
 * Decodes rows [from, to) (relative to the row group) of one flat column chunk straight into
 * its target: no per-row objects, dictionary codes kept as codes. Pages before `from` are
 * skipped without being decompressed; decoding stops once `to` is reached.
 */
export function decodeFast(
  chunk: Uint8Array,
  md: ColumnMetaData,
  schemaPath: SchemaTree[],
  target: Target,
  from: number,
  to: number,
  compressors: Compressors,
): FastColumn {
  const element = schemaPath[1]?.element as SchemaElement;
  const maxDef = getMaxDefinitionLevel(schemaPath);
  const decoder = { type: md.type, element, schemaPath, codec: md.codec, compressors } as never;
  const n = to - from;
  const numbers = target === 'codes' ? undefined : new Float64Array(n);
  const codes = target === 'codes' ? new Int32Array(n) : undefined;
  const categories: string[] = [];
  const byName = new Map<string, number>();
  const codeOf = (name: string): number => {
    const t = name.trim();
    if (t === '') return -1;
    let c = byName.get(t);
    if (c === undefined) {
      c = categories.length;
      categories.push(t);
      byName.set(t, c);
    }
    return c;
  };
  const scale = target === 'time' ? msPerUnit(element) : 1;
  const toNumber = (v: unknown): number => {
    const x = typeof v === 'bigint' ? Number(v) : (v as number);
    return target === 'time' ? x * scale : target === 'epoch' ? epochToMs(x) : x;
  };
  let dictNumbers: Float64Array | undefined;
  let dictCodes: Int32Array | undefined;
  const reader = {
    view: new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    offset: 0,
  };
  let row = 0;
  while (row < to && reader.offset < chunk.byteLength - 1) {
    const header = parquetHeader(reader);
    const bytes = chunk.subarray(reader.offset, reader.offset + header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    if (header.type === 'DICTIONARY_PAGE') {
      const page = decompressPage(bytes, header.uncompressed_page_size, md.codec, compressors);
      const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
      const count = header.dictionary_page_header?.num_values ?? 0;
      const dict = readPlain({ view, offset: 0 }, md.type, count, element.type_length);
      if (codes) dictCodes = Int32Array.from(dict as Uint8Array[], (b) => codeOf(utf8.decode(b)));
      else dictNumbers = Float64Array.from(dict as ArrayLike<number>, toNumber);
      continue;
    }
    const v1 = header.data_page_header;
    const v2 = header.data_page_header_v2;
    const count = v1?.num_values ?? v2?.num_rows ?? 0;
    if (header.type !== 'DATA_PAGE' && header.type !== 'DATA_PAGE_V2') continue;
    if (row + count <= from) {
      row += count;
      continue;
    }
    let got: { definitionLevels: number[]; dataPage: DecodedArray; encoding: string };
    if (v1) {
      const page = decompressPage(bytes, header.uncompressed_page_size, md.codec, compressors);
      const r = readDataPage(page, v1, decoder);
      got = {
        definitionLevels: r.definitionLevels ?? [],
        dataPage: r.dataPage,
        encoding: v1.encoding,
      };
    } else {
      const r = readDataPageV2(bytes, header, decoder);
      got = {
        definitionLevels: r.definitionLevels ?? [],
        dataPage: r.dataPage,
        encoding: v2?.encoding ?? '',
      };
    }
    const defs = got.definitionLevels;
    const values = got.dataPage;
    const dictionary = got.encoding.endsWith('_DICTIONARY');
    // The page's rows [lo, hi) that fall in [from, to).
    const lo = Math.max(0, from - row);
    const hi = Math.min(count, to - row);
    const at = row + lo - from;
    if (defs.length === 0) {
      // No nulls in the page: value i is row i (the common case, done in tight loops).
      if (codes) {
        if (dictionary)
          gather(codes, at, values as ArrayLike<number>, lo, hi, dictCodes as Int32Array);
        else
          for (let i = lo; i < hi; i++)
            codes[at + i - lo] = codeOf(utf8.decode(values[i] as Uint8Array));
      } else if (numbers) {
        if (dictionary)
          gather(numbers, at, values as ArrayLike<number>, lo, hi, dictNumbers as Float64Array);
        else if (values instanceof Float64Array && target === 'number')
          numbers.set(values.subarray(lo, hi), at);
        else for (let i = lo; i < hi; i++) numbers[at + i - lo] = toNumber(values[i]);
      }
      row += count;
      continue;
    }
    let j = 0;
    for (let i = 0; i < count; i++, row++) {
      const present = defs[i] === maxDef;
      const k = row - from;
      if (k < 0 || k >= n) {
        if (present) j++;
        continue;
      }
      if (!present) {
        if (numbers) numbers[k] = NaN;
        else (codes as Int32Array)[k] = -1;
        continue;
      }
      const v = values[j++];
      if (codes) {
        codes[k] = dictionary
          ? ((dictCodes as Int32Array)[v as number] as number)
          : codeOf(utf8.decode(v as Uint8Array));
      } else if (numbers) {
        numbers[k] = dictionary
          ? ((dictNumbers as Float64Array)[v as number] as number)
          : toNumber(v);
      }
    }
  }
  if (row < to) throw new Error(`column ended after ${row} of ${to} rows`);
  return codes ? { codes, categories } : (numbers as Float64Array);
}
