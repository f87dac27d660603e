/**
 * ObjectStore on an S3 bucket prefix. Small objects go up in one PutObject with their SHA-256
 * as the S3 checksum (the server verifies it); files larger than one part stream through a
 * hashing Transform into a lib-storage multipart Upload, each part with a CRC32 the server
 * verifies, so memory stays near partSize × (queueSize + 2) whatever the file size.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { s3Addressing } from '../s3/client.js';
import { s3Defaults, type S3Settings } from './config.js';
import { base64ToHex, HashingStream, hexToBase64, sha256Hex } from './hashing.js';
import { isTransient, translateS3Error, type S3Operation } from './s3-errors.js';
import type { S3Location } from './s3-location.js';
import { PreconditionFailed, type ObjectInfo, type ObjectStore, type PutOptions } from './types.js';

export { parseS3Uri, type S3Location } from './s3-location.js';

/** S3 client settings from the config and environment (credentials: the SDK's default chain). */
export function s3ClientConfig(
  settings: Partial<S3Settings> | undefined,
  env: NodeJS.ProcessEnv,
): S3ClientConfig {
  const s = { ...s3Defaults, ...settings };
  const { region, ...address } = s3Addressing(s, env);
  return {
    // No region anywhere: the SDK looks in the shared AWS config.
    ...(region ? { region } : {}),
    ...address,
    maxAttempts: s.max_attempts,
    // Each upload names its own checksum: SHA-256 for single requests, CRC32 for parts.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    // Downloads are verified against the manifest's SHA-256; the SDK's own check would trip
    // on servers whose multipart checksums lack the -N suffix (moto).
    responseChecksumValidation: 'WHEN_REQUIRED',
    // The SDK sends each request with this header on a fresh socket that is not kept alive: a
    // new connection (and TLS handshake) for every part, to save sending a part S3 would refuse.
    expectContinueHeader: false,
  };
}

/**
 * Whether a request may go with an unsigned payload: parts with their own checksum, over TLS.
 * The AWS CLI sends parts so; TLS guards the bytes, the server checks the part's CRC32, and the
 * SDK skips hashing every part a second time. Over plain HTTP the payload stays signed.
 */
export function partPayloadUnsigned(
  command: string,
  protocol: string,
  checksumAlgorithm: string | undefined,
): boolean {
  return command === 'UploadPartCommand' && protocol === 'https:' && Boolean(checksumAlgorithm);
}

