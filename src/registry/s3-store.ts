/**
 * ObjectStore on an S3 bucket prefix. Small objects go up in one PutObject with their SHA-256
 * as the S3 checksum (the server verifies it); files larger than one part go up as a multipart
 * upload (s3-multipart.ts).
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { readFile, stat } from 'node:fs/promises';
import { s3Defaults, type S3Settings } from './config.js';
import { base64ToHex, hexToBase64, sha256Hex } from './hashing.js';
import { createS3Client, isPermanent, READ_ATTEMPTS, sleep } from './s3-client.js';
import { isTransient, translateS3Error, type S3Operation } from './s3-errors.js';
import type { S3Location } from './s3-location.js';
import { getToFileOnce, putFileMultipart, type S3Parts } from './s3-files.js';
import { PreconditionFailed, type ObjectInfo, type ObjectStore, type PutOptions } from './types.js';

export { parseS3Uri, type S3Location } from './s3-location.js';

export { partPayloadUnsigned, s3ClientConfig } from './s3-client.js';

const MiB = 1024 * 1024;
const CONDITIONAL_ATTEMPTS = 4;

export class S3Store implements ObjectStore, S3Parts {
  readonly client: S3Client;
  readonly bucket: string;
  readonly partSize: number;
  readonly queueSize: number;

  constructor(
    readonly location: S3Location,
    settings: Partial<S3Settings> | undefined,
    env: NodeJS.ProcessEnv = process.env,
    /** Aborts in-flight requests and uploads (workflow cancelled). */
    readonly signal?: AbortSignal,
  ) {
    this.client = createS3Client(settings, env);
    this.bucket = location.bucket;
    this.partSize = (settings?.part_size_mb ?? s3Defaults.part_size_mb) * MiB;
    this.queueSize = settings?.queue_size ?? s3Defaults.queue_size;
  }

  sendOptions(): { abortSignal?: AbortSignal } {
    return this.signal ? { abortSignal: this.signal } : {};
  }

  full(key: string): string {
    return this.location.prefix === '' ? key : `${this.location.prefix}/${key}`;
  }

  uri(key: string): string {
    return `s3://${this.location.bucket}/${this.full(key)}`;
  }

  fail(err: unknown, op: S3Operation, key: string, options: PutOptions = {}): Error {
    return translateS3Error(err, op, {
      bucket: this.location.bucket,
      key,
      uri: this.uri(key),
      conditional: options.ifMatch ? 'if-match' : options.ifNoneMatch ? 'if-none-match' : undefined,
    });
  }

  /**
   * Retries a read that failed after the SDK returned: a body cut short or corrupted on the
   * way, a response lost. Reads change nothing, so any error but a refusal is worth retrying.
   */
  async retryRead<T>(fn: () => Promise<T>, attempts = READ_ATTEMPTS): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (isPermanent(e) || this.signal?.aborted || attempt >= attempts) throw e;
        await sleep(Math.random() * 50 * 2 ** attempt);
      }
    }
  }

  async get(key: string): Promise<{ body: Buffer; etag: string } | null> {
    return this.retryRead(() => this.getOnce(key));
  }

  /** One GetObject whose body is checked against its length and stored SHA-256. */
  private async getOnce(key: string): Promise<{ body: Buffer; etag: string } | null> {
    let out;
    try {
      out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.location.bucket,
          Key: this.full(key),
          ChecksumMode: 'ENABLED',
        }),
        this.sendOptions(),
      );
    } catch (e) {
      if ((e as { name?: string }).name === 'NoSuchKey') return null;
      throw this.fail(e, 'get', key);
    }
    let body: Buffer;
    try {
      body = Buffer.from(
        await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
    } catch (e) {
      throw new Error(`reading ${this.uri(key)} failed: ${(e as Error).message}`, { cause: e });
    }
    if (out.ContentLength !== undefined && body.length !== out.ContentLength) {
      throw new Error(
        `reading ${this.uri(key)}: got ${body.length} of ${out.ContentLength} bytes (body cut short)`,
      );
    }
    const etag = out.ETag ?? '';
    if (out.ChecksumSHA256 && !etag.includes('-') && out.ChecksumType !== 'COMPOSITE') {
      const got = sha256Hex(body);
      if (got !== base64ToHex(out.ChecksumSHA256)) {
        throw new Error(`reading ${this.uri(key)}: body does not match its stored SHA-256`);
      }
    }
    return { body, etag };
  }

  async head(key: string): Promise<(ObjectInfo & { sha256?: string }) | null> {
    return this.retryRead(async () => (await this.headFull(key))?.info ?? null);
  }

  async headFull(key: string): Promise<{
    info: ObjectInfo & { sha256?: string };
    crc32?: string;
    checksumType?: string;
  } | null> {
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
      return {
        info: { key, etag, size: out.ContentLength ?? 0, ...(whole ? { sha256: whole } : {}) },
        ...(out.ChecksumCRC32 ? { crc32: out.ChecksumCRC32 } : {}),
        ...(out.ChecksumType ? { checksumType: out.ChecksumType } : {}),
      };
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
   * PutObject with its condition, retried on 409 and 5xx. A conditional write that fails may
   * have succeeded earlier: the response was lost and a retry (ours or the SDK's own) then
   * met its own object. If the stored bytes are ours, the write succeeded.
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
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await this.client.send(new PutObjectCommand(params), this.sendOptions());
        return { etag: out.ETag ?? '', sha256 };
      } catch (e) {
        const err = this.fail(e, 'put', key, options);
        if (err instanceof PreconditionFailed) {
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
    if (size > this.partSize) return putFileMultipart(this, key, path, size, options);
    const buf = await readFile(path);
    const out = await this.conditionalPut(key, buf, options);
    return { key, etag: out.etag, size: buf.length, sha256: out.sha256 };
  }

  async getToFile(key: string, dest: string): Promise<{ size: number; sha256: string }> {
    return this.retryRead(() => getToFileOnce(this, key, dest));
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    return this.retryRead(() => this.listOnce(prefix));
  }

  private async listOnce(prefix: string): Promise<ObjectInfo[]> {
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
    // Deleting is idempotent: a retry after a lost answer deletes nothing more.
    return this.retryRead(() => this.deleteOnce(key));
  }

  private async deleteOnce(key: string): Promise<void> {
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
