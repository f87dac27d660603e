/**
 * Files between disk and S3. Files larger than one part stream through hashing Transforms into
 * a lib-storage multipart Upload, each part with a CRC32 the server verifies, then are checked
 * against the CRC32s S3 keeps; memory stays near partSize × (queueSize + 2) whatever the file
 * size. Downloads stream into a temp file beside the destination, hashed on the way.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingStream, PartCrc32 } from './hashing.js';
import { isPermanent, permanent, READ_ATTEMPTS, sleep } from './s3-client.js';
import type { S3Operation } from './s3-errors.js';
import { PreconditionFailed, type ObjectInfo, type PutOptions } from './types.js';

const MiB = 1024 * 1024;

/** What a multipart upload needs of the S3 store. */
export interface S3Parts {
  readonly client: S3Client;
  readonly bucket: string;
  readonly partSize: number;
  readonly queueSize: number;
  readonly signal?: AbortSignal;
  full(key: string): string;
  uri(key: string): string;
  head(key: string): Promise<ObjectInfo | null>;
  headFull(key: string): Promise<{ info: ObjectInfo; crc32?: string } | null>;
  retryRead<T>(fn: () => Promise<T>): Promise<T>;
  sendOptions(): { abortSignal?: AbortSignal };
  fail(err: unknown, op: S3Operation, key: string, options?: PutOptions): Error;
}

export async function putFileMultipart(
  s: S3Parts,
  key: string,
  path: string,
  size: number,
  options: PutOptions = {},
): Promise<ObjectInfo & { sha256: string }> {
  const partSize = Math.max(s.partSize, Math.ceil(size / 9_000));
  for (let attempt = 1; ; attempt++) {
    const hasher = new HashingStream();
    const crc = new PartCrc32(partSize);
    try {
      const etag = await multipart(s, key, path, partSize, hasher, crc, options);
      if (hasher.bytes !== size) {
        throw permanent(
          new Error(`${path} changed while it was uploaded (${size} → ${hasher.bytes} bytes)`),
        );
      }
      await verifyMultipart(s, key, size, crc);
      return { key, etag, size, sha256: hasher.digest() };
    } catch (e) {
      if (s.signal?.aborted) throw e;
      // The upload may have completed with only its answer lost (a retried complete then finds
      // no upload, or, created only if absent, finds the object): if the object is there with
      // our size and checksums, these bytes are ours and it is done. Not for If-Match: a
      // replaced object cannot be told from the one it replaced by its checksums alone.
      const lostAnswer = !isPermanent(e) || e instanceof PreconditionFailed;
      if (lostAnswer && hasher.bytes === size && !options.ifMatch) {
        const landed = await verifyMultipart(s, key, size, crc).then(
          () => true,
          () => false,
        );
        if (landed) {
          const etag = (await s.head(key))?.etag ?? '';
          return { key, etag, size, sha256: hasher.digest() };
        }
      }
      if (isPermanent(e) || attempt >= READ_ATTEMPTS) throw e;
      await sleep(Math.random() * 100 * 2 ** attempt);
    }
  }
}

async function multipart(
  s: S3Parts,
  key: string,
  path: string,
  partSize: number,
  hasher: HashingStream,
  crc: PartCrc32,
  options: PutOptions,
): Promise<string> {
  const source = createReadStream(path, { highWaterMark: MiB });
  const flowing = pipeline(source, crc, hasher);
  flowing.catch(() => undefined); // surfaced through Promise.all below; no unhandled rejection
  const upload = new Upload({
    client: s.client,
    params: {
      Bucket: s.bucket,
      Key: s.full(key),
      Body: hasher,
      // S3 checks each part against its CRC32 and keeps a composite checksum. Without one it
      // computes a whole-object CRC64NVME when the upload completes (moto does it in Python).
      ChecksumAlgorithm: 'CRC32',
      ...(options.contentType ? { ContentType: options.contentType } : {}),
      // lib-storage passes these on to CompleteMultipartUpload (moto ignores If-Match there).
      ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
      ...(options.ifMatch ? { IfMatch: options.ifMatch } : {}),
    },
    // S3 allows 10,000 parts: very large files get larger parts (and proportionally more memory).
    partSize,
    queueSize: s.queueSize,
    leavePartsOnError: false,
  });
  const cancel = (): void => void upload.abort();
  s.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const [out] = await Promise.all([upload.done(), flowing]);
    return out.ETag ?? '';
  } catch (e) {
    hasher.destroy();
    throw s.fail(e, 'put', key, options);
  } finally {
    s.signal?.removeEventListener('abort', cancel);
  }
}

/**
 * Checks a multipart object against the CRC32s computed while streaming it: S3 keeps either
 * the composite (CRC32 of the parts' CRC32s, "-N" on AWS) or a full-object CRC32.
 */
async function verifyMultipart(
  s: S3Parts,
  key: string,
  size: number,
  crc: PartCrc32,
): Promise<void> {
  const head = await s.retryRead(() => s.headFull(key));
  const stored = head?.crc32?.replace(/-\d+$/, '');
  const ok =
    head !== null &&
    head.info.size === size &&
    stored !== undefined &&
    (stored === crc.composite() || stored === crc.full());
  if (!ok) {
    throw new Error(
      `upload of ${s.uri(key)} did not verify: sent ${size} bytes CRC32 ${crc.composite()} (composite), store has ${head ? `${head.info.size} bytes CRC32 ${head.crc32 ?? 'none'}` : 'nothing'}`,
    );
  }
}

export async function getToFileOnce(
  s: S3Parts,
  key: string,
  dest: string,
): Promise<{ size: number; sha256: string }> {
  const abs = resolve(dest);
  await mkdir(dirname(abs), { recursive: true });
  const temp = join(dirname(abs), `.${randomBytes(6).toString('hex')}.tmp`);
  const hasher = new HashingStream();
  let length: number | undefined;
  try {
    let body: Readable;
    try {
      const out = await s.client.send(
        new GetObjectCommand({ Bucket: s.bucket, Key: s.full(key) }),
        s.sendOptions(),
      );
      body = out.Body as Readable;
      length = out.ContentLength;
    } catch (e) {
      if ((e as { name?: string }).name === 'NoSuchKey') {
        throw permanent(new Error(`object not found: ${s.uri(key)}`));
      }
      throw s.fail(e, 'get', key);
    }
    await pipeline(body, hasher, createWriteStream(temp));
    if (length !== undefined && hasher.bytes !== length) {
      throw new Error(
        `reading ${s.uri(key)}: got ${hasher.bytes} of ${length} bytes (body cut short)`,
      );
    }
    await rename(temp, abs);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  return { size: hasher.bytes, sha256: hasher.digest() };
}
