import type { RowSink } from './rows.js';

/**
 * A run of rows decoded column by column: what a columnar reader (Parquet) hands on, so that
 * streaming statistics can consume a window without one object per row. Every array has
 * `rows` entries; row i of every column belongs to `timestamps[i]`.
 */
export interface ColumnBatch {
  rows: number;
  /** Epoch milliseconds (fractions kept for µs/ns sources); NaN where the time was null. */
  timestamps: Float64Array;
  /** Numeric series by series name: NaN is a missing value. */
  numeric: Record<string, Float64Array>;
  /**
   * Categorical series by series name: `codes[i]` indexes `categories`; -1 is a missing value.
   * Codes are local to the batch (the same category may have another code in the next batch).
   */
  categorical: Record<string, { codes: Int32Array; categories: string[] }>;
}

/** Where batches go. `wants` lets the reader skip whole row groups and partitions. */
export interface BatchSink {
  /**
   * Whether any row in [start, end] (epoch ms, both inclusive) could be wanted. `exact`: the
   * bounds are the rows' true min and max (row-group statistics), not a partition's span.
   */
  wantsRange(start: number, end: number, exact: boolean): boolean;
  batch(b: ColumnBatch): void;
}

/**
 * The row-at-a-time sinks (window collectors, the "latest" probe) on top of batches: rows
 * outside the windows cost one comparison, wanted rows go through the same calls as CSV rows.
 */
export class RowsFromBatches implements BatchSink {
  constructor(
    private readonly sink: RowSink,
    private readonly range?: (start: number, end: number, exact: boolean) => boolean,
  ) {}

  wantsRange(start: number, end: number, exact: boolean): boolean {
    return this.range ? this.range(start, end, exact) : true;
  }

  batch(b: ColumnBatch): void {
    const { sink } = this;
    const numeric = Object.entries(b.numeric);
    const categorical = Object.entries(b.categorical);
    for (let i = 0; i < b.rows; i++) {
      const t = b.timestamps[i] as number;
      if (Number.isNaN(t) || !sink.wants(t)) continue;
      for (const [name, values] of numeric) sink.add(name, t, values[i] as number);
      for (const [name, c] of categorical) {
        const code = c.codes[i] as number;
        sink.addLabel(name, t, code < 0 ? '' : (c.categories[code] as string));
      }
    }
  }
}
