/** Turns S3 service errors into one clear message (pure: tested with plain error shapes). */
import { UserError } from '../errors.js';
import { PreconditionFailed } from './types.js';

export type S3Operation = 'get' | 'head' | 'put' | 'list' | 'delete';

/** The IAM permission each operation needs, named in access-denied messages. */
const permission: Record<S3Operation, string> = {
  get: 's3:GetObject',
  head: 's3:GetObject',
  put: 's3:PutObject',
  list: 's3:ListBucket',
  delete: 's3:DeleteObject',
};

export interface S3ErrorShape {
  name?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export function errorCode(err: unknown): { code: string; status: number | undefined } {
  const e = (err ?? {}) as S3ErrorShape;
  return { code: e.Code ?? e.name ?? 'Error', status: e.$metadata?.httpStatusCode };
}

/** Transient: worth retrying after a pause (the SDK retries most of these itself first). */
export function isTransient(err: unknown): boolean {
  const { code, status } = errorCode(err);
  return (
    code === 'ConditionalRequestConflict' ||
    status === 409 ||
    (status !== undefined && status >= 500) ||
    ['TimeoutError', 'RequestTimeout', 'ECONNRESET', 'EPIPE', 'ECONNREFUSED'].includes(code) ||
    (err as NodeJS.ErrnoException)?.code === 'ECONNRESET'
  );
}

/**
 * Maps an S3 error to what the registry acts on: PreconditionFailed for a failed condition,
 * a UserError naming the fix for credentials, missing buckets and denied permissions, or the
 * original error with the object's URI for anything else.
 */
export function translateS3Error(
  err: unknown,
  op: S3Operation,
  where: { bucket: string; key: string; uri: string; conditional?: 'if-match' | 'if-none-match' },
): Error {
  const { code, status } = errorCode(err);
  const msg = (err as Error)?.message ?? String(err);
  if (code === 'PreconditionFailed' || status === 412) return new PreconditionFailed(where.key);
  // If-Match against an absent key: moto and AWS answer 404 NoSuchKey; the condition did not hold.
  if (where.conditional === 'if-match' && (code === 'NoSuchKey' || status === 404)) {
    return new PreconditionFailed(where.key);
  }
  if (
    ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken'].includes(code)
  ) {
    return new UserError(
      `S3 rejected the credentials (${code}) for ${where.uri}: check AWS credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the role of the runner) and that they belong to the bucket's account`,
    );
  }
  if (code === 'NoSuchBucket') {
    return new UserError(
      `S3 bucket "${where.bucket}" does not exist (${where.uri}): create it or fix publish.registry`,
    );
  }
  if (code === 'AccessDenied' || code === 'Forbidden' || status === 403) {
    const need =
      op === 'put' && where.conditional === 'if-match'
        ? 's3:PutObject and s3:GetObject'
        : permission[op];
    return new UserError(
      `access denied to ${where.uri} (${code}): the credentials need ${need} on arn:aws:s3:::${where.bucket}${op === 'list' ? '' : '/*'}`,
    );
  }
  if (code === 'PermanentRedirect' || code === 'AuthorizationHeaderMalformed' || status === 301) {
    return new UserError(
      `S3 bucket "${where.bucket}" is in another region (${code}): set publish.s3.region or AWS_REGION to the bucket's region`,
    );
  }
  if (/Region is missing/i.test(msg)) {
    return new UserError('no AWS region: set publish.s3.region or AWS_REGION');
  }
  if (/Could not load credentials/i.test(msg) || code === 'CredentialsProviderError') {
    return new UserError(
      `no AWS credentials found for ${where.uri}: check AWS credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or aws-actions/configure-aws-credentials)`,
    );
  }
  return new Error(
    `S3 ${op} ${where.uri} failed: ${code}${status ? ` (HTTP ${status})` : ''}: ${msg}`,
    {
      cause: err,
    },
  );
}
