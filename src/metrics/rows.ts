import { UserError } from '../errors.js';
import type { SeriesConfig } from './config.js';
import { plainCellAt, splitCsvLine } from '../csv.js';
import type { Notes } from './notes.js';
import { parseTimestamp } from './timestamps.js';

/** Where parsed rows go: a window collector, or the "latest" probe. */
export interface RowSink {
  /** Whether a row at time `t` is wanted; values are parsed only for wanted rows. */
  wants(t: number): boolean;
  add(series: string, t: number, value: number): void;
  addLabel(series: string, t: number, label: string): void;
  /**
   * Whether rows in [start, end] (epoch ms, inclusive) could be wanted, asked before a
   * partition or row group is read. `exact`: the bounds are the true min and max of the rows
   * (Parquet statistics) rather than what a partition could hold.
   */
  overlaps?(start: number, end: number, exact: boolean): boolean;
}

export interface RowReaderOptions {
  series: SeriesConfig[];
  timestampColumn: string;
  /** Shown in messages and annotations: a repository path or an s3:// URI. */
  file: string;
  notes: Notes;
}

/** cyrb53: a 53-bit string hash, so remembering a row costs a number, not its text. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Beyond this a value is flagged: float64 loses integer precision, and sums overflow near 1e308. */
export const ABSURD_MAGNITUDE = 1e15;
/** Distinct rows remembered for the duplicate check; past it the check stops (and says so). */
const MAX_TRACKED_ROWS = 1_000_000;

/** Columns in the long layout: one row per (timestamp, series, value). */
const LONG_SERIES = 'series';
const LONG_VALUE = 'value';

/**
 * Reads rows of one table (a CSV file with its header, or JSON objects) in either layout:
 * wide (`timestamp,<col>,<col>…`) or long (`timestamp,series,value`).
 */
export class RowReader {
  private readonly byColumn = new Map<string, SeriesConfig[]>();
  /** CSV: index of the timestamp column, and [column index, series] pairs (wide layout). */
  private tsIndex = -1;
  private wideCells: { index: number; series: SeriesConfig }[] = [];
  private longIndex: { series: number; value: number } | null = null;
  /** What the table holds, for "no such column" errors: columns/fields, and long-layout names. */
  private readonly columns = new Set<string>();
  private readonly names = new Set<string>();
  private records = 0;
  /** Rows inside a window, by their text: a repeated row is the same record exported twice. */
  private readonly rows = new Map<number, number>();
  private duplicates: { count: number; first?: [number, number] } = { count: 0 };
  private absurd: { count: number; first?: { line: number; column: string; value: number } } = {
    count: 0,
  };

  constructor(private readonly opts: RowReaderOptions) {
    for (const s of opts.series) {
      const col = s.column ?? s.name;
      const list = this.byColumn.get(col) ?? [];
      list.push(s);
      this.byColumn.set(col, list);
    }
  }

  private fail(line: number, message: string): never {
    throw new UserError(`${this.opts.file}:${line}: ${message}`, { file: this.opts.file, line });
  }

  /** Reads the CSV header; decides the layout. */
  csvHeader(text: string, line: number): void {
    const cols = splitCsvLine(stripBom(text))?.map((c) => c.trim());
    if (!cols) this.fail(line, 'unterminated quote in the header');
    const tsCol = this.opts.timestampColumn;
    this.tsIndex = cols.indexOf(tsCol);
    if (this.tsIndex < 0) {
      this.fail(
        line,
        `no "${tsCol}" column in the header (columns: ${cols.join(', ')}); set metrics.file.timestamp_column (or metrics.s3.timestamp_column) to the column holding the time`,
      );
    }
    for (const c of cols) this.columns.add(c);
    this.records++;
    const wide: { index: number; series: SeriesConfig }[] = [];
    for (const [col, list] of this.byColumn) {
      const index = cols.indexOf(col);
      if (index >= 0) for (const series of list) wide.push({ index, series });
    }
    const s = cols.indexOf(LONG_SERIES);
    const v = cols.indexOf(LONG_VALUE);
    if (wide.length === 0 && s >= 0 && v >= 0) {
      this.longIndex = { series: s, value: v };
      return;
    }
    this.wideCells = wide;
  }

  /**
   * Configured series this table never had: a wide column absent from every header or record,
   * or a long-layout name in no row. [] for a table without rows (its windows are just empty).
   */
  hasRecords(): boolean {
    return this.records > 0;
  }

