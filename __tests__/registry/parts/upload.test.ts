import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claim } from '../../../src/registry/claims.js';
import { manifestKey } from '../../../src/registry/keys.js';
import { CompletedByOther, sources, upload } from '../../../src/registry/upload.js';
import { modelFolder, publishInput } from '../helpers.js';
import { localCore, seedVersion } from './setup.js';

describe('writing a version', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((f) => f()));
  });

  it.each([
    {
      name: 'model files, then extras',
      make: 'plain',
      want: ['model/a.bin', 'model/sub/b.txt', 'extra/metrics.json'],
    },
    {
      name: 'hidden files are left out',
      make: 'hidden',
      want: ['model/a.bin', 'extra/metrics.json'],
    },
    {
      name: 'a missing model folder',
      make: 'missing',
      want: /does not exist: the notebook must write/,
    },
    { name: 'an empty model folder', make: 'empty', want: /has no files/ },
    {
      name: 'two extras of one name',
      make: 'twice',
      want: /two extra files are both named "metrics.json"/,
    },
    { name: 'an extra that is a symlink', make: 'link', want: /is a symlink; only regular files/ },
  ])('sources: $name', async ({ make, want }) => {
    const { core, root, done } = await localCore();
    cleanup.push(done);
    const dir = join(root, 'model');
    const extra = join(root, 'metrics.json');
    await writeFile(extra, '{}');
    if (make === 'plain' || make === 'twice' || make === 'link') {
      await modelFolder(dir, { 'a.bin': 'a', 'sub/b.txt': 'b' });
    }
    if (make === 'hidden') await modelFolder(dir, { 'a.bin': 'a', '.cache': 'c' });
    if (make === 'empty') await mkdir(dir);
    if (make === 'link') await symlink(extra, join(root, 'linked.json'));
    const extras = [
      { path: make === 'link' ? join(root, 'linked.json') : extra, name: 'metrics.json' },
    ];
    if (make === 'twice') extras.push({ path: extra, name: 'metrics.json' });
    const got = sources(core, publishInput(dir, 'r', { extraFiles: extras }));
    if (want instanceof RegExp) await expect(got).rejects.toThrow(want);
    else expect((await got).map((s) => s.path)).toEqual(want);
  });

  it.each([
    { name: 'no manifest yet: files, then the manifest', before: false, want: 'manifest' },
    { name: 'a manifest appeared from another writer', before: true, want: 'completed by other' },
  ])('upload: $name', async ({ before, want }) => {
    const steps: string[] = [];
    const { core, root, done } = await localCore({ onStep: (s) => steps.push(s) });
    cleanup.push(done);
    const dir = await modelFolder(join(root, 'model'), { 'a.bin': 'weights' });
    const input = publishInput(dir, 'r');
    const claimed = await claim(core, 'r');
    try {
      if (before)
        await seedVersion(core, claimed.version, { 'model/a.bin': 'other' }, { fence: 2 }, false);
      const writing = upload(
        core,
        claimed.version,
        input,
        await sources(core, input),
        claimed.lease!,
      );
      if (want === 'completed by other') {
        await expect(writing).rejects.toBeInstanceOf(CompletedByOther);
        return;
      }
      const manifest = await writing;
      expect(manifest.files).toEqual([
        { path: 'model/a.bin', size: 7, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ]);
      expect(manifest.promotion).toEqual({ alias: 'production' });
      expect(manifest.fence).toBe(1);
      expect(await core.store.head('m/versions/1/files/model/a.bin')).not.toBeNull();
      expect(await core.store.head(manifestKey('m', claimed.version))).not.toBeNull();
      expect(steps).toEqual(['file:0', 'manifest']);
    } finally {
      claimed.lease?.stop();
    }
  });
});
