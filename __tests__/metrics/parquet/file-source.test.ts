import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricsConfig } from '../../../src/metrics/config.js';
import { fetchMetrics } from '../../../src/metrics/index.js';
import { arr, testContext } from '../context.js';
import { truth, writeFixtures, type TruthRow } from './fixtures.js';

const H = 3_600_000;
const START = Date.parse('2026-02-27T00:00:00Z');

let dir: string;
let rows: TruthRow[];
beforeAll(() => {
  dir = writeFixtures();
  rows = truth(dir);
}, 120_000);

function config(path: string, end: string, current = '6h', reference = '12h'): MetricsConfig {
  return {
    source: 'file',
    series: [
      { name: 'score' },
      { name: 'n', column: 'count' },
      { name: 'label', categorical: true },
    ],
    windows: { end, current: { duration: current }, reference: { duration: reference } },
    file: { path },
  };
}

describe('file source: Parquet through the metrics stage', () => {
  it('a single file gives the windows pyarrow gives, and says what it read', async () => {
    const { ctx } = testContext({ root: dir });
    const end = START + 36 * H;
    const res = await fetchMetrics(
      config('pyarrow-zstd.parquet', new Date(end).toISOString()),
      ctx,
    );
    const inWindow = (from: number, to: number) =>
      rows.filter((r) => r.timestamp >= from && r.timestamp < to);
    const cur = inWindow(end - 6 * H, end);
    const ref = inWindow(end - 18 * H, end - 6 * H);
    expect(arr(res.current.series.score?.timestamps ?? new Float64Array())).toEqual(
      cur.map((r) => r.timestamp),
    );
    expect(arr(res.current.series.n?.values ?? new Float64Array())).toEqual(
      cur.map((r) => r.count),
    );
    expect(res.reference?.series.label?.labels).toEqual(ref.map((r) => r.label ?? ''));
    expect(res.points.score).toEqual({ current: 6, reference: 12 });
    // Rows 24..35 lie in row group 2, rows 18..23 in row group 1: groups 0 and 3 are skipped.
    expect(res.scan).toMatchObject({
      objects: 1,
      objectsRead: 1,
      rowGroups: 4,
      rowGroupsSkipped: 2,
      rows: 24,
    });
    expect(res.scan?.summary).toMatch(/2 of 4 row group\(s\) skipped by their statistics/);
  });

  it.each([
    ['pyarrow Hive dt=', 'lake-dt'],
    ['DuckDB year=/month=/day=', 'lake-ymd'],
    ['Firehose YYYY/MM/DD', 'lake-firehose'],
  ])('%s folders: only the partitions the windows need are opened', async (_n, folder) => {
    const { ctx } = testContext({ root: dir });
    // Current window: the last day (2026-03-08); reference: the two days before.
    const res = await fetchMetrics(config(folder, '2026-03-09T00:00:00Z', '1d', '2d'), ctx);
    expect(res.points.score).toEqual({ current: 24, reference: 48 });
    expect(arr(res.current.series.n?.values ?? new Float64Array())).toEqual(
      Array.from({ length: 24 }, (_, i) => 9 * 24 + i),
    );
    const s = res.scan;
    expect(s?.rows).toBe(72);
    expect(s?.objectsSkipped).toBe((s?.objects ?? 0) - (s?.objectsRead ?? 0));
    expect(s?.objectsRead).toBe(folder === 'lake-firehose' ? 12 : 3);
    expect(s?.bytesRead).toBeLessThan((s?.bytesTotal ?? 0) * 0.4);
    expect(s?.summary).toMatch(/^opened \d+ of \d+ object\(s\)/);
  });

  it('a partition folder with an impossible date is read whatever its date, and said', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mra-lake-'));
    cpSync(join(dir, 'lake-dt'), join(root, 'lake'), { recursive: true });
    mkdirSync(join(root, 'lake', 'dt=2026-02-30'));
    cpSync(
      join(dir, 'lake-dt', 'dt=2026-03-08', 'part-0.parquet'),
      join(root, 'lake', 'dt=2026-02-30', 'part-0.parquet'),
    );
    const { ctx } = testContext({ root });
    const res = await fetchMetrics(config('lake', '2026-03-09T00:00:00Z', '1d', '2d'), ctx);
    // The copy of 2026-03-08 under the bad folder is read: its rows count twice.
    expect(res.points.score).toEqual({ current: 48, reference: 48 });
    expect(res.scan?.objectsRead).toBe(4);
    expect(res.warnings).toContainEqual(
      expect.stringMatching(
        /^lake: partition "dt=2026-02-30" in dt=2026-02-30\/part-0.parquet: "2026-02-30" is not a date \(YYYY-MM-DD\); the object is read whatever its date/,
      ),
    );
  });

  it('windows.end "latest" is found from row-group statistics, without reading data', async () => {
    const { ctx } = testContext({ root: dir });
    const res = await fetchMetrics(config('lake-dt', 'latest', '1d', '2d'), ctx);
    expect(res.current.range.end).toBe(START + 240 * H - H + 1);
    expect(res.points.score).toEqual({ current: 24, reference: 48 });
  });
});

describe('file source: column batches for streaming consumers', () => {
  it('scanBatches streams typed columns, pruned by the sink, and reads nothing for CSV', async () => {
    const { FileSource } = await import('../../../src/metrics/file.js');
    const { Notes } = await import('../../../src/metrics/notes.js');
    const { ctx } = testContext({ root: dir });
    const series = [{ name: 'score' }, { name: 'label', categorical: true }];
    const source = new FileSource({
      path: 'lake-dt',
      root: dir,
      series,
      notes: new Notes(ctx.logger),
    });
    const from = Date.parse('2026-03-08T00:00:00Z');
    let rows = 0;
    let sum = 0;
    const labels = new Map<string, number>();
    const columnar = await source.scanBatches({
      wantsRange: (_start, end) => end >= from,
      batch: (b) => {
        expect(b.timestamps).toBeInstanceOf(Float64Array);
        expect(b.numeric.score).toBeInstanceOf(Float64Array);
        const cat = b.categorical.label;
        if (!cat) throw new Error('no label column');
        for (let i = 0; i < b.rows; i++) {
          if ((b.timestamps[i] as number) < from) continue;
          rows++;
          sum += b.numeric.score?.[i] as number;
          const name = cat.categories[cat.codes[i] as number] as string;
          labels.set(name, (labels.get(name) ?? 0) + 1);
        }
      },
    });
    expect(columnar).toBe(true);
    expect(rows).toBe(24);
    expect(sum).toBeCloseTo((23 * 24) / 2 / 24, 12);
    expect(Object.fromEntries(labels)).toEqual({ cat: 8, dog: 8, 'bird, small': 8 });
    expect(source.scanReport()).toMatchObject({ objects: 10, objectsRead: 1, rows: 24 });

    const csv = new FileSource({
      path: 'truth.json',
      root: dir,
      series,
      notes: new Notes(ctx.logger),
    });
    expect(await csv.scanBatches({ wantsRange: () => true, batch: () => undefined })).toBe(false);
  });
});
