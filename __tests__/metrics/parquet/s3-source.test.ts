import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import type { MetricsConfig } from '../../../src/metrics/config.js';
import { fetchMetrics } from '../../../src/metrics/index.js';
import { Notes } from '../../../src/metrics/notes.js';
import { S3Source } from '../../../src/metrics/s3.js';
import { startFaultProxy } from '../../support/fault-proxy.js';
import { startMoto, type MotoServer } from '../../support/moto.js';
import { arr, testContext } from '../context.js';
import { readPredictionLog } from '../../../src/metrics/prediction-log.js';
import { writeFixtures } from './fixtures.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { pythonBin } from '../../support/python.js';

const END = '2026-03-09T00:00:00Z';

let dir: string;
let moto: MotoServer;
let client: S3Client;
const saved = { ...process.env };

beforeAll(async () => {
  dir = writeFixtures();
  moto = await startMoto();
  Object.assign(process.env, moto.env);
  delete process.env.AWS_ENDPOINT_URL_S3;
  client = new S3Client({ region: 'us-east-1', endpoint: moto.endpoint, forcePathStyle: true });
}, 120_000);
afterAll(async () => {
  client?.destroy();
  await moto?.stop();
  process.env = saved;
});
beforeEach(async () => {
  await moto.reset();
  await client.send(new CreateBucketCommand({ Bucket: 'logs' }));
});

const put = (key: string, body: string | Buffer) =>
  client.send(new PutObjectCommand({ Bucket: 'logs', Key: key, Body: body }));

/** Uploads a fixture folder under `prefix`, keeping its partition folders. */
async function upload(folder: string, prefix: string): Promise<number> {
  const root = join(dir, folder);
  let total = 0;
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const abs = join(e.parentPath, e.name);
    total += statSync(abs).size;
    await put(`${prefix}${relative(root, abs)}`, readFileSync(abs));
  }
  return total;
}

function config(
  uri: string,
  over: Partial<NonNullable<MetricsConfig['s3']>> = {},
  end = END,
): MetricsConfig {
  return {
    source: 's3',
    series: [
      { name: 'score' },
      { name: 'n', column: 'count' },
      { name: 'label', categorical: true },
    ],
    windows: { end, current: { duration: '1d' }, reference: { duration: '2d' } },
    s3: { uri, endpoint: moto.endpoint, ...over },
  };
}

