import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { runTraining } from '../../src/train/index.js';
import {
  localPathFor,
  parseS3Uri,
  prepareTrainingData,
  s3ClientFromEnv,
} from '../../src/train/inputs.js';
import { readNotebook } from '../../src/train/notebook.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { notebooks, sandbox } from './helpers.js';

describe('pure helpers', () => {
  it.each([
    ['s3://bucket/a/b', { bucket: 'bucket', prefix: 'a/b' }],
    ['s3://bucket/', { bucket: 'bucket', prefix: '' }],
    ['s3://bucket', { bucket: 'bucket', prefix: '' }],
    ['data/train', null],
    ['https://x/y', null],
  ])('parseS3Uri(%j)', (uri, loc) => {
    expect(parseS3Uri(uri)).toEqual(loc);
  });

  it.each([
    ['data/', 'data/a.csv', '/dest/a.csv'],
    ['data/', 'data/sub/b.csv', '/dest/sub/b.csv'],
    ['data/', 'data/sub/', null],
    ['data/', 'data/../escape.csv', null],
    ['data/', 'data/x/../../escape.csv', null],
    ['', 'top.csv', '/dest/top.csv'],
  ])('localPathFor(%j, %j)', (prefix, key, path) => {
    expect(localPathFor('/dest', prefix, key)).toBe(path);
  });
});

describe('training data from S3 (moto_server)', () => {
  let moto: MotoServer;
  let s3: S3Client;
  let dest: string;
  beforeAll(async () => {
    moto = await startMoto();
    s3 = await s3ClientFromEnv(moto.env);
  });
  afterAll(async () => {
    s3?.destroy();
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto.reset();
    dest = await mkdtemp(join(tmpdir(), 'train-data-'));
    await s3.send(new CreateBucketCommand({ Bucket: 'lake' }));
    for (const [key, body] of [
      ['churn/2026-11/part-0.csv', 'a,b\n1,2\n'],
      ['churn/2026-11/nested/part-1.csv', 'a,b\n3,4\n'],
      ['churn/2026-11-extra.csv', 'not in the folder\n'],
      ['churn/labels.json', '{"y": [1]}'],
    ]) {
      await s3.send(new PutObjectCommand({ Bucket: 'lake', Key: key, Body: body }));
    }
    return () => rm(dest, { recursive: true, force: true });
  });

  it('downloads a folder prefix with its structure, and only that folder', async () => {
    const got = await prepareTrainingData(
      { uri: 's3://lake/churn/2026-11', parameter: 'data_dir' },
      notebooks,
      dest,
      silentLogger,
      s3,
    );
    expect(got).toEqual({ parameter: 'data_dir', path: dest, files: 2, bytes: 16 });
    expect(await readFile(join(dest, 'part-0.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect(await readFile(join(dest, 'nested/part-1.csv'), 'utf8')).toBe('a,b\n3,4\n');
  });

  it('downloads a single object and passes the file path', async () => {
    const got = await prepareTrainingData(
      { uri: 's3://lake/churn/labels.json', parameter: 'labels' },
      notebooks,
      dest,
      silentLogger,
      s3,
    );
    expect(got.path).toBe(join(dest, 'labels.json'));
    expect(JSON.parse(await readFile(got.path, 'utf8'))).toEqual({ y: [1] });
  });

  it.each([
    ['s3://lake/nothing-here/', /nothing found at s3:\/\/lake\/nothing-here\//],
    ['s3://no-such-bucket/x', /no such bucket/],
  ])('%s is a user error', async (uri, message) => {
    const e = await prepareTrainingData({ uri }, notebooks, dest, silentLogger, s3).catch(
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toMatch(message);
  });

  it('a local path is used in place; a missing one is a user error', async () => {
    const got = await prepareTrainingData({ uri: '.' }, notebooks, dest, silentLogger, s3);
    expect(got).toEqual({ parameter: 'data_dir', path: notebooks, files: 0, bytes: 0 });
    await expect(
      prepareTrainingData({ uri: 'missing/dir' }, notebooks, dest, silentLogger, s3),
    ).rejects.toThrow(/train\.data\.uri: missing\/dir does not exist/);
  });

  it('runTraining passes the downloaded folder to the notebook as the named parameter', async () => {
    const sb = await sandbox();
    const saved = { ...process.env };
    Object.assign(process.env, moto.env);
    try {
      const res = await runTraining(
        sb.config({ data: { uri: 's3://lake/churn/2026-11/', parameter: 'data_dir' } }),
        sb.request('train-outputs.ipynb'),
        sb.ctx,
      );
      const nb = readNotebook(JSON.parse(await readFile(res.executedNotebook, 'utf8')));
      const injected = nb.cells.find((c) => c.tags.includes('injected-parameters'));
      const dataDir = join(sb.ctx.workDir, 'train-engine', 'data');
      expect(injected?.source.split('\n')[1]).toBe(`data_dir = "${dataDir}"`);
      expect(await readFile(join(dataDir, 'part-0.csv'), 'utf8')).toBe('a,b\n1,2\n');
    } finally {
      process.env = saved;
      await sb.cleanup();
    }
  });
});
