import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../../errors.js';
import type { ByteCounter, ByteSource } from './bytes.js';

/** Range reads retried after the SDK's own retries gave up, as the registry retries its reads. */
const READ_ATTEMPTS = 5;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface S3BytesOptions {
  client: S3Client;
  bucket: string;
  key: string;
  size: number;
  /** The ETag listed: a read of an object replaced since then fails instead of mixing versions. */
  etag?: string;
  counter: ByteCounter;
  signal?: AbortSignal;
  /** Turns an SDK error into one the user can act on (names the object). */
  explain: (e: unknown, where: string) => Error;
}

/** Codes a retry cannot change: the object is gone, changed, refused, or shorter than listed. */
const PERMANENT = new Set([
  'NoSuchKey',
  'NoSuchBucket',
  'AccessDenied',
  'InvalidRange',
  'PreconditionFailed',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
]);

/** One S3 object read by byte ranges: the footer, then only the column chunks a scan needs. */
export class S3Bytes implements ByteSource {
  readonly name: string;
  readonly size: number;

  constructor(private readonly o: S3BytesOptions) {
    this.name = `s3://${o.bucket}/${o.key}`;
    this.size = o.size;
  }

  async read(start: number, end: number): Promise<Uint8Array> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.readOnce(start, end);
      } catch (e) {
        if (permanent(e) || this.o.signal?.aborted || attempt >= READ_ATTEMPTS) {
          throw e instanceof UserError ? e : this.explain(e);
        }
        await sleep(Math.random() * 50 * 2 ** attempt);
      }
    }
  }

  private explain(e: unknown): Error {
    const code = codeOf(e);
    if (code === 'PreconditionFailed') {
      return new UserError(
        `${this.name}: the object changed while it was being read (its ETag no longer matches the listing); rerun once the writer has finished`,
        { file: this.name },
      );
    }
    if (code === 'InvalidRange') {
      return new UserError(
        `${this.name}: the object is shorter than listed (${this.size} bytes); it is truncated or was replaced while being read`,
        { file: this.name },
      );
    }
    if (code === 'NoSuchKey') {
      return new UserError(`${this.name}: the object was deleted after it was listed; rerun`, {
        file: this.name,
      });
    }
    return this.o.explain(e, this.name);
  }

  private async readOnce(start: number, end: number): Promise<Uint8Array> {
    const res = await this.o.client.send(
      new GetObjectCommand({
        Bucket: this.o.bucket,
        Key: this.o.key,
        Range: `bytes=${start}-${end - 1}`,
        ...(this.o.etag ? { IfMatch: this.o.etag } : {}),
      }),
      this.o.signal ? { abortSignal: this.o.signal } : {},
    );
    const body = res.Body;
    if (!body) throw new Error(`empty response for bytes ${start}-${end - 1}`);
    const bytes = await body.transformToByteArray();
    this.o.counter.requests++;
    this.o.counter.bytes += bytes.byteLength;
    if (bytes.byteLength !== end - start) {
      // A body cut short on the way: worth another try.
      throw new Error(`got ${bytes.byteLength} of ${end - start} bytes for ${start}-${end - 1}`);
    }
    return bytes;
  }
}

function codeOf(e: unknown): string {
  const x = (e ?? {}) as { Code?: string; name?: string; $metadata?: { httpStatusCode?: number } };
  const status = x.$metadata?.httpStatusCode;
  if (status === 412) return 'PreconditionFailed';
  if (status === 416) return 'InvalidRange';
  return x.Code ?? x.name ?? '';
}

function permanent(e: unknown): boolean {
  if (e instanceof UserError) return true;
  const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429)
    return true;
  return PERMANENT.has(codeOf(e));
}
