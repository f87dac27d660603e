import { parquetMetadata } from 'hyparquet';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { scanParquet } from '../../../src/metrics/parquet/reader.js';
import { assertCodecs } from '../../../src/metrics/parquet/schema.js';
import { ScanTally } from '../../../src/metrics/parquet/tally.js';
import { fileBytes, KeepRows, writeFixtures } from './fixtures.js';

let dir: string;
beforeAll(() => {
  dir = writeFixtures();
}, 120_000);

async function scan(
  name: string,
  series: { name: string; column?: string; categorical?: boolean }[],
  timestampColumn = 'timestamp',
): Promise<unknown> {
  try {
    await scanParquet(
      [fileBytes(dir, name)],
      { series, timestampColumn },
      new KeepRows(),
      new ScanTally(),
    );
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('Parquet reader: bad input gives one clear error naming the object', () => {
  it.each([
    [
      'a truncated file',
      'truncated.parquet',
      [{ name: 'score' }],
      'timestamp',
      /^truncated.parquet: the Parquet file is truncated or corrupt \(it starts with "PAR1" but does not end with it; \d+ bytes\)/,
    ],
    [
      'a CSV file named .parquet',
      'not-parquet.parquet',
      [{ name: 'score' }],
      'timestamp',
      /^not-parquet.parquet: not a Parquet file \(it does not start or end with "PAR1"\)/,
    ],
    [
      'a numeric series on a text column',
      'pyarrow-snappy.parquet',
      [{ name: 'label' }],
      'timestamp',
      /^pyarrow-snappy.parquet: column "label" of series "label" is BYTE_ARRAY \(STRING\), not a number; .*Mark the series categorical: true/,
    ],
    [
      'a column the file lacks',
      'pyarrow-snappy.parquet',
      [{ name: 'latency', column: 'latency_ms' }],
      'timestamp',
      /^pyarrow-snappy.parquet: no column "latency_ms" \(latency\); the file has: timestamp, score, count, label\. Fix metrics.series\[\].column for "latency"/,
    ],
    [
      'a timestamp column the file lacks',
      'pyarrow-snappy.parquet',
      [{ name: 'score' }],
      'ts',
      /^pyarrow-snappy.parquet: no column "ts" \(timestamp\); the file has: timestamp, score, count, label\. Fix metrics.file.timestamp_column/,
    ],
  ])('%s', async (_what, name, series, ts, message) => {
    const e = await scan(name, series, ts);
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toMatch(message);
  });

  it('a text timestamp that is not a time names the row and the column', async () => {
    const e = await scan('pyarrow-snappy.parquet', [{ name: 'score' }], 'label');
    expect((e as Error).message).toMatch(
      /^pyarrow-snappy.parquet: row 1: timestamp "cat" in "label" is neither ISO-8601/,
    );
  });

  it('an unsupported codec is refused before any data is read, naming the column and the codecs', () => {
    const bytes = readFileSync(join(dir, 'pyarrow-snappy.parquet'));
    const metadata = parquetMetadata(new Uint8Array(bytes));
    const md = metadata.row_groups[1]?.columns[1]?.meta_data;
    if (!md) throw new Error('fixture without column metadata');
    md.codec = 'LZO';
    expect(() => assertCodecs(metadata, ['timestamp', 'score'], 's3://b/x.parquet')).toThrow(
      /^s3:\/\/b\/x.parquet: column "score" is compressed with LZO, which is not supported; supported: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, BROTLI, LZ4, LZ4_RAW/,
    );
    // A column that is not read may use any codec.
    expect(() => assertCodecs(metadata, ['timestamp'], 'x')).not.toThrow();
  });
});
