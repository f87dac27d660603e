/**
 * Files between disk and S3. Files larger than one part go up as a multipart upload, each part
 * with a CRC32 the server verifies, then are checked against the CRC32s S3 keeps; memory stays
 * near partSize × (queueSize + 1) whatever the file size. Downloads stream into a temp file
 * beside the destination, hashed on the way.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingStream, PartChecksums } from './hashing.js';
import { isPermanent, permanent, READ_ATTEMPTS, sleep } from './s3-client.js';
import { isTransient, type S3Operation } from './s3-errors.js';
import { PreconditionFailed, type ObjectInfo, type PutOptions } from './types.js';

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
  // S3 allows 10,000 parts: very large files get larger parts (and proportionally more memory).
  const partSize = Math.max(s.partSize, Math.ceil(size / 9_000));
  for (let attempt = 1; ; attempt++) {
    const sums = new PartChecksums();
    try {
      const etag = await multipart(s, key, path, size, partSize, sums, options);
      await verifyMultipart(s, key, size, sums);
      return { key, etag, size, sha256: sums.digest() };
    } catch (e) {
      if (s.signal?.aborted) throw e;
      // The upload may have completed with only its answer lost (a retried complete then finds
      // no upload, or, created only if absent, finds the object): if the object is there with
      // our size and checksums, these bytes are ours and it is done. Not for If-Match: a
      // replaced object cannot be told from the one it replaced by its checksums alone.
      const lostAnswer = !isPermanent(e) || e instanceof PreconditionFailed;
      if (lostAnswer && sums.bytes === size && !options.ifMatch) {
        const landed = await verifyMultipart(s, key, size, sums).then(
          () => true,
          () => false,
        );
        if (landed) {
          const etag = (await s.head(key))?.etag ?? '';
          return { key, etag, size, sha256: sums.digest() };
        }
      }
      if (isPermanent(e) || attempt >= READ_ATTEMPTS) throw e;
      await sleep(Math.random() * 100 * 2 ** attempt);
    }
  }
}

/**
 * One multipart upload: parts read straight from the file into a few reused buffers (queueSize
 * in flight, one being read), each hashed once in order and sent with its CRC32, so the SDK
 * computes no checksum of its own and no part is copied or concatenated on the way.
 */
async function multipart(
  s: S3Parts,
  key: string,
  path: string,
  size: number,
  partSize: number,
  sums: PartChecksums,
  options: PutOptions,
): Promise<string> {
  const target = { Bucket: s.bucket, Key: s.full(key) };
  let uploadId: string | undefined;
  try {
    const created = await s.client.send(
      new CreateMultipartUploadCommand({
        ...target,
        // S3 checks each part against its CRC32 and keeps a composite checksum. Without one it
        // computes a whole-object CRC64NVME when the upload completes (moto does it in Python).
        ChecksumAlgorithm: 'CRC32',
        ...(options.contentType ? { ContentType: options.contentType } : {}),
      }),
      s.sendOptions(),
    );
    uploadId = created.UploadId;
    const parts = await sendParts(s, target, uploadId as string, path, size, partSize, sums);
    const done = await s.client.send(
      new CompleteMultipartUploadCommand({
        ...target,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
        // Evaluated when the upload completes (moto checks If-None-Match only).
        ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
        ...(options.ifMatch ? { IfMatch: options.ifMatch } : {}),
      }),
      s.sendOptions(),
    );
    return done.ETag ?? '';
  } catch (e) {
    if (uploadId !== undefined) {
      // No dangling parts: they are billed until aborted. A failed abort is left to the
      // bucket's lifecycle rule; the upload's own error is the one worth reporting.
      await s.client
        .send(new AbortMultipartUploadCommand({ ...target, UploadId: uploadId }))
        .catch(() => undefined);
    }
    throw isPermanent(e) ? e : s.fail(e, 'put', key, options);
  }
}

async function sendParts(
  s: S3Parts,
  target: { Bucket: string; Key: string },
  uploadId: string,
  path: string,
  size: number,
  partSize: number,
  sums: PartChecksums,
): Promise<CompletedPart[]> {
  const parts: CompletedPart[] = [];
  const free: Buffer[] = [];
  const inFlight = new Set<Promise<void>>();
  let failed: { error: unknown } | undefined;
  const fh = await open(path, 'r');
  try {
    const count = Math.max(1, Math.ceil(size / partSize));
    for (let n = 1; n <= count && !failed; n++) {
      while (inFlight.size >= s.queueSize) await Promise.race(inFlight);
      if (failed) break;
      const buffer = free.pop() ?? Buffer.allocUnsafe(partSize);
      const start = (n - 1) * partSize;
      const body = buffer.subarray(0, Math.min(partSize, size - start));
      await readFully(fh, body, start, path, size);
      const crc = sums.add(body);
      const part = new UploadPartCommand({
        ...target,
        UploadId: uploadId,
        PartNumber: n,
        Body: body,
        ChecksumAlgorithm: 'CRC32',
        ChecksumCRC32: crc,
      });
      const sent: Promise<void> = sendPart(s, part)
        .then(
          (out) => void (parts[n - 1] = { PartNumber: n, ETag: out.ETag, ChecksumCRC32: crc }),
          (error: unknown) => void (failed ??= { error }),
        )
        .finally(() => {
          inFlight.delete(sent);
          free.push(buffer);
        });
      inFlight.add(sent);
    }
    await Promise.all(inFlight);
    if (failed) throw failed.error;
    if ((await fh.stat()).size !== size) {
      throw permanent(new Error(`${path} changed while it was uploaded (it was ${size} bytes)`));
    }
    return parts;
  } finally {
    await Promise.allSettled(inFlight);
    await fh.close();
  }
}

/**
 * One part, tried again on a transient failure: over TLS its body goes as a stream, which the
 * SDK does not retry, and a failed part should not cost the whole upload.
 */
async function sendPart(s: S3Parts, part: UploadPartCommand): Promise<{ ETag?: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await s.client.send(part, s.sendOptions());
    } catch (e) {
      if (!isTransient(e) || s.signal?.aborted || attempt >= READ_ATTEMPTS) throw e;
      await sleep(Math.random() * 100 * 2 ** attempt);
    }
  }
}

async function readFully(
  fh: FileHandle,
  into: Buffer,
  position: number,
  path: string,
  size: number,
): Promise<void> {
  for (let got = 0; got < into.length;) {
    const { bytesRead } = await fh.read(into, got, into.length - got, position + got);
    if (bytesRead === 0) {
      throw permanent(
        new Error(`${path} changed while it was uploaded (shorter than ${size} bytes)`),
      );
    }
    got += bytesRead;
  }
}

/**
 * Checks a multipart object against the CRC32s computed while sending it: S3 keeps either
 * the composite (CRC32 of the parts' CRC32s, "-N" on AWS) or a full-object CRC32.
 */
async function verifyMultipart(
  s: S3Parts,
  key: string,
  size: number,
  crc: PartChecksums,
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
