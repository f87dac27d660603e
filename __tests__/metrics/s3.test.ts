import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { MetricsConfig } from '../../src/metrics/config.js';
import { fetchMetrics } from '../../src/metrics/index.js';
import { metricsObjectFormat, parseS3Uri, s3ClientConfig, s3Error } from '../../src/metrics/s3.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { freePort } from '../support/ports.js';
import { arr, testContext } from './context.js';

const H = 3_600_000;
const NOW = '2026-03-01T00:00:00Z';
const END = Date.parse(NOW);

describe('s3: pure parts', () => {
  it.each([
    ['s3://bucket/metrics/daily/', { bucket: 'bucket', prefix: 'metrics/daily/' }],
    ['s3://bucket', { bucket: 'bucket', prefix: '' }],
    ['s3://bucket/', { bucket: 'bucket', prefix: '' }],
  ])('parseS3Uri(%s)', (uri, expected) => {
    expect(parseS3Uri(uri)).toEqual(expected);
  });

  it('parseS3Uri names the field', () => {
    expect(() => parseS3Uri('https://bucket/x')).toThrow(
      /^metrics.s3.uri: "https:\/\/bucket\/x" is not an S3 URI/,
    );
  });

  it.each([
    ['a/b.csv', undefined, 'csv'],
    ['a/b.CSV.gz', undefined, 'csv'],
    ['a/b.jsonl.gz', undefined, 'jsonl'],
    ['a/b.ndjson', undefined, 'jsonl'],
    ['a/README.md', undefined, undefined],
    ['a/part-0000', 'jsonl', 'jsonl'],
    ['a/folder/', 'csv', undefined],
  ] as const)('metricsObjectFormat(%s, %s)', (key, format, expected) => {
    expect(metricsObjectFormat(key, format)).toBe(expected);
  });

  it.each([
    [
      'config wins',
      { uri: 's3://b', region: 'eu-west-1', endpoint: 'http://h:9000' },
      { AWS_REGION: 'us-east-2' },
      { region: 'eu-west-1', endpoint: 'http://h:9000', forcePathStyle: true },
    ],
    [
      'AWS_REGION',
      { uri: 's3://b' },
      { AWS_REGION: 'us-east-2' },
      { region: 'us-east-2', forcePathStyle: false },
    ],
    [
      'AWS_DEFAULT_REGION',
      { uri: 's3://b' },
      { AWS_DEFAULT_REGION: 'ap-south-1' },
      { region: 'ap-south-1', forcePathStyle: false },
    ],
    [
      'endpoint from the environment means path style',
      { uri: 's3://b' },
      { AWS_ENDPOINT_URL_S3: 'http://h:1' },
      { region: 'us-east-1', forcePathStyle: true },
    ],
    [
      'explicit virtual-host style',
      { uri: 's3://b', endpoint: 'http://h', force_path_style: false },
      {},
      { region: 'us-east-1', endpoint: 'http://h', forcePathStyle: false },
    ],
  ])('s3ClientConfig: %s', (_n, settings, env, expected) => {
    expect(s3ClientConfig(settings, env)).toMatchObject(expected);
  });

  it.each([
    [{ name: 'NoSuchBucket' }, /metrics.s3.uri: bucket "b" does not exist/],
    [
      { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
      /access denied to s3:\/\/b\/x; the credentials need s3:ListBucket/,
    ],
    [{ name: 'InvalidAccessKeyId' }, /S3 refused the AWS credentials \(InvalidAccessKeyId\)/],
    [{ name: 'CredentialsProviderError' }, /no AWS credentials found/],
    [
      { name: 'Error', code: 'ECONNREFUSED' },
      /cannot reach S3 at http:\/\/h: is the URL right\? \(ECONNREFUSED\)/,
    ],
  ])('s3Error(%j)', (err, message) => {
    const e = s3Error(Object.assign(new Error('x'), err), 'list', 's3://b/x', 'b', 'http://h');
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(message);
  });
});

describe('s3: against moto', () => {
  let moto: MotoServer;
  let client: S3Client;
  const saved = { ...process.env };
  beforeAll(async () => {
    moto = await startMoto();
    Object.assign(process.env, moto.env);
    delete process.env.AWS_ENDPOINT_URL_S3; // the config's endpoint field is what is under test
    client = new S3Client({ region: 'us-east-1', endpoint: moto.endpoint, forcePathStyle: true });
  });
  afterAll(async () => {
    client?.destroy();
    await moto?.stop();
    process.env = saved;
  });
  beforeEach(async () => {
    await moto.reset();
    await client.send(new CreateBucketCommand({ Bucket: 'metrics' }));
  });
  const put = (key: string, body: string | Buffer) =>
    client.send(new PutObjectCommand({ Bucket: 'metrics', Key: key, Body: body }));

  const config = (
    over: Partial<NonNullable<MetricsConfig['s3']>> = {},
    windows?: MetricsConfig['windows'],
  ): MetricsConfig => ({
    source: 's3',
    series: [{ name: 'score' }, { name: 'label', categorical: true }],
    windows: windows ?? { current: { duration: '6h' }, reference: { duration: '6h' } },
    s3: { uri: 's3://metrics/prod/', endpoint: moto.endpoint, ...over },
  });

  /** Hourly rows over [from, to): score = hours before END, label alternates. */
  function rows(from: number, to: number): { t: number; score: number; label: string }[] {
    const out = [];
    for (let t = from; t < to; t += H)
      out.push({ t, score: (END - t) / H, label: (t / H) % 2 ? 'odd' : 'even' });
    return out;
  }

  it('streams CSV, gzipped CSV and gzipped JSONL objects and keeps only the windows', async () => {
    const a = rows(END - 24 * H, END - 12 * H);
    const b = rows(END - 12 * H, END - 6 * H);
    const c = rows(END - 6 * H, END + 2 * H);
    await put(
      'prod/2026-02-28a.csv',
      `timestamp,score,label\n${a.map((r) => `${new Date(r.t).toISOString()},${r.score},${r.label}`).join('\n')}\n`,
    );
    await put(
      'prod/2026-02-28b.csv.gz',
      gzipSync(
        `timestamp,series,value\n${b.flatMap((r) => [`${r.t},score,${r.score}`, `${r.t},label,${r.label}`]).join('\n')}`,
      ),
    );
    await put(
      'prod/2026-03-01.jsonl.gz',
      gzipSync(
        c
          .map((r) => JSON.stringify({ timestamp: r.t / 1000, score: r.score, label: r.label }))
          .join('\n'),
      ),
    );
    await put('prod/README.md', '# not metrics');
    await put('other/ignored.csv', 'timestamp,score\n2026-02-28T23:00:00Z,999');
    const { ctx } = testContext({ now: NOW });
    const res = await fetchMetrics(config(), ctx);
    expect(res.source).toBe('s3');
    expect(arr(res.current.series.score!.values)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(arr(res.reference!.series.score!.values)).toEqual([12, 11, 10, 9, 8, 7]);
    expect(res.current.series.label!.labels).toEqual(rows(END - 6 * H, END).map((r) => r.label));
    expect(res.points).toEqual({
      score: { current: 6, reference: 6 },
      label: { current: 6, reference: 6 },
    });
    expect(res.queries[0]).toEqual({ series: 'score', query: 's3://metrics/prod/ [score]' });
    expect(res.warnings).toEqual([]);
  });

  it('anchors at the newest row across objects with end: latest', async () => {
    await put('prod/a.csv', 'timestamp,score\n2026-02-20T00:00:00Z,1\n2026-02-20T01:00:00Z,2');
    await put('prod/b.jsonl', '{"timestamp":"2026-02-20T02:00:00Z","score":3}\n');
    const { ctx } = testContext({ now: NOW });
    const res = await fetchMetrics(
      {
        ...config({}, { end: 'latest', current: { duration: '2h' } }),
        series: [{ name: 'score' }],
      },
      ctx,
    );
    expect(res.current.range.end).toBe(Date.parse('2026-02-20T02:00:00Z') + 1);
    expect(arr(res.current.series.score!.values)).toEqual([2, 3]);
  });

  it('an empty prefix gives a warning and empty series', async () => {
    await put('prod/notes.txt', 'hello');
    const { ctx } = testContext({ now: NOW });
    const res = await fetchMetrics(config(), ctx);
    expect(res.points.score).toEqual({ current: 0, reference: 0 });
    expect(res.warnings[0]).toBe(
      'metrics: no .parquet, .csv or .jsonl objects (optionally .gz) under s3://metrics/prod/ (skipped prod/notes.txt; set metrics.s3.format to read them)',
    );
  });

  it('reads extension-less objects when the format is set', async () => {
    await put('prod/part-00000', '{"timestamp":"2026-02-28T23:00:00Z","score":4}\n');
    const { ctx } = testContext({ now: NOW });
    const res = await fetchMetrics(
      { ...config({ format: 'jsonl' }), series: [{ name: 'score' }] },
      ctx,
    );
    expect(arr(res.current.series.score!.values)).toEqual([4]);
  });

  it.each([
    [
      'a malformed row names the object and line',
      'prod/x.csv',
      'timestamp,score\n2026-02-28T23:00:00Z,1\n2026-02-28T23:30:00Z,oops',
      /^s3:\/\/metrics\/prod\/x.csv:3: "score" holds "oops", not a number/,
    ],
    [
      'a corrupt gzip object',
      'prod/x.csv.gz',
      'not gzip at all',
      /^s3:\/\/metrics\/prod\/x.csv.gz: not a readable gzip file \(.*\); re-export it/,
    ],
  ])('%s', async (_n, key, body, message) => {
    await put(key, body);
    const { ctx } = testContext({ now: NOW });
    const err = await fetchMetrics({ ...config(), series: [{ name: 'score' }] }, ctx).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(message);
  });

  it('a missing bucket is one clear message', async () => {
    const { ctx } = testContext({ now: NOW });
    await expect(fetchMetrics(config({ uri: 's3://no-such-bucket/x/' }), ctx)).rejects.toThrow(
      `metrics.s3.uri: bucket "no-such-bucket" does not exist at ${moto.endpoint}`,
    );
  });

  it('an unreachable endpoint says so', async () => {
    const port = await freePort();
    const { ctx } = testContext({ now: NOW });
    await expect(
      fetchMetrics(config({ endpoint: `http://127.0.0.1:${port}` }), ctx),
    ).rejects.toThrow(
      `cannot reach S3 at http://127.0.0.1:${port}: is the URL right? (ECONNREFUSED)`,
    );
  });
});
