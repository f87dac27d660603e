import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  checkRelativeName,
  historyKey,
  nextVersion,
  parseHistoryKey,
  scanVersions,
} from '../../src/registry/keys.js';
import {
  rollbackTarget,
  shouldMoveOnResume,
  type AliasEvent,
} from '../../src/registry/promotion.js';
import { translateS3Error } from '../../src/registry/s3-errors.js';
import { parseS3Uri, partPayloadUnsigned, s3ClientConfig } from '../../src/registry/s3-store.js';
import { minimalConfig, setVersionPolicy, specificVersions } from '../../src/registry/triton.js';
import { PreconditionFailed } from '../../src/registry/types.js';

describe('version scan and allocation', () => {
  it.each([
    [[], { claimed: [], complete: [] }, 1],
    [['m/versions/1/claim.json', 'm/versions/1/manifest.json'], { claimed: [1], complete: [1] }, 2],
    [
      // 10 sorts before 2 as a string; a crashed claim (3) still takes its number.
      [
        'm/versions/10/claim.json',
        'm/versions/2/claim.json',
        'm/versions/2/manifest.json',
        'm/versions/3/claim.json',
      ],
      { claimed: [2, 3, 10], complete: [2] },
      11,
    ],
    [
      [
        'm/versions/4/files/model/manifest.json',
        'm/versions/0/claim.json',
        'mx/versions/9/claim.json',
      ],
      { claimed: [], complete: [] },
      1,
    ],
  ])('%j', (keys, scan, next) => {
    expect(scanVersions('m', keys)).toEqual(scan);
    expect(nextVersion(scanVersions('m', keys))).toBe(next);
  });
});

describe('history keys', () => {
  it('name one entry per run, action and version', () => {
    const key = historyKey('m', 7, 'promote', 'acme/churn#42');
    expect(key).toMatch(/^m\/history\/7-promote-[0-9a-f]{16}\.json$/);
    expect(historyKey('m', 7, 'promote', 'acme/churn#42')).toBe(key);
    expect(historyKey('m', 7, 'promote', 'acme/churn#43')).not.toBe(key);
    expect(historyKey('m', 7, 'publish', 'acme/churn#42')).not.toBe(key);
    expect(parseHistoryKey(key)).toEqual({ version: 7, action: 'promote' });
  });
  it.each([
    ['m/history/20261123T190320123Z-7-promote.json', 7, 'promote'],
    ['m/history/20260102T030405006Z-12-rollback-2.json', 12, 'rollback'],
  ])('still reads the time-stamped key %s', (key, version, action) => {
    expect(parseHistoryKey(key)).toEqual({ version, action });
  });
  it.each(['m/history/0-promote.json', 'm/history/x-promote.json', 'm/history/7-promote.txt'])(
    'ignores %s',
    (key) => expect(parseHistoryKey(key)).toBeNull(),
  );
});

describe('relative names', () => {
  it.each(['model.onnx', 'sub/dir/w.bin', 'a\\b'])('accepts %s', (n) => {
    expect(() => checkRelativeName(n, 'x')).not.toThrow();
  });
  it.each(['', '/etc/passwd', '../up', 'a/../b', 'a//b', '.hidden', 'a/.lock'])(
    'rejects %j',
    (n) => {
      expect(() => checkRelativeName(n, 'extra file name')).toThrow(/extra file name/);
    },
  );
});

describe('rollback target', () => {
  const ev = (
    action: AliasEvent['action'],
    version: number,
    alias: string | null = 'prod',
  ): AliasEvent => ({
    action,
    version,
    alias,
  });
  it.each<[string, AliasEvent[], number, number | null, number | null]>([
    ['previous promotion', [ev('promote', 1), ev('promote', 2), ev('promote', 3)], 3, 2, 2],
    [
      'keeps walking back',
      [ev('promote', 1), ev('promote', 2), ev('promote', 3), ev('rollback', 2)],
      2,
      3,
      1,
    ],
    [
      'shadow publishes do not count',
      [ev('promote', 1), ev('publish', 2, null), ev('promote', 3)],
      3,
      1,
      1,
    ],
    [
      'other aliases do not count',
      [ev('promote', 1), ev('promote', 5, 'staging'), ev('promote', 2)],
      2,
      1,
      1,
    ],
    ['only one version: nothing', [ev('promote', 1)], 1, null, null],
    ['no history: alias record', [], 4, 3, 3],
    [
      'rollback to a named newer one',
      [ev('promote', 1), ev('promote', 2), ev('rollback', 1), ev('rollback', 2)],
      2,
      1,
      1,
    ],
  ])('%s', (_l, events, current, previous, want) => {
    expect(rollbackTarget(events, 'prod', current, previous)).toBe(want);
  });
  it.each([
    [null, 3, true],
    [2, 3, true],
    [3, 3, false],
    [4, 3, false],
  ])('resume from alias %s to %i moves: %s', (alias, v, want) => {
    expect(shouldMoveOnResume(alias, v)).toBe(want);
  });
});

