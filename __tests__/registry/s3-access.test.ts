/**
 * Credentials, missing buckets and denied writes against moto_server with IAM authentication
 * switched on (POST /moto-api/reset-auth): real signature checks and real policy evaluation.
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { openRegistry } from '../../src/registry/index.js';
import { openStore } from '../../src/registry/store.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { pythonBin } from '../support/python.js';
import { modelFolder, publishInput, tempDir, testContext } from './helpers.js';

interface Keys {
  id: string;
  secret: string;
}

let moto: MotoServer;
let admin: Keys;
let reader: Keys;
let root: string;
let modelDir: string;

/** Creates the bucket and two IAM users (admin, read-only) while auth is still off. */
const setupScript = `
import boto3, json, sys
ep = sys.argv[1]
kw = dict(endpoint_url=ep, region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x')
s3 = boto3.client('s3', **kw)
s3.create_bucket(Bucket='models')
iam = boto3.client('iam', **kw)
out = {}
for name, actions, res in (('admin', ['s3:*'], '*'),
                           ('reader', ['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::models', 'arn:aws:s3:::models/*'])):
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName='p', PolicyDocument=json.dumps({
        'Version': '2012-10-17',
        'Statement': [{'Effect': 'Allow', 'Action': actions,
                       'Resource': res}]}))
    k = iam.create_access_key(UserName=name)['AccessKey']
    out[name] = {'id': k['AccessKeyId'], 'secret': k['SecretAccessKey']}
print(json.dumps(out))
`;

beforeAll(async () => {
  moto = await startMoto();
  const out = execFileSync(pythonBin(), ['-c', setupScript, moto.endpoint], { encoding: 'utf8' });
  ({ admin, reader } = JSON.parse(out) as { admin: Keys; reader: Keys });
  await fetch(`${moto.endpoint}/moto-api/reset-auth`, { method: 'POST', body: '0' });
  root = await tempDir('s3-access-');
  modelDir = await modelFolder(join(root, 'model'), { 'model.bin': 'weights' });
});
afterAll(async () => {
  await moto?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

function useKeys(k: Keys): void {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: k.id,
    AWS_SECRET_ACCESS_KEY: k.secret,
    AWS_REGION: 'us-east-1',
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
}

async function bucketKeys(): Promise<string[]> {
  const c = new S3Client({
    endpoint: moto.endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: admin.id, secretAccessKey: admin.secret },
  });
  try {
    const out = await c.send(new ListObjectsV2Command({ Bucket: 'models' }));
    return (out.Contents ?? []).map((o) => o.Key as string);
  } finally {
    c.destroy();
  }
}

/*
 * moto 5.2.1 with auth on rejects every ListObjectsV2 whose Prefix contains "/" with
 * SignatureDoesNotMatch (it re-encodes the query differently from SigV4; AWS accepts the same
 * request). Publishing lists `<prefix>/<model>/versions/`, so on moto only failures that happen
 * before the listing can be driven through publish(); the denied write is checked on the store.
 */
describe('S3 access problems give one clear message and publish nothing', () => {
  it.each([
    [
      'an unknown access key',
      (): Keys => ({ id: 'AKIAUNKNOWN000000000', secret: 'nope' }),
      's3://models/reg',
      /check AWS credentials/,
    ],
    [
      'a wrong secret key',
      (): Keys => ({ id: admin.id, secret: 'wrong-secret' }),
      's3://models/reg',
      /check AWS credentials/,
    ],
    [
      'a missing bucket',
      (): Keys => admin,
      's3://no-such-bucket/reg',
      /bucket "no-such-bucket" does not exist/,
    ],
  ])('%s', async (_label, keys, registryUri, message) => {
    useKeys(keys());
    const registry = openRegistry(
      {
        registry: registryUri,
        alias: 'production',
        s3: { endpoint: moto.endpoint, max_attempts: 1 },
      },
      'churn',
      testContext(root),
    );
    try {
      const err = await registry.publish(publishInput(modelDir, 'r1')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain(keys().secret);
    } finally {
      await registry.close();
    }
    expect(await bucketKeys()).toEqual([]);
  });

  it.each([
    ['a small object (PutObject)', 1024],
    ['a multipart upload', 6 * 1024 * 1024],
  ])('read-only credentials: writing %s is denied, naming s3:PutObject', async (_label, size) => {
    const file = join(root, `blob-${size}`);
    await writeFile(file, Buffer.alloc(size, 1));
    useKeys(reader);
    const store = openStore('s3://models/reg', root, {
      endpoint: moto.endpoint,
      max_attempts: 1,
      part_size_mb: 5,
    });
    try {
      const err = await store
        .putFile('churn/versions/1/claim.json', file, { ifNoneMatch: '*' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(
        /access denied to s3:\/\/models\/reg\/churn\/versions\/1\/claim\.json .*need s3:PutObject on arn:aws:s3:::models\/\*/,
      );
      // Reads are allowed, so the same credentials see that nothing was written.
      expect(await store.get('churn/versions/1/claim.json')).toBeNull();
    } finally {
      await store.close();
    }
    expect(await bucketKeys()).toEqual([]);
  });

  it('the admin credentials write and read (the IAM setup itself is sound)', async () => {
    useKeys(admin);
    const store = openStore('s3://models/reg', root, { endpoint: moto.endpoint, max_attempts: 1 });
    try {
      await store.put('probe.json', '{}', { ifNoneMatch: '*' });
      expect((await store.get('probe.json'))?.body.toString()).toBe('{}');
      await store.delete('probe.json');
    } finally {
      await store.close();
    }
  });
});
