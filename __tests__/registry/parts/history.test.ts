import { afterEach, describe, expect, it } from 'vitest';
import { appendHistory, hasHistory, history } from '../../../src/registry/history.js';
import { localCore } from './setup.js';

type Entry = Parameters<typeof appendHistory>[1];
const entry = (over: Partial<Entry>): Entry => ({
  action: 'publish',
  version: 1,
  previousVersion: null,
  alias: null,
  run: 'run-1/1',
  ...over,
});

describe('history', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((f) => f()));
  });

  it.each([
    { name: 'one entry', writes: [entry({})], count: 1 },
    {
      name: 'the same entry written twice (a retry) stays one',
      writes: [entry({}), entry({})],
      count: 1,
    },
    {
      name: 'publish and promote of one version are two',
      writes: [entry({}), entry({ action: 'promote', alias: 'production' })],
      count: 2,
    },
    {
      name: 'two runs publishing one version are two',
      writes: [entry({}), entry({ run: 'run-2/1' })],
      count: 2,
    },
  ])('$name', async ({ writes, count }) => {
    const { core, done } = await localCore();
    cleanup.push(done);
    for (const w of writes) await appendHistory(core, w);
    expect(await history(core)).toHaveLength(count);
  });

  it.each([
    { version: 1, actions: ['publish'], want: true },
    { version: 1, actions: ['promote', 'rollback'], want: false },
    { version: 2, actions: ['publish'], want: false },
  ])('hasHistory(version $version, $actions) → $want', async ({ version, actions, want }) => {
    const { core, done } = await localCore();
    cleanup.push(done);
    await appendHistory(core, entry({}));
    expect(await hasHistory(core, version, actions)).toBe(want);
  });

  it('reads entries back oldest first, with the trigger and its dedupe key', async () => {
    const { core, done } = await localCore();
    cleanup.push(done);
    let t = Date.parse('2026-01-02T00:00:00Z');
    core.ctx.now = () => new Date((t -= 60_000));
    const lineage = { trigger: { kind: 'webhook', dedupeKey: 'mon-1' } };
    for (const v of [1, 2, 3]) await appendHistory(core, entry({ version: v, lineage }));
    const got = await history(core);
    expect(got.map((e) => e.version)).toEqual([3, 2, 1]);
    expect(got[0]).toMatchObject({ trigger: 'webhook', dedupeKey: 'mon-1', runId: 'run-1' });
  });
});
