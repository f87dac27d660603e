import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { LocalStore } from '../../src/registry/local-store.js';
import { LazyS3Store } from '../../src/registry/lazy-s3-store.js';
import { openStore } from '../../src/registry/store.js';
import { PreconditionFailed } from '../../src/registry/types.js';
import { tempDir } from './helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir('local-store-');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (so it cannot hold a lock any more). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

describe('local store locks for If-Match', () => {
  it.each([
    ['a crashed writer on this host (dead pid)', () => deadPid(), 60_000, true],
    ['a live writer', () => process.pid, 60_000, false],
    ['a live writer, but older than the stale limit', () => process.pid, 0, true],
  ])('a lock left by %s is broken: %s', async (_l, pid, staleLockMs, breaks) => {
    const store = new LocalStore(dir, { staleLockMs, lockWaitMs: 300 });
    const v1 = await store.put('m/aliases/p.json', 'one');
    await writeFile(
      join(dir, 'm/aliases/.p.json.lock'),
      JSON.stringify({ pid: pid(), host: hostname() }),
    );
    if (staleLockMs === 0) await new Promise((r) => setTimeout(r, 20));
    const write = store.put('m/aliases/p.json', 'two', { ifMatch: v1.etag });
    if (breaks) {
      await write;
      expect((await store.get('m/aliases/p.json'))?.body.toString()).toBe('two');
      expect(await readdir(join(dir, 'm/aliases'))).toEqual(['p.json']);
    } else {
      await expect(write).rejects.toThrow(/timed out waiting for lock/);
      expect((await store.get('m/aliases/p.json'))?.body.toString()).toBe('one');
    }
  });

  it('leaves no temp files behind after a failed condition, and list skips them anyway', async () => {
    const store = new LocalStore(dir);
    await store.put('k', 'a', { ifNoneMatch: '*' });
    await expect(store.put('k', 'b', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(
      PreconditionFailed,
    );
    await writeFile(join(dir, '.abandoned.tmp'), 'x');
    expect((await readdir(dir)).sort()).toEqual(['.abandoned.tmp', 'k']);
    expect((await store.list('')).map((o) => o.key)).toEqual(['k']);
  });

  it('rejects keys that would escape the root', async () => {
    const store = new LocalStore(dir);
    await expect(store.put('../x', 'a')).rejects.toThrow(/not a plain relative path/);
  });
});

describe('openStore', () => {
  it('resolves a relative registry against the repository root', () => {
    const store = openStore('.models', dir, undefined);
    expect(store).toBeInstanceOf(LocalStore);
    expect(store.uri('m/x.json')).toBe(join(dir, '.models', 'm/x.json'));
  });
  it('opens s3:// locations as S3 stores', async () => {
    const store = openStore('s3://models/team/reg/', dir, { region: 'eu-west-1' });
    expect(store).toBeInstanceOf(LazyS3Store);
    expect(store.uri('m/x.json')).toBe('s3://models/team/reg/m/x.json');
    await store.close();
  });
  it.each([
    ['gs://bucket/x', /publish\.registry: "gs:\/\/bucket\/x" is not supported/],
    ['s3://Bad_Bucket/x', /publish\.registry: .*valid bucket name/],
  ])('%s is a config error', (location, message) => {
    expect(() => openStore(location, dir, undefined)).toThrow(UserError);
    expect(() => openStore(location, dir, undefined)).toThrow(message);
  });
});