const MiB = 1024 * 1024;
const CONDITIONAL_ATTEMPTS = 4;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class S3Store implements ObjectStore {
  readonly client: S3Client;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(
    readonly location: S3Location,
    settings: Partial<S3Settings> | undefined,
    env: NodeJS.ProcessEnv = process.env,
    /** Aborts in-flight requests and uploads (workflow cancelled). */
    private readonly signal?: AbortSignal,
  ) {
    this.client = new S3Client(s3ClientConfig(settings, env));
    this.client.middlewareStack.add(
      (next, context) => async (args) => {
        const request = args.request as { protocol?: string; headers?: Record<string, string> };
        const algorithm = (args.input as { ChecksumAlgorithm?: string }).ChecksumAlgorithm;
        const command = context.commandName ?? '';
        if (request.headers && partPayloadUnsigned(command, request.protocol ?? '', algorithm)) {
          request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
        }
        return next(args);
      },
      { step: 'build', name: 'unsignedPartsOverTls' },
    );
    this.partSize = (settings?.part_size_mb ?? s3Defaults.part_size_mb) * MiB;
    this.queueSize = settings?.queue_size ?? s3Defaults.queue_size;
  }

  private sendOptions(): { abortSignal?: AbortSignal } {
    return this.signal ? { abortSignal: this.signal } : {};
  }

  private full(key: string): string {
    return this.location.prefix === '' ? key : `${this.location.prefix}/${key}`;
  }

  uri(key: string): string {
    return `s3://${this.location.bucket}/${this.full(key)}`;
  }

  private fail(err: unknown, op: S3Operation, key: string, options: PutOptions = {}): Error {
    return translateS3Error(err, op, {
      bucket: this.location.bucket,
      key,
      uri: this.uri(key),
      conditional: options.ifMatch ? 'if-match' : options.ifNoneMatch ? 'if-none-match' : undefined,
    });
  }

  async get(key: string): Promise<{ body: Buffer; etag: string } | null> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.location.bucket, Key: this.full(key) }),
        this.sendOptions(),
      );
      const body = Buffer.from(
        await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
      return { body, etag: out.ETag ?? '' };
    } catch (e) {
      if ((e as { name?: string }).name === 'NoSuchKey') return null;
      throw this.fail(e, 'get', key);
    }
  }

  async head(key: string): Promise<(ObjectInfo & { sha256?: string }) | null> {
    try {
      const out = await this.client.send(
        new HeadObjectCommand({
          Bucket: this.location.bucket,
          Key: this.full(key),
          ChecksumMode: 'ENABLED',
        }),
        this.sendOptions(),
      );
      const etag = out.ETag ?? '';
      // Only a whole-object SHA-256 compares with ours; multipart ones are composite (ETag "…-N").
      const whole =
        out.ChecksumSHA256 && !etag.includes('-') && out.ChecksumType !== 'COMPOSITE'
          ? base64ToHex(out.ChecksumSHA256)
          : undefined;
      return { key, etag, size: out.ContentLength ?? 0, ...(whole ? { sha256: whole } : {}) };
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if ((e as { name?: string }).name === 'NotFound' || status === 404) return null;
      throw this.fail(e, 'head', key);
    }
  }

  async put(key: string, body: Buffer | string, options: PutOptions = {}): Promise<ObjectInfo> {
    const buf = typeof body === 'string' ? Buffer.from(body) : body;
    const out = await this.conditionalPut(key, buf, options);
    return { key, etag: out.etag, size: buf.length };
  }

  /**
   * PutObject with its condition, retried on 409 and 5xx. A retried conditional write may find
   * its own earlier attempt already stored (the response was lost): if the stored bytes are
   * ours, the write succeeded.
   */
  private async conditionalPut(
    key: string,
    buf: Buffer,
    options: PutOptions,
  ): Promise<{ etag: string; sha256: string }> {
    const sha256 = sha256Hex(buf);
    const params: PutObjectCommandInput = {
      Bucket: this.location.bucket,
      Key: this.full(key),
      Body: buf,
      // Both fields: the algorithm header makes the store keep the digest (moto needs it).
      ChecksumAlgorithm: 'SHA256',
      ChecksumSHA256: hexToBase64(sha256),
      ...(options.contentType ? { ContentType: options.contentType } : {}),
      ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
      ...(options.ifMatch ? { IfMatch: options.ifMatch } : {}),
    };
    let retried = false;
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await this.client.send(new PutObjectCommand(params), this.sendOptions());
        return { etag: out.ETag ?? '', sha256 };
      } catch (e) {
        const err = this.fail(e, 'put', key, options);
        if (err instanceof PreconditionFailed && retried) {
          const cur = await this.get(key);
          if (cur && cur.body.equals(buf)) return { etag: cur.etag, sha256 };
        }
        if (
          err instanceof PreconditionFailed ||
          !isTransient(e) ||
          attempt >= CONDITIONAL_ATTEMPTS
        ) {
          throw err;
        }
        retried = true;
        await sleep(Math.random() * 200 * 2 ** attempt);
      }
    }
  }

  async putFile(
    key: string,
    path: string,
    options: PutOptions = {},
  ): Promise<ObjectInfo & { sha256: string }> {
    const size = (await stat(path)).size;
    if (size <= this.partSize) {
      const buf = await readFile(path);
      const out = await this.conditionalPut(key, buf, options);
      return { key, etag: out.etag, size: buf.length, sha256: out.sha256 };
    }
    const hasher = new HashingStream();
    const source = createReadStream(path, { highWaterMark: MiB });
    const flowing = pipeline(source, hasher);
    flowing.catch(() => undefined); // surfaced through Promise.all below; no unhandled rejection
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.location.bucket,
        Key: this.full(key),
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
      partSize: Math.max(this.partSize, Math.ceil(size / 9_000)),
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    let etag: string;
    const cancel = (): void => void upload.abort();
    this.signal?.addEventListener('abort', cancel, { once: true });
    try {
      const [out] = await Promise.all([upload.done(), flowing]);
      etag = out.ETag ?? '';
    } catch (e) {
      hasher.destroy();
      throw this.fail(e, 'put', key, options);
    } finally {
      this.signal?.removeEventListener('abort', cancel);
    }
    if (hasher.bytes !== size) {
      throw new Error(`${path} changed while it was uploaded (${size} → ${hasher.bytes} bytes)`);
    }
    return { key, etag, size, sha256: hasher.digest() };
  }

  async getToFile(key: string, dest: string): Promise<{ size: number; sha256: string }> {
    const abs = resolve(dest);
    await mkdir(dirname(abs), { recursive: true });
    const temp = join(dirname(abs), `.${randomBytes(6).toString('hex')}.tmp`);
    const hasher = new HashingStream();
    try {
      let body: Readable;
      try {
        const out = await this.client.send(
          new GetObjectCommand({ Bucket: this.location.bucket, Key: this.full(key) }),
          this.sendOptions(),
        );
        body = out.Body as Readable;
      } catch (e) {
        if ((e as { name?: string }).name === 'NoSuchKey') {
          throw new Error(`object not found: ${this.uri(key)}`);
        }
        throw this.fail(e, 'get', key);
      }
      await pipeline(body, hasher, createWriteStream(temp));
      await rename(temp, abs);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    return { size: hasher.bytes, sha256: hasher.digest() };
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const out: ObjectInfo[] = [];
    let token: string | undefined;
    const strip = this.location.prefix === '' ? 0 : this.location.prefix.length + 1;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.location.bucket,
            Prefix: this.full(prefix),
            ContinuationToken: token,
          }),
          this.sendOptions(),
        );
      } catch (e) {
        throw this.fail(e, 'list', prefix);
      }
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        out.push({ key: o.Key.slice(strip), etag: o.ETag ?? '', size: o.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.full(key) }),
        this.sendOptions(),
      );
    } catch (e) {
      throw this.fail(e, 'delete', key);
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
