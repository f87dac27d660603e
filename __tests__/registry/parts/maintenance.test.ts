import { afterEach, describe, expect, it } from 'vitest';
import type { RegistryCore } from '../../../src/registry/core.js';
import { claimKey, filesPrefix, manifestKey } from '../../../src/registry/keys.js';
import { cleanupOrphans, verify } from '../../../src/registry/maintenance.js';
import { localCore, seedVersion } from './setup.js';

const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

async function orphan(core: RegistryCore, version: number, lastSeenMsAgo: number): Promise<void> {
  await core.store.put(
    claimKey('m', version),
    JSON.stringify({ model: 'm', version, runKey: `r${version}`, claimedAt: ago(lastSeenMsAgo) }),
  );
  await core.store.put(filesPrefix('m', version) + 'model/part', 'half');
}

describe('maintenance', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((f) => f()));
  });

  it.each([
    {
      name: 'a crashed claim past the grace time is removed',
      age: 120_000,
      dryRun: false,
      listed: [2],
      left: false,
    },
    { name: 'dry run lists it and leaves it', age: 120_000, dryRun: true, listed: [2], left: true },
    {
      name: 'a claim within the grace time is a slow writer',
      age: 1_000,
      dryRun: false,
      listed: [],
      left: true,
    },
  ])('cleanupOrphans: $name', async ({ age, dryRun, listed, left }) => {
    const { core, done } = await localCore();
    cleanup.push(done);
    await seedVersion(core, 1, { 'model/a': 'one' });
    await orphan(core, 2, age);
    const got = await cleanupOrphans(core, { graceMs: 60_000, dryRun });
    expect(got.map((o) => o.version)).toEqual(listed);
    expect((await core.store.head(claimKey('m', 2))) !== null).toBe(left);
    // A published version is never touched.
    expect(await core.store.head(manifestKey('m', 1))).not.toBeNull();
  });

  it.each([
    { name: 'intact', damage: null, ok: true },
    { name: 'a file rewritten', damage: 'ONE', ok: false },
  ])('verify: $name', async ({ damage, ok }) => {
    const { core, done } = await localCore();
    cleanup.push(done);
    await seedVersion(core, 1, { 'model/a': 'one', 'extra/m.json': '{}' });
    if (damage) await core.store.put(filesPrefix('m', 1) + 'model/a', damage);
    const report = await verify(core, 1);
    expect(report).toMatchObject({ version: 1, ok, files: 2, bytes: 5 });
    expect(report.problems).toHaveLength(ok ? 0 : 1);
  });
});
