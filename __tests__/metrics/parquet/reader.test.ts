import { beforeAll, describe, expect, it } from 'vitest';
import { ScanTally } from '../../../src/metrics/parquet/tally.js';
import { scanParquet } from '../../../src/metrics/parquet/reader.js';
import { ByteCounter } from '../../../src/metrics/parquet/bytes.js';
import { fileBytes, KeepRows, truth, writeFixtures, type TruthRow } from './fixtures.js';

const SERIES = [
  { name: 'score' },
  { name: 'n', column: 'count' },
  { name: 'label', categorical: true },
];
const opts = { series: SERIES, timestampColumn: 'timestamp' };

let dir: string;
let rows: TruthRow[];
beforeAll(() => {
  dir = writeFixtures();
  rows = truth(dir);
}, 120_000);

function expected(from = -Infinity, to = Infinity) {
  return rows
    .filter((r) => r.timestamp >= from && r.timestamp < to)
    .map((r) => ({
      timestamp: r.timestamp,
      values: { score: r.score, n: r.count, label: r.label },
    }));
}

describe('Parquet reader: files written by pyarrow and DuckDB read back as pyarrow reads them', () => {
  it.each([
    'pyarrow-snappy.parquet',
    'pyarrow-zstd.parquet',
    'pyarrow-gzip.parquet',
    'pyarrow-brotli.parquet',
    'pyarrow-lz4.parquet',
    'pyarrow-none.parquet',
    'pyarrow-v2-pages.parquet',
    'pyarrow-plain.parquet',
    'duckdb-snappy.parquet',
    'duckdb-zstd.parquet',
    'duckdb-gzip.parquet',
    'duckdb-uncompressed.parquet',
    'duckdb-naive.parquet',
    'ts-ms-utc.parquet',
    'ts-ns-utc.parquet',
    'ts-us-naive.parquet',
    'ts-ms-naive.parquet',
    'ts-ns-naive.parquet',
    'ts-string.parquet',
    'ts-epoch-seconds.parquet',
    'ts-int96.parquet',
  ])('%s', async (name) => {
    const sink = new KeepRows();
    const tally = new ScanTally();
    await scanParquet([fileBytes(dir, name)], opts, sink, tally);
    expect(sink.rows).toEqual(expected());
    expect(tally.rows).toBe(48);
  });
});

describe("Parquet reader: the direct column path and hyparquet's general reader agree", () => {
  it.each([
    'pyarrow-snappy.parquet',
    'pyarrow-gzip.parquet',
    'pyarrow-v2-pages.parquet',
    'pyarrow-plain.parquet',
    'duckdb-zstd.parquet',
    'duckdb-groups.parquet',
    'ts-ns-utc.parquet',
    'ts-epoch-seconds.parquet',
    'many-groups.parquet',
  ])('%s', async (name) => {
    const fast = new KeepRows();
    const general = new KeepRows();
    await scanParquet([fileBytes(dir, name)], { ...opts, sliceRows: 700 }, fast, new ScanTally());
    await scanParquet(
      [fileBytes(dir, name)],
      { ...opts, sliceRows: 700, general: true },
      general,
      new ScanTally(),
    );
    expect(fast.rows.length).toBeGreaterThan(0);
    expect(fast.rows).toEqual(general.rows);
  });
});

const FEB28 = Date.parse('2026-02-28T00:00:00Z');
const H = 3_600_000;

