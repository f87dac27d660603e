import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegistryCore } from '../../../src/registry/core.js';
import { checkFilesPresent, fetchFiles, verifyStored } from '../../../src/registry/files.js';
import { sha256Hex } from '../../../src/registry/hashing.js';
import { filesPrefix } from '../../../src/registry/keys.js';
import { localCore, seedVersion } from './setup.js';

const damage: Record<string, (c: RegistryCore, key: string) => Promise<void>> = {
  intact: async () => undefined,
  'same size, other bytes': async (c, key) => void (await c.store.put(key, 'WEIGHTS')),
  truncated: async (c, key) => void (await c.store.put(key, 'wei')),
  missing: (c, key) => c.store.delete(key),
};

describe('files of a version', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((f) => f()));
  });

  it.each([
    { damage: 'intact', fetch: null, present: null },
    { damage: 'same size, other bytes', fetch: /checksum mismatch/, present: null },
    {
      damage: 'truncated',
      fetch: /checksum mismatch/,
      present: /is incomplete: .* 3 bytes, manifest says 7/,
    },
    { damage: 'missing', fetch: /not found/, present: /is incomplete: .* missing/ },
  ])('$damage: fetch against the manifest $fetch, presence check $present', async (row) => {
    const { core, root, done } = await localCore();
    cleanup.push(done);
    const manifest = await seedVersion(core, 1, { 'model/w.bin': 'weights' });
    const key = filesPrefix('m', 1) + 'model/w.bin';
    await damage[row.damage]!(core, key);
    const fetching = fetchFiles(core, manifest, manifest.files, () => join(root, 'out', 'w.bin'));
    if (row.fetch) await expect(fetching).rejects.toThrow(row.fetch);
    else {
      await fetching;
      expect(await readFile(join(root, 'out', 'w.bin'), 'utf8')).toBe('weights');
    }
    const present = checkFilesPresent(core, manifest);
    if (row.present) await expect(present).rejects.toThrow(row.present);
    else await present;
  });

  it.each([
    { sent: { size: 7, sha256: sha256Hex('weights') }, error: null },
    { sent: { size: 8, sha256: sha256Hex('weights') }, error: /did not verify: sent 8 bytes/ },
    { sent: { size: 7, sha256: sha256Hex('other') }, error: null }, // a local store keeps no digest: size only
  ])('verifyStored of what was sent $sent.size bytes → $error', async ({ sent, error }) => {
    const { core, done } = await localCore();
    cleanup.push(done);
    await core.store.put('m/x', 'weights');
    const checking = verifyStored(core, 'm/x', sent.size, sent.sha256);
    if (error) await expect(checking).rejects.toThrow(error);
    else await checking;
  });
});
