import { afterEach, describe, expect, it } from 'vitest';
import { moveAlias, promote, rollback } from '../../../src/registry/aliases.js';
import type { RegistryCore } from '../../../src/registry/core.js';
import { appendHistory } from '../../../src/registry/history.js';
import { aliasKey } from '../../../src/registry/keys.js';
import type { AliasRecord } from '../../../src/registry/types.js';
import { localCore, seedVersion } from './setup.js';

async function setAlias(core: RegistryCore, version: number, previous: number | null = null) {
  const rec: AliasRecord = {
    model: 'm',
    alias: 'production',
    version,
    manifest: '',
    updatedAt: new Date().toISOString(),
    previousVersion: previous,
  };
  return (await core.store.put(aliasKey('m', 'production'), JSON.stringify(rec))).etag;
}
const served = async (core: RegistryCore): Promise<number | null> => {
  const got = await core.store.get(aliasKey('m', 'production'));
  return got ? (JSON.parse(got.body.toString()) as AliasRecord).version : null;
};

describe('alias and promotion', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((f) => f()));
  });

  it.each([
    {
      name: 'cold start, still no alias: moves',
      alias: null,
      from: null,
      etag: 'read',
      want: { moved: true, already: false, previous: null },
      serves: 3,
    },
    {
      name: 'cold start, but another run promoted: superseded',
      alias: 2,
      from: null,
      etag: 'read',
      want: { moved: false, already: false, previous: 2 },
      serves: 2,
    },
    {
      name: 'still serves the validated version: moves',
      alias: 2,
      from: 2,
      etag: 'read',
      want: { moved: true, already: false, previous: 2 },
      serves: 3,
    },
    {
      name: 'same version, rewritten since it was read: superseded',
      alias: 2,
      from: 2,
      etag: 'stale',
      want: { moved: false, already: false, previous: 2 },
      serves: 2,
    },
    {
      name: 'the etag unknown: the version alone is compared',
      alias: 2,
      from: 2,
      etag: null,
      want: { moved: true, already: false, previous: 2 },
      serves: 3,
    },
    {
      name: 'already serves this version (a resumed run)',
      alias: 3,
      from: 2,
      etag: null,
      want: { moved: false, already: true, previous: null },
      serves: 3,
    },
  ])('promote: $name', async ({ alias, from, etag, want, serves }) => {
    const { core, done } = await localCore();
    cleanup.push(done);
    const read = alias === null ? null : await setAlias(core, alias);
    const got = await promote(core, 'production', 3, {
      version: from,
      etag: etag === 'read' ? read : etag === 'stale' ? '"stale"' : null,
    });
    expect(got).toEqual(want);
    expect(await served(core)).toBe(serves);
  });

  it.each([
    {
      name: 'wanted: moves',
      want: true,
      result: { moved: true, already: false, previous: 1 },
      serves: 2,
    },
    {
      name: 'declined after seeing the current one',
      want: false,
      result: { moved: false, already: false, previous: 1 },
      serves: 1,
    },
  ])('moveAlias: $name', async ({ want, result, serves }) => {
    const { core, done } = await localCore();
    cleanup.push(done);
    await setAlias(core, 1);
    expect(await moveAlias(core, 'production', 2, () => want)).toEqual(result);
    expect(await served(core)).toBe(serves);
  });

  it.each([
    { name: 'no alias', alias: null, to: undefined, want: /does not exist .*nothing to roll back/ },
    {
      name: 'no previous version',
      alias: [1, null],
      to: undefined,
      want: /no previous version to roll back to/,
    },
    { name: 'back to the previous version', alias: [2, 1], to: undefined, want: 1 },
    { name: 'to a named version', alias: [2, 1], to: 1, want: 1 },
    {
      name: 'to a version that does not exist',
      alias: [2, 1],
      to: 7,
      want: /version 7 of model m does not exist/,
    },
  ])('rollback: $name', async ({ alias, to, want }) => {
    const { core, done } = await localCore();
    cleanup.push(done);
    await seedVersion(core, 1, { 'model/a': 'one' });
    await seedVersion(core, 2, { 'model/a': 'two' });
    if (alias) await setAlias(core, alias[0] as number, alias[1] ?? null);
    const going = rollback(core, to, { runId: 'op-1', reason: 'bad' });
    if (want instanceof RegExp) {
      await expect(going).rejects.toThrow(want);
      return;
    }
    expect(await going).toMatchObject({ version: want, aliasMoved: true, previousVersion: 2 });
    expect(await served(core)).toBe(want);
  });

  it('rollback walks the promotion history back, not to and fro', async () => {
    const { core, done } = await localCore();
    cleanup.push(done);
    for (const v of [1, 2, 3]) {
      await seedVersion(core, v, { 'model/a': String(v) });
      await appendHistory(core, {
        action: 'promote',
        version: v,
        previousVersion: v - 1 || null,
        alias: 'production',
        run: `r${v}`,
      });
    }
    await setAlias(core, 3, 2);
    expect((await rollback(core, undefined, { runId: 'op-1' })).version).toBe(2);
    expect((await rollback(core, undefined, { runId: 'op-2' })).version).toBe(1);
  });
});