describe('Parquet reader: row groups outside the window are not fetched', () => {
  it.each(['pyarrow-snappy.parquet', 'ts-ms-naive.parquet', 'ts-epoch-seconds.parquet'])(
    '%s: a 6-hour window reads one row group of four',
    async (name) => {
      const counter = new ByteCounter();
      const sink = new KeepRows(FEB28 + 12 * H, FEB28 + 18 * H);
      const tally = new ScanTally();
      await scanParquet([fileBytes(dir, name, counter)], opts, sink, tally);
      expect(sink.rows).toEqual(expected(FEB28 + 12 * H, FEB28 + 18 * H));
      expect(tally).toMatchObject({ rowGroups: 4, rowGroupsSkipped: 3, rows: 12, rowsSkipped: 36 });
      // A small file is read whole with its footer, in one request.
      expect(counter.requests).toBe(1);
    },
  );

  it('DuckDB row groups (zstd, TIMESTAMPTZ): one of four is read', async () => {
    const start = Date.parse('2026-02-27T00:00:00Z');
    const M = 60_000;
    const tally = new ScanTally();
    const counter = new ByteCounter();
    const sink = new KeepRows(start + 8192 * M, start + 16384 * M);
    const file = fileBytes(dir, 'duckdb-groups.parquet', counter);
    await scanParquet([file], opts, sink, tally);
    expect(tally).toMatchObject({ rowGroups: 4, rowGroupsSkipped: 3, rows: 8192 });
    expect(sink.rows[0]).toEqual({
      timestamp: start + 8192 * M,
      values: { score: 0.25, n: 8192, label: 'cat' },
    });
    expect(sink.rows).toHaveLength(8192);
    expect(counter.bytes).toBeLessThan(file.size * 0.45);
  });

  it('a footer larger than the first read (200 row groups) is read in a second request', async () => {
    const start = Date.parse('2026-02-27T00:00:00Z');
    const counter = new ByteCounter();
    const tally = new ScanTally();
    // Rows are 3 s apart: rows 5,000..5,099 are row group 50.
    const sink = new KeepRows(start + 5000 * 3000, start + 5100 * 3000);
    await scanParquet([fileBytes(dir, 'many-groups.parquet', counter)], opts, sink, tally);
    expect(tally).toMatchObject({ rowGroups: 200, rowGroupsSkipped: 199, rows: 100 });
    expect(sink.rows.map((r) => r.values.n)).toEqual(
      Array.from({ length: 100 }, (_, i) => 5000 + i),
    );
    expect(counter.requests).toBe(3); // tail, rest of the footer, one row group
  });

  it('text timestamps carry no usable order, so every row group is read', async () => {
    const tally = new ScanTally();
    const sink = new KeepRows(FEB28 + 12 * H, FEB28 + 18 * H);
    await scanParquet([fileBytes(dir, 'ts-string.parquet')], opts, sink, tally);
    expect(sink.rows).toEqual(expected(FEB28 + 12 * H, FEB28 + 18 * H));
    expect(tally).toMatchObject({ rowGroupsSkipped: 0, rows: 48 });
  });

  it('a window before every row reads footers only', async () => {
    const counter = new ByteCounter();
    const tally = new ScanTally();
    const sink = new KeepRows(0, FEB28 - 10 * 24 * H);
    await scanParquet([fileBytes(dir, 'pyarrow-zstd.parquet', counter)], opts, sink, tally);
    expect(sink.batches).toBe(0);
    expect(tally.rows).toBe(0);
    expect(counter.requests).toBe(1);
  });
});

describe('Parquet reader: a large row group is decoded in slices', () => {
  it('50,000 rows in one row group, slices of 4,096 rows, give the same rows', async () => {
    const whole = new KeepRows();
    await scanParquet([fileBytes(dir, 'one-big-group.parquet')], opts, whole, new ScanTally());
    const sliced = new KeepRows();
    const counter = new ByteCounter();
    await scanParquet(
      [fileBytes(dir, 'one-big-group.parquet', counter)],
      { ...opts, sliceRows: 4096 },
      sliced,
      new ScanTally(),
    );
    expect(whole.rows).toHaveLength(50_000);
    expect(sliced.batches).toBe(Math.ceil(50_000 / 4096));
    expect(sliced.rows).toEqual(whole.rows);
    expect(sliced.rows[49_999]).toEqual({
      timestamp: Date.parse('2026-02-27T00:00:00Z') + 49_999 * 3000,
      values: { score: 0.999, n: 49_999, label: 'dog' },
    });
  });

  it('a row group larger than the limit is refused with the fix, before its data is fetched', async () => {
    const counter = new ByteCounter();
    const run = scanParquet(
      [fileBytes(dir, 'one-big-group.parquet', counter)],
      { ...opts, maxGroupBytes: 100_000 },
      new KeepRows(),
      new ScanTally(),
    );
    await expect(run).rejects.toThrow(
      /one-big-group.parquet: row group 0 holds \d+ MiB of compressed data in the columns read \(timestamp, score, count, label\).*row_group_size=1_000_000/,
    );
    expect(counter.requests).toBe(1);
  });
});
