import { randomBytes, createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/registry/store.js';
import { PreconditionFailed, type ObjectStore } from '../../src/registry/types.js';
import { s3Backend, tempDir, type Backend, backends } from './helpers.js';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { crc32 } from 'node:zlib';

describe.each(backends)('ObjectStore on %s', (_name, make) => {
  let backend: Backend;
  let store: ObjectStore;
  let scratch: string;

  beforeAll(async () => {
    backend = await make();
    const cfg = await backend.fresh();
    scratch = await tempDir('store-scratch-');
    store = openStore(cfg.registry, scratch, cfg.s3);
  });
  afterAll(async () => {
    await store?.close();
    await backend?.stop();
  });

  it('puts and gets with a stable ETag, and null for a missing key', async () => {
    const put = await store.put('a/b.json', '{"x":1}');
    const got1 = await store.get('a/b.json');
    const got2 = await store.get('a/b.json');
    expect(got1?.body.toString()).toBe('{"x":1}');
    expect(got1?.etag).toBe(put.etag);
    expect(got2?.etag).toBe(got1?.etag);
    expect(await store.get('a/missing.json')).toBeNull();
    expect(await store.head('a/missing.json')).toBeNull();
  });

  it('If-None-Match: * creates once, then fails without touching the object', async () => {
    await store.put('inm/x', 'first', { ifNoneMatch: '*' });
    await expect(store.put('inm/x', 'second', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(
      PreconditionFailed,
    );
    expect((await store.get('inm/x'))?.body.toString()).toBe('first');
  });

  it('If-Match replaces only on the current ETag; a missing key fails the condition', async () => {
    const v1 = await store.put('im/x', 'one');
    const v2 = await store.put('im/x', 'two', { ifMatch: v1.etag });
    expect(v2.etag).not.toBe(v1.etag);
    await expect(store.put('im/x', 'three', { ifMatch: v1.etag })).rejects.toBeInstanceOf(
      PreconditionFailed,
    );
    expect((await store.get('im/x'))?.body.toString()).toBe('two');
    await expect(store.put('im/none', 'z', { ifMatch: v1.etag })).rejects.toBeInstanceOf(
      PreconditionFailed,
    );
    expect(await store.get('im/none')).toBeNull();
  });

  it('only one of many concurrent If-Match writers on the same ETag wins', async () => {
    const base = await store.put('race/x', 'base');
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => store.put('race/x', `w${i}`, { ifMatch: base.etag })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(PreconditionFailed);
    }
  });

  it.each([
    ['small (one request)', 64 * 1024],
    ['multipart (over one part)', 11 * 1024 * 1024 + 17],
  ])('streams a %s file up and down with its SHA-256', async (_label, size) => {
    const src = join(scratch, `src-${size}`);
    const body = randomBytes(size);
    await writeFile(src, body);
    const want = createHash('sha256').update(body).digest('hex');
    const put = await store.putFile(`files/f-${size}`, src);
    expect(put.size).toBe(size);
    expect(put.sha256).toBe(want);
    const head = await store.head(`files/f-${size}`);
    expect(head?.size).toBe(size);
    // S3 keeps a whole-object SHA-256 for single-request uploads; multipart ones are composite.
    if (_name.startsWith('s3') && size < 5 * 1024 * 1024) expect(head?.sha256).toBe(want);
    if (head?.sha256 !== undefined) expect(head.sha256).toBe(want);
    const dest = join(scratch, 'down', `f-${size}`);
    const got = await store.getToFile(`files/f-${size}`, dest);
    expect(got).toEqual({ size, sha256: want });
    expect((await readFile(dest)).equals(body)).toBe(true);
  });

  it('lists by plain prefix in key order and deletes', async () => {
    await store.put('ls/1/a', 'a');
    await store.put('ls/10/b', 'b');
    await store.put('ls/2/c', 'c');
    await store.put('lsx', 'x');
    expect((await store.list('ls/')).map((o) => o.key)).toEqual(['ls/1/a', 'ls/10/b', 'ls/2/c']);
    expect((await store.list('ls/1')).map((o) => o.key)).toEqual(['ls/1/a', 'ls/10/b']);
    await store.delete('ls/10/b');
    expect((await store.list('ls/')).map((o) => o.key)).toEqual(['ls/1/a', 'ls/2/c']);
    await store.delete('ls/10/b'); // deleting an absent key is not an error
  });
});

// Over TLS the parts go unsigned (their CRC32 stands in); over HTTP they stay signed.
describe.each([
  ['HTTP', false],
  ['HTTPS', true],
])('S3 multipart uploads over %s', (_label, tls) => {
  let backend: Awaited<ReturnType<typeof s3Backend>>;
  let scratch: string;
  const trust = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  beforeAll(async () => {
    // moto's certificate is self-signed.
    if (tls) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    backend = await s3Backend({}, { tls });
    scratch = await tempDir('store-multipart-');
  });
  afterAll(async () => {
    await backend?.stop();
    if (trust === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = trust;
  });

  it('send a CRC32 with every part, which the server keeps as a composite checksum', async () => {
    const cfg = await backend.fresh();
    const store = openStore(cfg.registry, scratch, cfg.s3);
    const src = join(scratch, 'three-parts.bin');
    const body = randomBytes(11 * 1024 * 1024);
    await writeFile(src, body);
    try {
      await store.putFile('big.bin', src);
    } finally {
      await store.close();
    }
    const head = await backend.client.send(
      new HeadObjectCommand({
        Bucket: cfg.registry.split('/')[2],
        Key: 'registry/big.bin',
        ChecksumMode: 'ENABLED',
      }),
    );
    // The composite checksum: CRC32 over the parts' CRC32s (5 MiB parts in these tests).
    const part = 5 * 1024 * 1024;
    const crcs = Buffer.alloc(12);
    for (let i = 0; i < 3; i++)
      crcs.writeUInt32BE(crc32(body.subarray(i * part, (i + 1) * part)), i * 4);
    const composite = Buffer.alloc(4);
    composite.writeUInt32BE(crc32(crcs));
    expect(backend.moto.endpoint.startsWith(tls ? 'https:' : 'http:')).toBe(true);
    expect(head.ETag).toMatch(/-3"$/);
    // S3 appends the part count ("…==-3"); moto leaves it off.
    expect(head.ChecksumCRC32?.replace(/-3$/, '')).toBe(composite.toString('base64'));
    const reader = openStore(cfg.registry, scratch, cfg.s3);
    const back = await reader
      .getToFile('big.bin', join(scratch, 'back.bin'))
      .finally(() => reader.close());
    expect(back.sha256).toBe(createHash('sha256').update(body).digest('hex'));
  });
});
