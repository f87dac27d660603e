import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';

/** The AWS SDK loads only when training data comes from S3. */
const sdk = () => import('@aws-sdk/client-s3');
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TrainDataConfig } from './config.js';

export interface S3Location {
  bucket: string;
  prefix: string;
}

/** "s3://bucket/some/prefix" → { bucket, prefix }; null when the uri is not s3://. */
export function parseS3Uri(uri: string): S3Location | null {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m) return null;
  return { bucket: m[1] as string, prefix: m[2] as string };
}

/**
 * Where an object lands under `dest`: its key relative to the folder prefix. Keys that would
 * leave `dest` ("../") are refused: a bucket's contents must not write outside the folder.
 */
export function localPathFor(dest: string, folderPrefix: string, key: string): string | null {
  const rel = key.slice(folderPrefix.length);
  if (!rel || rel.endsWith('/')) return null;
  const target = resolve(dest, rel);
  const back = relative(dest, target);
  if (back.startsWith('..') || back === '' || back.split(sep).includes('..')) return null;
  return target;
}

/** An S3 client for the standard AWS environment; AWS_ENDPOINT_URL_S3 selects an S3-compatible store. */
export async function s3ClientFromEnv(env: NodeJS.ProcessEnv): Promise<S3Client> {
  const { S3Client } = await sdk();
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL;
  return new S3Client({
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    // S3-compatible stores (and loopback) have no <bucket>.host DNS.
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    // Explicit keys in `env` win; otherwise the SDK's default chain (profiles, IMDS, OIDC…).
    ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          },
        }
      : {}),
  });
}

export interface PreparedData {
  parameter: string;
  path: string;
  files: number;
  bytes: number;
}

/**
 * Makes train.data available locally and names the notebook parameter that receives it.
 * s3:// is downloaded (a folder prefix, or a single object) into `dest`; a local path is used
 * in place.
 */
export async function prepareTrainingData(
  data: TrainDataConfig,
  root: string,
  dest: string,
  logger: Logger,
  client?: S3Client,
): Promise<PreparedData> {
  const parameter = data.parameter ?? 'data_dir';
  const loc = parseS3Uri(data.uri);
  if (!loc) {
    const path = resolve(root, data.uri);
    const st = await stat(path).catch(() => null);
    if (!st) {
      throw new UserError(
        `train.data.uri: ${data.uri} does not exist (looked in ${path}); use s3://bucket/prefix or a path in the repository`,
      );
    }
    return { parameter, path, files: 0, bytes: 0 };
  }
  if (!loc.bucket) throw new UserError(`train.data.uri: "${data.uri}" names no bucket`);
  const s3 = client ?? (await s3ClientFromEnv(process.env));
  const { ListObjectsV2Command } = await sdk();
  await mkdir(dest, { recursive: true });
  const folder = loc.prefix === '' || loc.prefix.endsWith('/') ? loc.prefix : `${loc.prefix}/`;
  const keys: { key: string; size: number }[] = [];
  let single: { key: string; size: number } | null = null;
  let token: string | undefined;
  try {
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: loc.bucket,
          Prefix: loc.prefix,
          ContinuationToken: token,
        }),
      );
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        if (o.Key === loc.prefix && !loc.prefix.endsWith('/'))
          single = { key: o.Key, size: o.Size ?? 0 };
        else if (o.Key.startsWith(folder)) keys.push({ key: o.Key, size: o.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } catch (e) {
    throw s3Problem(data.uri, e);
  }

  // A key equal to the uri is one object; otherwise the uri is a folder.
  const plan =
    single && keys.length === 0
      ? [
          {
            key: single.key,
            target: join(dest, single.key.split('/').pop() as string),
            size: single.size,
          },
        ]
      : keys
          .map((k) => ({ key: k.key, target: localPathFor(dest, folder, k.key), size: k.size }))
          .filter((k): k is { key: string; target: string; size: number } => k.target !== null);
  if (plan.length === 0) {
    throw new UserError(
      `train.data.uri: nothing found at ${data.uri}; check the bucket and prefix (and the credentials' permission to list it)`,
    );
  }
  let bytes = 0;
  for (const item of plan) {
    await download(s3, loc.bucket, item.key, item.target, data.uri);
    bytes += item.size;
  }
  logger.info(`Training data: ${plan.length} file(s), ${bytes} bytes from ${data.uri}`);
  const path = single && keys.length === 0 ? (plan[0] as { target: string }).target : dest;
  return { parameter, path, files: plan.length, bytes };
}

async function download(
  s3: S3Client,
  bucket: string,
  key: string,
  target: string,
  uri: string,
): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  try {
    const { GetObjectCommand } = await sdk();
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!res.Body) throw new Error(`empty body for ${key}`);
    await pipeline(res.Body as Readable, createWriteStream(partial));
    await rename(partial, target);
  } catch (e) {
    throw s3Problem(uri, e);
  }
}

function s3Problem(uri: string, e: unknown): Error {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = err.$metadata?.httpStatusCode;
  if (status === 403 || err.name === 'AccessDenied') {
    return new UserError(
      `train.data.uri: access denied to ${uri}; give the job's AWS credentials s3:ListBucket and s3:GetObject on it`,
    );
  }
  if (err.name === 'NoSuchBucket' || status === 404) {
    return new UserError(`train.data.uri: ${uri}: no such bucket or object`);
  }
  return new Error(`downloading ${uri}: ${err.name ?? 'Error'}: ${err.message ?? String(e)}`, {
    cause: e,
  });
}
