/**
 * What every table reader hands its records to. A file of its own, importing nothing, so that the
 * format readers (CSV/JSON in records.ts, Parquet under parquet/) share it without importing the
 * dispatcher that loads them.
 */
export type Cell = string | number | boolean | null | undefined;

export interface RecordVisitor {
  /** The table's columns (CSV header, or the first JSON record's fields); may throw a config error. */
  columns(names: string[], line: number): void;
  /** One record: cells of the `wanted` columns in order (undefined where absent). */
  row(cells: Cell[], line: number): void;
}