describe('Triton config.pbtxt version policy', () => {
  const full = `name: "churn"
platform: "onnxruntime_onnx"
max_batch_size: 8
# version_policy: { latest: { num_versions: 2 } }
input [ { name: "x" data_type: TYPE_FP32 dims: [ 4 ] } ]
version_policy: { latest: { num_versions: 2 } }
parameters { key: "version_policy" value: { string_value: "{ x }" } }
`;
  it.each([
    [
      'appends to a config without one',
      'name: "m"',
      [3],
      'name: "m"\nversion_policy: { specific: { versions: [3] } }\n',
    ],
    [
      'replaces the live policy only (not the comment, not a parameter value)',
      full,
      [7],
      full
        .split('\n')
        .map((l) =>
          l.startsWith('version_policy') ? 'version_policy: { specific: { versions: [7] } }' : l,
        )
        .join('\n'),
    ],
    [
      'replaces the colon-less form',
      'version_policy { all { } }\nname: "m"\n',
      [1, 2],
      'version_policy: { specific: { versions: [1, 2] } }\nname: "m"\n',
    ],
  ])('%s', (_l, input, versions, want) => {
    const out = setVersionPolicy(input, versions);
    expect(out).toBe(want);
    expect(specificVersions(out)).toEqual(versions);
  });
  it('reads no specific versions from other policies', () => {
    expect(specificVersions(full)).toBeNull();
    expect(specificVersions('name: "m"')).toBeNull();
    expect(minimalConfig('churn', 4)).toBe(
      'name: "churn"\nversion_policy: { specific: { versions: [4] } }\n',
    );
  });
});

describe('S3 URIs and client settings', () => {
  it.each([
    ['s3://models', { bucket: 'models', prefix: '' }],
    ['s3://models/', { bucket: 'models', prefix: '' }],
    ['s3://my.models-1/team/registry/', { bucket: 'my.models-1', prefix: 'team/registry' }],
  ])('%s', (uri, loc) => expect(parseS3Uri(uri)).toEqual(loc));
  it.each(['s3://', 's3://UPPER/x', 'https://b/x', 's3://a'])('rejects %s', (uri) => {
    expect(() => parseS3Uri(uri)).toThrow(/s3:\/\/bucket\/prefix/);
  });
  it.each([
    [
      {},
      {},
      { forcePathStyle: false, maxAttempts: 5, requestChecksumCalculation: 'WHEN_REQUIRED' },
    ],
    [
      {},
      { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9' },
      { region: 'eu-west-1', forcePathStyle: true },
    ],
    [
      { region: 'us-east-2', endpoint: 'http://minio:9000' },
      { AWS_REGION: 'eu-west-1' },
      {
        region: 'us-east-2',
        endpoint: 'http://minio:9000',
        forcePathStyle: true,
        expectContinueHeader: false,
      },
    ],
    [{ endpoint: 'http://minio:9000', force_path_style: false }, {}, { forcePathStyle: false }],
  ])('%j with env %j', (settings, env, want) => {
    const cfg = s3ClientConfig(settings, env);
    expect(cfg).toMatchObject(want);
    expect(cfg).not.toHaveProperty('credentials');
  });
});

describe('unsigned part payloads', () => {
  it.each([
    ['UploadPartCommand', 'https:', 'CRC32', true],
    ['UploadPartCommand', 'http:', 'CRC32', false],
    ['UploadPartCommand', 'https:', undefined, false],
    ['PutObjectCommand', 'https:', 'SHA256', false],
  ])('%s over %s with checksum %s → %s', (command, protocol, algorithm, want) => {
    expect(partPayloadUnsigned(command, protocol, algorithm)).toBe(want);
  });
});

describe('S3 error translation', () => {
  const where = {
    bucket: 'models',
    key: 'm/aliases/p.json',
    uri: 's3://models/r/m/aliases/p.json',
  };
  const err = (name: string, status: number): unknown => ({
    name,
    message: 'x',
    $metadata: { httpStatusCode: status },
  });
  it.each<
    [
      string,
      unknown,
      'get' | 'put' | 'list',
      'if-match' | undefined,
      RegExp | typeof PreconditionFailed,
    ]
  >([
    ['412', err('PreconditionFailed', 412), 'put', undefined, PreconditionFailed],
    ['If-Match on a missing key', err('NoSuchKey', 404), 'put', 'if-match', PreconditionFailed],
    ['bad key id', err('InvalidAccessKeyId', 403), 'get', undefined, /check AWS credentials/],
    [
      'bad signature',
      err('SignatureDoesNotMatch', 403),
      'list',
      undefined,
      /check AWS credentials/,
    ],
    ['no bucket', err('NoSuchBucket', 404), 'list', undefined, /bucket "models" does not exist/],
    [
      'denied put',
      err('AccessDenied', 403),
      'put',
      undefined,
      /need s3:PutObject on arn:aws:s3:::models\/\*/,
    ],
    [
      'denied CAS',
      err('AccessDenied', 403),
      'put',
      'if-match',
      /need s3:PutObject and s3:GetObject/,
    ],
    [
      'denied list',
      err('AccessDenied', 403),
      'list',
      undefined,
      /need s3:ListBucket on arn:aws:s3:::models$/,
    ],
    ['wrong region', err('PermanentRedirect', 301), 'get', undefined, /set publish\.s3\.region/],
  ])('%s', (_l, e, op, conditional, want) => {
    const out = translateS3Error(e, op, { ...where, conditional });
    if (want === PreconditionFailed) expect(out).toBeInstanceOf(PreconditionFailed);
    else {
      expect(out).toBeInstanceOf(UserError);
      expect(out.message).toMatch(want as RegExp);
    }
  });
  it('keeps other failures as errors naming the object', () => {
    const out = translateS3Error(err('InternalError', 500), 'get', where);
    expect(out).not.toBeInstanceOf(UserError);
    expect(out.message).toMatch(
      /S3 get s3:\/\/models\/r\/m\/aliases\/p\.json failed: InternalError \(HTTP 500\)/,
    );
  });
});
