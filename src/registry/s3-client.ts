/**
 * The S3 client as the registry's store uses it: settings from the config and environment,
 * unsigned part payloads over TLS, and the retry rules shared by reads and uploads.
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { s3Addressing } from '../s3/client.js';
import { s3Defaults, type S3Settings } from './config.js';
import { UserError } from '../errors.js';
import { PreconditionFailed } from './types.js';

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

/**
 * A part's bytes as a stream of 1 MiB slices (views, no copies). Over TLS a part written as one
 * buffer is encrypted in one go, and the ciphertext of every part in flight waits in memory
 * until its socket drains (about one part per connection); slices are encrypted as they go.
 */
export function sliced(body: Uint8Array, slice = 1024 * 1024): Readable {
  const views: Uint8Array[] = [];
  for (let at = 0; at < body.length; at += slice) views.push(body.subarray(at, at + slice));
  return Readable.from(views, { objectMode: false });
}

/** A client with the store's settings; parts go unsigned over TLS (partPayloadUnsigned). */
export function createS3Client(
  settings: Partial<S3Settings> | undefined,
  env: NodeJS.ProcessEnv,
): S3Client {
  const client = new S3Client(s3ClientConfig(settings, env));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { protocol?: string; headers?: Record<string, string> };
      const algorithm = (args.input as { ChecksumAlgorithm?: string }).ChecksumAlgorithm;
      const command = context.commandName ?? '';
      if (request.headers && partPayloadUnsigned(command, request.protocol ?? '', algorithm)) {
        request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
        const body = (request as { body?: unknown }).body;
        if (body instanceof Uint8Array) {
          // A stream is not retried by the SDK: sendParts retries each part itself.
          request.headers['content-length'] = String(body.length);
          (request as { body?: unknown }).body = sliced(body);
        }
      }
      return next(args);
    },
    { step: 'build', name: 'unsignedPartsOverTls' },
  );
  return client;
}

/** Reads (and whole multipart uploads) retried after the SDK's own retries gave up. */
export const READ_ATTEMPTS = 5;
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Marks an error that a retry cannot change (a missing object, a file that changed). */
export function permanent(e: Error): Error {
  return Object.assign(e, { permanent: true });
}
export const isPermanent = (e: unknown): boolean =>
  e instanceof UserError ||
  e instanceof PreconditionFailed ||
  (e as { permanent?: boolean })?.permanent === true;
