/**
 * A prediction log and its labels on S3 (a real moto_server): objects under a prefix, gzipped
 * CSV and JSONL, read through fetchMetrics with no series (a performance-only policy).
 */
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsConfig } from '../../src/metrics/config.js';
import { fetchMetrics } from '../../src/metrics/index.js';
import { rowsIn, windowOf } from '../../src/performance/window.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { testContext } from '../metrics/context.js';

const H = 3_600_000;
const END = Date.parse('2026-03-01T00:00:00Z');

describe('prediction log on S3', () => {
  let moto: MotoServer;
  let client: S3Client;
  const saved = { ...process.env };
  beforeAll(async () => {
    moto = await startMoto();
    Object.assign(process.env, moto.env);
    client = new S3Client({ region: 'us-east-1', endpoint: moto.endpoint, forcePathStyle: true });
    await client.send(new CreateBucketCommand({ Bucket: 'logs' }));
    // Two days of predictions in two objects; labels for most of them, one for an unknown id.
    const day = (d: number) =>
      Array.from({ length: 400 }, (_, i) => {
        const id = d * 1000 + i;
        const t = new Date(END - (2 - d) * 24 * H + i * 60_000).toISOString();
        return `${id},${t},${i % 10 === 0 ? 0 : 1},0.${i % 10 === 0 ? 3 : 8}`;
      });
    for (const d of [0, 1]) {
      const body = gzipSync(['id,timestamp,prediction,score', ...day(d)].join('\n'));
      await client.send(
        new PutObjectCommand({
          Bucket: 'logs',
          Key: `predictions/day=${d}/part-0.csv.gz`,
          Body: body,
        }),
      );
    }
    const labels = [0, 1].flatMap((d) =>
      Array.from({ length: 400 }, (_, i) => ({
        id: d * 1000 + i,
        label: i % 20 === 0 ? 0 : 1,
        at: new Date(END - 1).toISOString(),
      })).filter((_, i) => d === 0 || i < 300),
    );
    labels.push({ id: 99_999, label: 1, at: new Date(END - 1).toISOString() });
    await client.send(
      new PutObjectCommand({
        Bucket: 'logs',
        Key: 'labels/all.jsonl',
        Body: labels.map((l) => JSON.stringify(l)).join('\n'),
      }),
    );
  });
  afterAll(async () => {
    client.destroy();
    process.env = saved;
    await moto.stop();
  });

  it('joins objects under prefixes; coverage and unknown ids per window', async () => {
    const config: MetricsConfig = {
      source: 's3',
      series: [],
      s3: { uri: 's3://logs/', endpoint: moto.endpoint, force_path_style: true },
      predictions: {
        log: 's3://logs/predictions/',
        labels: 's3://logs/labels/',
        task: 'binary',
        score_column: 'score',
        label_time_column: 'at',
      },
      windows: {
        end: '2026-03-01T00:00:00Z',
        current: { duration: '1d' },
        reference: { duration: '1d' },
      },
    };
    const { ctx } = testContext();
    const m = await fetchMetrics(config, ctx);
    const log = m.predictions!;
    expect(log.stats.predictions).toBe(800);
    expect(log.stats.unknownIds.count).toBe(1);
    const cur = windowOf(log, rowsIn(log, m.current.range));
    const ref = windowOf(log, rowsIn(log, m.reference!.range));
    expect(cur.predictions).toBe(400);
    expect(cur.coverage).toBeCloseTo(0.75, 12);
    expect(ref.coverage).toBe(1);
  });

  it('a prefix without tables names the URI', async () => {
    const config: MetricsConfig = {
      source: 's3',
      series: [],
      s3: { uri: 's3://logs/', endpoint: moto.endpoint, force_path_style: true },
      predictions: { log: 's3://logs/nothing-here/', labels: 's3://logs/labels/', task: 'binary' },
      windows: { end: '2026-03-01T00:00:00Z', current: { duration: '1d' } },
    };
    await expect(fetchMetrics(config, testContext().ctx)).rejects.toThrow(
      /metrics\.predictions\.log: no \.csv, \.json or \.jsonl objects \(optionally \.gz\) at s3:\/\/logs\/nothing-here\//,
    );
  });
});
