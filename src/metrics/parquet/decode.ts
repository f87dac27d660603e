import type { DecodedArray } from 'hyparquet';
import { UserError } from '../../errors.js';
import { ABSURD_MAGNITUDE } from '../rows.js';
import { epochToMs, parseTimestamp } from '../timestamps.js';
import type { TimeEncoding } from './schema.js';

/**
 * Parsers for Parquet's time types that give epoch milliseconds as plain numbers (fractions
 * kept for µs and ns), for decoded values and for row-group statistics alike.
 */
export const TIME_PARSERS = {
  timestampFromMilliseconds: (v: bigint): number => Number(v),
  timestampFromMicroseconds: (v: bigint): number => Number(v) / 1e3,
  timestampFromNanoseconds: (v: bigint): number => Number(v) / 1e6,
  dateFromDays: (d: number): number => d * 86_400_000,
};

/** Where a decoded run came from, for messages. */
export interface RunPlace {
  file: string;
  column: string;
  /** Row number (0-based, in the file) of the run's first row. */
  firstRow: number;
}

/** Timestamps as epoch ms; null is NaN (the row is counted and dropped by the reader). */
export function decodeTimes(
  data: DecodedArray,
  encoding: TimeEncoding,
  at: RunPlace,
): Float64Array {
  const n = data.length;
  const out = new Float64Array(n);
  if (encoding === 'typed') {
    for (let i = 0; i < n; i++) {
      const v = data[i] as number | null | undefined;
      out[i] = v === null || v === undefined ? NaN : v;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const v = data[i] as number | bigint | string | null | undefined;
    if (v === null || v === undefined) {
      out[i] = NaN;
      continue;
    }
    const t = encoding === 'epoch' ? epochToMs(Number(v)) : parseTimestamp(v);
    if (t === undefined || Number.isNaN(t)) {
      throw new UserError(
        `${at.file}: row ${at.firstRow + i + 1}: timestamp ${JSON.stringify(String(v)).slice(0, 60)} in "${at.column}" is neither ISO-8601 (2026-01-31T12:00:00Z) nor epoch seconds/milliseconds`,
        { file: at.file },
      );
    }
    out[i] = t;
  }
  return out;
}

/** Numbers as float64; null is NaN. `absurd` counts values beyond ±ABSURD_MAGNITUDE (NaN is missing, not absurd). */
export function decodeNumbers(data: DecodedArray, absurd: { count: number }): Float64Array {
  const n = data.length;
  const out = data instanceof Float64Array ? data : new Float64Array(n);
  if (out !== data) {
    for (let i = 0; i < n; i++) {
      const v = data[i] as number | bigint | boolean | null | undefined;
      out[i] =
        v === null || v === undefined ? NaN : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
    }
  }
  return countAbsurd(out, absurd);
}

/** Counts values beyond ±ABSURD_MAGNITUDE (NaN is missing, not absurd); returns `values`. */
export function countAbsurd(values: Float64Array, absurd: { count: number }): Float64Array {
  for (let i = 0; i < values.length; i++) {
    if (Math.abs(values[i] as number) > ABSURD_MAGNITUDE) absurd.count++;
  }
  return values;
}

/**
 * Categories as codes into a list of names: a dictionary-encoded column arrives as the same
 * few strings over and over, so each distinct value is trimmed and named once.
 */
export function decodeCategories(data: DecodedArray): { codes: Int32Array; categories: string[] } {
  const n = data.length;
  const codes = new Int32Array(n);
  const categories: string[] = [];
  const byRaw = new Map<unknown, number>();
  const byName = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = data[i] as unknown;
    let code = byRaw.get(v);
    if (code === undefined) {
      const name =
        v === null || v === undefined ? '' : (typeof v === 'string' ? v : String(v)).trim();
      if (name === '') code = -1;
      else {
        code = byName.get(name);
        if (code === undefined) {
          code = categories.length;
          categories.push(name);
          byName.set(name, code);
        }
      }
      byRaw.set(v, code);
    }
    codes[i] = code;
  }
  return { codes, categories };
}
