import { afterEach, describe, expect, it } from 'vitest';
import { claim } from '../../../src/registry/claims.js';
import type { RegistryCore } from '../../../src/registry/core.js';
import { claimKey, runKeyIndexKey } from '../../../src/registry/keys.js';
import type { ClaimRecord } from '../../../src/registry/types.js';
import { localCore, seedVersion } from './setup.js';

const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();
const claimOf = (
  version: number,
  runKey: string,
  over: Partial<ClaimRecord> = {},
): ClaimRecord => ({
  model: 'm',
  version,
  runKey,
  claimedAt: ago(1000),
  ...over,
});
const elsewhere = { runAttempt: 1, nonce: 'n', pid: 1, host: 'another-host' };

async function putClaim(core: RegistryCore, rec: ClaimRecord, indexed = false): Promise<void> {
  await core.store.put(claimKey('m', rec.version), JSON.stringify(rec));
  if (indexed) {
    await core.store.put(runKeyIndexKey('m', rec.runKey), JSON.stringify({ version: rec.version }));
  }
}

const cases: {
  name: string;
  seed: (core: RegistryCore) => Promise<void>;
  want:
    | { version: number; resumed: boolean; manifest: boolean; lease: boolean; fence?: number }
    | RegExp;
}[] = [
  {
    name: 'an empty registry: version 1',
    seed: async () => undefined,
    want: { version: 1, resumed: false, manifest: false, lease: true, fence: 1 },
  },
  {
    name: 'versions of other runs: the next number',
    seed: async (c) => {
      await seedVersion(c, 1, { 'model/a': 'x' });
      await seedVersion(c, 2, { 'model/a': 'y' });
    },
    want: { version: 3, resumed: false, manifest: false, lease: true },
  },
  {
    name: 'a crashed claim of another run keeps its number',
    seed: (c) => putClaim(c, claimOf(1, 'other')),
    want: { version: 2, resumed: false, manifest: false, lease: true },
  },
  {
    name: "this run's published version: resumed, nothing to write",
    seed: async (c) => {
      await seedVersion(c, 1, { 'model/a': 'x' }, { runKey: 'mine' });
      await putClaim(c, claimOf(1, 'mine'), true);
    },
    want: { version: 1, resumed: true, manifest: true, lease: false },
  },
  {
    name: "this run's claim whose writer stopped renewing it: taken over",
    seed: (c) =>
      putClaim(c, claimOf(1, 'mine', { owner: elsewhere, heartbeatAt: ago(120_000) }), true),
    want: { version: 1, resumed: true, manifest: false, lease: true, fence: 2 },
  },
  {
    name: 'a claim taken over twice before: the next fence token',
    seed: (c) =>
      putClaim(
        c,
        claimOf(1, 'mine', { owner: elsewhere, heartbeatAt: ago(120_000), fence: 3 }),
        true,
      ),
    want: { version: 1, resumed: true, manifest: false, lease: true, fence: 4 },
  },
  {
    name: "this run's claim from before owners were recorded: taken over",
    seed: (c) => putClaim(c, claimOf(1, 'mine')),
    want: { version: 1, resumed: true, manifest: false, lease: true, fence: 2 },
  },
  {
    name: "this run's claim renewed just now by a writer on another host: left alone",
    seed: (c) => putClaim(c, claimOf(1, 'mine', { owner: elsewhere, heartbeatAt: ago(0) }), true),
    want: /being written by another attempt of this run .*leaves it alone/,
  },
];

describe('version claims', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((f) => f()));
  });

  it.each(cases)('$name', async ({ seed, want }) => {
    const { core, done } = await localCore({ waitForOtherAttemptMs: 200 });
    cleanup.push(done);
    await seed(core);
    if (want instanceof RegExp) {
      await expect(claim(core, 'mine')).rejects.toThrow(want);
      return;
    }
    const got = await claim(core, 'mine');
    got.lease?.stop();
    expect({
      version: got.version,
      resumed: got.resumed,
      manifest: got.manifest !== null,
      lease: got.lease !== null,
      ...('fence' in want ? { fence: got.lease?.fence } : {}),
    }).toEqual(want);
    if (got.lease) {
      // The claim now names this attempt and its fence token.
      const rec = JSON.parse((await core.store.get(claimKey('m', got.version)))!.body.toString());
      expect(rec.runKey).toBe('mine');
      expect(rec.owner.pid).toBe(process.pid);
      expect(rec.fence).toBe(got.lease.fence);
    }
  });
});