  unseen(): { series: string; column: string; layout: 'wide' | 'long'; available: string[] }[] {
    if (this.records === 0) return [];
    const long = this.longIndex !== null || this.names.size > 0;
    const out: { series: string; column: string; layout: 'wide' | 'long'; available: string[] }[] =
      [];
    for (const [col, list] of this.byColumn) {
      const known = long ? this.names.has(col) : this.columns.has(col);
      if (known) continue;
      const available = [...(long ? this.names : this.columns)].filter(
        (c) => c !== this.opts.timestampColumn,
      );
      for (const s of list)
        out.push({ series: s.name, column: col, layout: long ? 'long' : 'wide', available });
    }
    return out;
  }

  csvRow(text: string, line: number, sink: RowSink): void {
    if (text.trim() === '') return;
    // Most rows fall outside the windows (and the "latest" probe wants none): read their
    // timestamp (and, in the long layout, series name) alone; split the line only when wanted.
    const plain = !text.includes('"');
    const all = plain ? undefined : this.cellsOf(text, line);
    const cellAt = (i: number) => (all ? all[i] : plainCellAt(text, i));
    const t = this.timestamp(cellAt(this.tsIndex), line);
    if (this.longIndex) this.names.add(cellAt(this.longIndex.series)?.trim() ?? '');
    if (!sink.wants(t)) return;
    const cells = all ?? text.split(',');
    this.track(text.trim(), line);
    if (this.longIndex) {
      const name = cells[this.longIndex.series]?.trim() ?? '';
      const list = this.byColumn.get(name);
      if (list)
        for (const s of list) this.put(s, t, cells[this.longIndex.value], line, LONG_VALUE, sink);
      return;
    }
    for (const { index, series } of this.wideCells) {
      this.put(series, t, cells[index], line, series.column ?? series.name, sink);
    }
  }

  private cellsOf(text: string, line: number): string[] {
    const cells = splitCsvLine(text);
    if (!cells) this.fail(line, 'unterminated quote');
    return cells;
  }

  /** One JSON object (an array item or a JSONL line), wide or long. */
  object(obj: unknown, line: number, sink: RowSink): void {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      this.fail(line, `expected a JSON object per record, got ${describe(obj)}`);
    }
    const rec = obj as Record<string, unknown>;
    const tsCol = this.opts.timestampColumn;
    if (!(tsCol in rec)) {
      this.fail(
        line,
        `record has no "${tsCol}" field (fields: ${Object.keys(rec).join(', ')}); set metrics.file.timestamp_column (or metrics.s3.timestamp_column)`,
      );
    }
    const t = this.timestamp(rec[tsCol], line);
    this.records++;
    const longName = rec[LONG_SERIES];
    const isLong = typeof longName === 'string' && LONG_VALUE in rec && !this.hasWideField(rec);
    if (isLong) this.names.add(longName);
    else if (this.columns.size < 200) for (const k in rec) this.columns.add(k);
    else for (const col of this.byColumn.keys()) if (col in rec) this.columns.add(col);
    if (!sink.wants(t)) return;
    this.track(JSON.stringify(rec), line);
    if (isLong) {
      const list = this.byColumn.get(longName);
      if (list) for (const s of list) this.put(s, t, rec[LONG_VALUE], line, LONG_VALUE, sink);
      return;
    }
    for (const [col, list] of this.byColumn) {
      if (col in rec) for (const s of list) this.put(s, t, rec[col], line, col, sink);
    }
  }

  jsonLine(text: string, line: number, sink: RowSink): void {
    const trimmed = text.trim();
    if (trimmed === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(trimmed);
    } catch (e) {
      this.fail(line, `not valid JSON (${(e as Error).message})`);
    }
    this.object(obj, line, sink);
  }

  /**
   * Duplicate policy: a row repeated exactly (same timestamp, same values) is kept, as every row
   * is one sample, and reported with its lines: it is usually the same export appended twice.
   * Rows that only share a timestamp are independent samples (prediction logs) and not reported.
   */
  private track(text: string, line: number): void {
    if (this.rows.size >= MAX_TRACKED_ROWS) return;
    const key = hash53(text);
    const first = this.rows.get(key);
    if (first === undefined) {
      this.rows.set(key, line);
      return;
    }
    this.duplicates.count++;
    this.duplicates.first ??= [first, line];
  }

  /** Reports what the rows showed as a whole: repeated rows, absurd magnitudes. */
  finish(): void {
    const file = this.opts.file;
    const dup = this.duplicates;
    if (dup.first) {
      this.opts.notes.warn(
        `${file}:${dup.first[1]}: ${dup.count} row(s) repeat an earlier row exactly (first: line ${dup.first[1]} repeats line ${dup.first[0]}); they are kept, each counted as a sample. Remove the repeated rows if the data was exported twice`,
      );
    }
    if (this.rows.size >= MAX_TRACKED_ROWS) {
      this.opts.notes.warn(
        `${file}: more than ${MAX_TRACKED_ROWS} rows in the windows; repeated rows were looked for in the first ${MAX_TRACKED_ROWS} only`,
      );
    }
    const big = this.absurd.first;
    if (big) {
      this.opts.notes.warn(
        `${file}:${big.line}: ${this.absurd.count} value(s) beyond ±${ABSURD_MAGNITUDE} (first: "${big.column}" = ${big.value}); such values swamp means and overflow sums. Is the unit or the column right?`,
      );
    }
  }

  private hasWideField(rec: Record<string, unknown>): boolean {
    for (const col of this.byColumn.keys())
      if (col !== LONG_SERIES && col !== LONG_VALUE && col in rec) return true;
    return false;
  }

  private timestamp(raw: unknown, line: number): number {
    const t = parseTimestamp(raw);
    if (t === undefined) {
      this.fail(
        line,
        `timestamp ${describe(raw)} in "${this.opts.timestampColumn}" is neither ISO-8601 (2026-01-31T12:00:00Z) nor epoch seconds/milliseconds`,
      );
    }
    return t;
  }

  private put(
    series: SeriesConfig,
    t: number,
    raw: unknown,
    line: number,
    column: string,
    sink: RowSink,
  ): void {
    // A missing cell is kept as a missing sample (NaN, or an empty label): the gate's
    // missing_rate compares their share, and every other statistic skips them.
    if (series.categorical) {
      sink.addLabel(series.name, t, categoryOf(raw) ?? '');
      return;
    }
    const v = numberOf(raw);
    if (v === undefined) {
      sink.add(series.name, t, NaN);
      return;
    }
    if (Number.isNaN(v)) {
      this.fail(
        line,
        `"${column}" holds ${describe(raw)}, not a number; fix the value or mark series "${series.name}" categorical: true`,
      );
    }
    if (!(Math.abs(v) <= ABSURD_MAGNITUDE)) {
      this.absurd.count++;
      this.absurd.first ??= { line, column, value: v };
    }
    sink.add(series.name, t, v);
  }
}

