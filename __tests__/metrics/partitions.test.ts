import { describe, expect, it } from 'vitest';
import { partitionSpan } from '../../src/metrics/partitions.js';

const D = 86_400_000;
const H = 3_600_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('partitionSpan: the time an object can hold, from its path', () => {
  it.each([
    ['dt=2026-12-01/part-0000.parquet', day('2026-12-01'), day('2026-12-01') + D],
    ['date=2026-12-01/x.parquet', day('2026-12-01'), day('2026-12-01') + D],
    ['ds=20261201/x.parquet', day('2026-12-01'), day('2026-12-01') + D],
    ['dt=2026-12-01/hour=05/x.parquet', day('2026-12-01') + 5 * H, day('2026-12-01') + 6 * H],
    ['dt=2026-12-01 05/x.parquet', day('2026-12-01') + 5 * H, day('2026-12-01') + 6 * H],
    ['year=2026/month=12/day=01/x.parquet', day('2026-12-01'), day('2026-12-02')],
    ['year=2026/month=2/day=3/data_0.parquet', day('2026-02-03'), day('2026-02-04')],
    ['year=2026/month=12/x.parquet', day('2026-12-01'), day('2027-01-01')],
    ['year=2026/x.parquet', day('2026-01-01'), day('2027-01-01')],
    [
      'model=a/year=2026/month=12/day=31/hour=23/x.parquet',
      day('2026-12-31') + 23 * H,
      day('2027-01-01'),
    ],
    [
      '2026/12/01/05/firehose-1-2026-12-01-05-00-00-abc',
      day('2026-12-01') + 5 * H,
      day('2026-12-01') + 6 * H,
    ],
    ['raw/2026/12/01/batch.parquet', day('2026-12-01'), day('2026-12-02')],
    ['predictions-2026-12-01.parquet', day('2026-12-01'), day('2026-12-02')],
    ['predictions_2026-12-01T05.parquet', day('2026-12-01') + 5 * H, day('2026-12-01') + 6 * H],
    ['region=eu/dt=2024-02-29/x.parquet', day('2024-02-29'), day('2024-03-01')],
  ])('%s', (key, start, end) => {
    expect(partitionSpan(key)).toEqual({ kind: 'span', start, end });
  });

  it.each([
    'part-0000.parquet',
    'model=a/part-0.parquet',
    'v2/12/01/x.parquet',
    'run-123456/x.parquet',
  ])('%s says nothing about time', (key) => {
    expect(partitionSpan(key)).toEqual({ kind: 'none' });
  });

  it.each([
    ['dt=2026-02-30/x.parquet', 'dt=2026-02-30', '"2026-02-30" is not a date (YYYY-MM-DD)'],
    ['dt=yesterday/x.parquet', 'dt=yesterday', '"yesterday" is not a date (YYYY-MM-DD)'],
    ['year=2026/month=13/x.parquet', 'month=13', '"13" is not a valid month (1–12)'],
    ['dt=2026-12-01/hour=24/x.parquet', 'hour=24', '"24" is not a valid hour (0–23)'],
    ['year=2026/month=2/day=30/x.parquet', '2026-2-30', 'no such day'],
  ])('%s is a bad partition', (key, segment, why) => {
    expect(partitionSpan(key)).toEqual({ kind: 'bad', segment, why });
  });
});
