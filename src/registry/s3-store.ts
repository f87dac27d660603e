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
import { base64ToHex, HashingStream, hexToBase64, PartCrc32, sha256Hex } from './hashing.js';
import { isTransient, translateS3Error, type S3Operation } from './s3-errors.js';
import type { S3Location } from './s3-location.js';
import { UserError } from '../errors.js';
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
/** Reads (and whole multipart uploads) retried after the SDK's own retries gave up. */
const READ_ATTEMPTS = 5;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Marks an error that a retry cannot change (a missing object, a file that changed). */
function permanent(e: Error): Error {
  return Object.assign(e, { permanent: true });
}
const isPermanent = (e: unknown): boolean =>
  e instanceof UserError ||
  e instanceof PreconditionFailed ||
  (e as { permanent?: boolean })?.permanent === true;

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

  /**
   * Retries a read that failed after the SDK returned: a body cut short or corrupted on the
   * way, a response lost. Reads change nothing, so any error but a refusal is worth retrying.
   */
  private async retryRead<T>(fn: () => Promise<T>, attempts = READ_ATTEMPTS): Promise<T> {
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

  private async headFull(key: string): Promise<{
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
    if (size <= this.partSize) {
      const buf = await readFile(path);
      const out = await this.conditionalPut(key, buf, options);
      return { key, etag: out.etag, size: buf.length, sha256: out.sha256 };
    }
    const partSize = Math.max(this.partSize, Math.ceil(size / 9_000));
    for (let attempt = 1; ; attempt++) {
      const hasher = new HashingStream();
      const crc = new PartCrc32(partSize);
      try {
        const etag = await this.multipart(key, path, partSize, hasher, crc, options);
        if (hasher.bytes !== size) {
          throw permanent(
            new Error(`${path} changed while it was uploaded (${size} → ${hasher.bytes} bytes)`),
          );
        }
        await this.verifyMultipart(key, size, crc);
        return { key, etag, size, sha256: hasher.digest() };
      } catch (e) {
        if (isPermanent(e) || this.signal?.aborted) throw e;
        // The upload may have completed with only its answer lost (a retried complete then
        // finds no upload): if the object is there with our checksums, it is done.
        if (hasher.bytes === size && !options.ifMatch && !options.ifNoneMatch) {
          const landed = await this.verifyMultipart(key, size, crc).then(
            () => true,
            () => false,
          );
          if (landed) {
            const etag = (await this.head(key))?.etag ?? '';
            return { key, etag, size, sha256: hasher.digest() };
          }
        }
        if (attempt >= READ_ATTEMPTS) throw e;
        await sleep(Math.random() * 100 * 2 ** attempt);
      }
    }
  }

  private async multipart(
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
      partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    const cancel = (): void => void upload.abort();
    this.signal?.addEventListener('abort', cancel, { once: true });
    try {
      const [out] = await Promise.all([upload.done(), flowing]);
      return out.ETag ?? '';
    } catch (e) {
      hasher.destroy();
      throw this.fail(e, 'put', key, options);
    } finally {
      this.signal?.removeEventListener('abort', cancel);
    }
  }

  /**
   * Checks a multipart object against the CRC32s computed while streaming it: S3 keeps either
   * the composite (CRC32 of the parts' CRC32s, "-N" on AWS) or a full-object CRC32.
   */
  private async verifyMultipart(key: string, size: number, crc: PartCrc32): Promise<void> {
    const head = await this.retryRead(() => this.headFull(key));
    const stored = head?.crc32?.replace(/-\d+$/, '');
    const ok =
      head !== null &&
      head.info.size === size &&
      stored !== undefined &&
      (stored === crc.composite() || stored === crc.full());
    if (!ok) {
      throw new Error(
        `upload of ${this.uri(key)} did not verify: sent ${size} bytes CRC32 ${crc.composite()} (composite), store has ${head ? `${head.info.size} bytes CRC32 ${head.crc32 ?? 'none'}` : 'nothing'}`,
      );
    }
  }

  async getToFile(key: string, dest: string): Promise<{ size: number; sha256: string }> {
    return this.retryRead(() => this.getToFileOnce(key, dest));
  }

  private async getToFileOnce(
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
        const out = await this.client.send(
          new GetObjectCommand({ Bucket: this.location.bucket, Key: this.full(key) }),
          this.sendOptions(),
        );
        body = out.Body as Readable;
        length = out.ContentLength;
      } catch (e) {
        if ((e as { name?: string }).name === 'NoSuchKey') {
          throw permanent(new Error(`object not found: ${this.uri(key)}`));
        }
        throw this.fail(e, 'get', key);
      }
      await pipeline(body, hasher, createWriteStream(temp));
      if (length !== undefined && hasher.bytes !== length) {
        throw new Error(
          `reading ${this.uri(key)}: got ${hasher.bytes} of ${length} bytes (body cut short)`,
        );
      }
      await rename(temp, abs);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    return { size: hasher.bytes, sha256: hasher.digest() };
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