describe('s3 source: Parquet on moto', () => {
  it('reads only the partitions of the windows, by range, and matches the file source', async () => {
    const total = await upload('lake-dt', 'predictions/');
    await put('predictions/_SUCCESS', '');
    await put('predictions/dt=2026-03-08/_committed_123', 'x');
    const { ctx } = testContext();
    const res = await fetchMetrics(config('s3://logs/predictions/'), ctx);
    const local = await fetchMetrics(
      { ...config(''), source: 'file', file: { path: 'lake-dt' }, s3: undefined },
      testContext({ root: dir }).ctx,
    );
    expect(res.points).toEqual(local.points);
    expect(res.points.score).toEqual({ current: 24, reference: 48 });
    expect(arr(res.current.series.n?.values ?? new Float64Array())).toEqual(
      arr(local.current.series.n?.values ?? new Float64Array()),
    );
    expect(res.reference?.series.label?.labels).toEqual(local.reference?.series.label?.labels);
    expect(res.scan).toMatchObject({ objects: 10, objectsRead: 3, objectsSkipped: 7, rows: 72 });
    expect(res.scan?.bytesTotal).toBe(total);
    expect(res.scan?.bytesRead).toBeLessThan(total * 0.35);
    expect(res.warnings).toEqual([]);
  });

  it('fetches the footer and the needed column chunks by range, not whole objects', async () => {
    const body = readFileSync(join(dir, 'duckdb-groups.parquet'));
    await put('big/one.parquet', body);
    const { ctx } = testContext();
    const res = await fetchMetrics(
      {
        ...config('s3://logs/big/', {}, '2026-03-01T00:00:00Z'),
        series: [{ name: 'score' }],
        windows: {
          end: new Date(Date.parse('2026-02-27T00:00:00Z') + 16384 * 60_000).toISOString(),
          current: { duration: '8192m' },
        },
      },
      ctx,
    );
    expect(res.points.score).toEqual({ current: 8192 });
    expect(res.scan).toMatchObject({ rowGroups: 4, rowGroupsSkipped: 3 });
    // Of four row groups, one; of four columns, two (timestamp and score); and the footer.
    expect(res.scan?.bytesRead).toBeLessThan(body.length * 0.32);
  });

  it.each([
    [
      'a truncated object',
      'truncated.parquet',
      /^s3:\/\/logs\/bad\/dt=2026-02-28\/x.parquet: the Parquet file is truncated or corrupt/,
    ],
    [
      'an object that is not Parquet',
      'not-parquet.parquet',
      /^s3:\/\/logs\/bad\/dt=2026-02-28\/x.parquet: not a Parquet file/,
    ],
  ])('%s fails with one error naming it', async (_what, fixture, message) => {
    await upload('lake-dt', 'bad/');
    await put('bad/dt=2026-02-28/x.parquet', readFileSync(join(dir, fixture)));
    const { ctx } = testContext();
    const run = fetchMetrics(config('s3://logs/bad/', {}, '2026-03-01T00:00:00Z'), ctx);
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toThrow(message);
  });

  it('an object replaced between listing and reading is refused, not mixed', async () => {
    await upload('lake-dt', 'live/');
    const { ctx } = testContext();
    const source = new S3Source({
      uri: 's3://logs/live/',
      series: [{ name: 'score' }],
      client: new S3Client({ region: 'us-east-1', endpoint: moto.endpoint, forcePathStyle: true }),
      notes: new Notes(ctx.logger),
    });
    try {
      expect(await source.latest()).toBe(Date.parse('2026-03-08T23:00:00Z'));
      await put(
        'live/dt=2026-03-08/part-0.parquet',
        readFileSync(join(dir, 'pyarrow-zstd.parquet')),
      );
      const run = source.fetchWindows([
        {
          name: 'current',
          range: { start: Date.parse('2026-03-08T00:00:00Z'), end: Date.parse(END) },
        },
      ]);
      await expect(run).rejects.toThrow(
        /^s3:\/\/logs\/live\/dt=2026-03-08\/part-0.parquet: the object changed while it was being read/,
      );
    } finally {
      await source.close();
    }
  });

  it('a prediction log and labels as Parquet objects join as the local copies do', async () => {
    const pred = mkdtempSync(join(tmpdir(), 'mra-pred-s3-'));
    const script = resolve(import.meta.dirname, '../../fixtures/parquet/write_prediction_log.py');
    execFileSync(pythonBin(), [script, pred], { stdio: 'pipe', timeout: 120_000 });
    await put('perf/log/part-0.parquet', readFileSync(join(pred, 'pred.parquet')));
    await put('perf/labels/part-0.parquet', readFileSync(join(pred, 'labels-duckdb.parquet')));
    const predictions = {
      task: 'binary' as const,
      score_column: 'score',
      label_time_column: 'labelled_at',
      segments: ['country'],
    };
    const { ctx } = testContext();
    const m = await fetchMetrics(
      {
        source: 's3',
        series: [],
        s3: { uri: 's3://logs/', endpoint: moto.endpoint },
        predictions: {
          log: 's3://logs/perf/log/',
          labels: 's3://logs/perf/labels/',
          ...predictions,
        },
        windows: { end: '2026-01-03T00:00:00Z', current: { duration: '2d' } },
      },
      ctx,
    );
    const local = await readPredictionLog(
      { log: 'pred.csv', labels: 'labels.jsonl', ...predictions },
      { start: -Infinity, end: Infinity },
      { root: pred },
    );
    expect(m.predictions?.rows).toBe(200);
    expect(m.predictions?.stats).toEqual(local.stats);
    expect(Array.from(m.predictions?.truth ?? [])).toEqual(Array.from(local.truth));
  });

  it('lost and cut-short range reads are retried', async () => {
    await upload('lake-dt', 'flaky/');
    const proxy = await startFaultProxy(moto.endpoint, { lose: 0.2, truncate: 0.2, corrupt: 0 }, 7);
    try {
      const { ctx } = testContext();
      const res = await fetchMetrics(config('s3://logs/flaky/', { endpoint: proxy.endpoint }), ctx);
      expect(res.points.score).toEqual({ current: 24, reference: 48 });
      const gets = proxy.stats['GET object'];
      expect((gets?.lose ?? 0) + (gets?.truncate ?? 0)).toBeGreaterThan(0);
    } finally {
      await proxy.stop();
    }
  });
});
