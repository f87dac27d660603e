import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { StageContext } from '../../src/context.js';
import { silentLogger } from '../../src/logger.js';
import type { PublishConfig, S3Settings } from '../../src/registry/config.js';
import type { PublishInput } from '../../src/registry/index.js';
import { startMoto, type MotoServer } from '../support/moto.js';

export async function tempDir(prefix = 'registry-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function testContext(root: string, runId = 'run-1'): StageContext {
  return {
    logger: silentLogger,
    secrets: {},
    run: {
      runId,
      runAttempt: 1,
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
    },
    root,
    workDir: root,
    reportDir: root,
    now: () => new Date(),
    signal: new AbortController().signal,
  };
}

/** Writes a model folder with the given files (relative path → content). */
export async function modelFolder(
  dir: string,
  files: Record<string, string | Buffer>,
): Promise<string> {
  for (const [rel, body] of Object.entries(files)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), body);
  }
  return dir;
}

export function publishInput(
  modelDir: string,
  runKey: string,
  over: Partial<PublishInput> = {},
): PublishInput {
  return {
    modelDir,
    extraFiles: [],
    metrics: { auc: 0.9 },
    lineage: { repo: 'acme/churn', trigger: { kind: 'schedule' } },
    runKey,
    moveAlias: true,
    ...over,
  };
}

/** One backend under test: a local directory or a bucket on a real moto_server. */
export interface Backend {
  name: 'local' | 's3';
  /** A fresh, empty registry location (and the config that points at it). */
  fresh(): Promise<PublishConfig>;
  /** Environment a child process needs to reach the same registry. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

export function localBackend(): Backend {
  const made: string[] = [];
  return {
    name: 'local',
    async fresh() {
      const dir = await tempDir('registry-local-');
      made.push(dir);
      return { registry: dir, alias: 'production' };
    },
    env: () => ({}),
    async stop() {
      await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}

let bucketSeq = 0;

export async function s3Backend(
  settings: Partial<S3Settings> = {},
  options: { tls?: boolean } = {},
): Promise<Backend & { moto: MotoServer; client: S3Client }> {
  const moto = await startMoto(options);
  Object.assign(process.env, moto.env);
  const client = new S3Client({
    endpoint: moto.endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
  });
  return {
    name: 's3',
    moto,
    client,
    async fresh() {
      const bucket = `models-${process.pid}-${++bucketSeq}`;
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      // 5 MiB parts: the smallest S3 allows, so multipart paths run with small test files.
      return {
        registry: `s3://${bucket}/registry`,
        alias: 'production',
        s3: { endpoint: moto.endpoint, part_size_mb: 5, max_attempts: 2, ...settings },
      };
    },
    env: () => moto.env,
    async stop() {
      client.destroy();
      await moto.stop();
    },
  };
}

/** The stores every registry behaviour is checked on: a local directory and S3 (moto_server). */
export const backends: [string, () => Promise<Backend>][] = [
  ['local', async () => localBackend()],
  ['s3', () => s3Backend()],
];