const MISSING = new Set(['', 'nan', 'null', 'na', 'n/a', 'none']);
const INFINITIES: Record<string, number> = {
  inf: Infinity,
  '+inf': Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-inf': -Infinity,
  '-infinity': -Infinity,
};

/** A numeric cell: a number, undefined when missing, NaN when unreadable. */
export function numberOf(raw: unknown): number | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'number') return Number.isNaN(raw) ? undefined : raw;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw !== 'string') return NaN;
  // Most cells are plain numbers: Number() reads them without the trimming and lookups below.
  const fast = raw === '' ? NaN : Number(raw);
  if (!Number.isNaN(fast) && raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32)
    return fast;
  const text = raw.trim();
  const lower = text.toLowerCase();
  if (MISSING.has(lower)) return undefined;
  if (lower in INFINITIES) return INFINITIES[lower];
  const n = Number(text);
  return text !== '' && !Number.isNaN(n) ? n : NaN;
}

/** A categorical cell: a non-empty string, or undefined when missing. */
export function categoryOf(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const text = (typeof raw === 'string' ? raw : JSON.stringify(raw)).trim();
  return text === '' ? undefined : text;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/**
 * A configured series no table of the source had is a configuration error, not an empty
 * window: the check on it could never fire. Names the series, the column and what exists.
 */
export function assertColumnsExist(readers: RowReader[], where: string): void {
  const counts = new Map<string, number>();
  const all = readers.flatMap((r) => r.unseen());
  for (const u of all) counts.set(u.series, (counts.get(u.series) ?? 0) + 1);
  const tables = readers.filter((r) => r.hasRecords()).length;
  const missing = all.find((u) => counts.get(u.series) === tables);
  if (!missing || tables === 0) return;
  const available = [
    ...new Set(all.filter((u) => u.layout === missing.layout).flatMap((u) => u.available)),
  ];
  const what = missing.layout === 'long' ? 'series name' : 'column';
  throw new UserError(
    `metrics.series "${missing.series}": ${where} has no ${what} "${missing.column}" (${missing.layout === 'long' ? 'series names' : 'columns'}: ${available.join(', ') || 'none'}); fix metrics.series[].${missing.layout === 'long' ? 'name' : 'column'} or the data`,
  );
}
