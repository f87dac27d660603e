/** The gate's state across runs, on a local directory and on S3 (a real moto_server). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextNoDataState, type NoDataPolicy } from '../../src/gate/no-data.js';
import { readGateState, updateGateState } from '../../src/registry/gate-state.js';
import { openStore } from '../../src/registry/store.js';
import type { ObjectStore } from '../../src/registry/types.js';
import type { PublishConfig } from '../../src/registry/config.js';
import { backends, tempDir, type Backend } from './helpers.js';

const policy: NoDataPolicy = { escalateAfter: 3, severity: 'warn' };
const insufficient = (runId: string) => (prev: Parameters<typeof nextNoDataState>[0]) =>
  nextNoDataState(prev, { runId, at: new Date().toISOString(), severity: 'insufficient' }, policy);

describe.each(backends)('gate state on %s', (name, make) => {
  let backend: Backend;
  let cfg: PublishConfig;
  let scratch: string;
  const stores: ObjectStore[] = [];
  const open = (): ObjectStore => {
    const s = openStore(cfg.registry, scratch, cfg.s3);
    stores.push(s);
    return s;
  };

  beforeAll(async () => {
    backend = await make();
    scratch = await tempDir('gate-state-');
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await backend?.stop();
  });

  it('counts insufficient runs, once per run id, escalates at k and resets on data', async () => {
    cfg = await backend.fresh();
    const store = open();
    expect((await readGateState(store, 'reviews')).count).toBe(0);
    expect((await updateGateState(store, 'reviews', insufficient('r1'))).escalate).toBe(false);
    expect((await updateGateState(store, 'reviews', insufficient('r2'))).escalate).toBe(false);
    // A re-run of r2 (attempt 2) finds itself and adds nothing.
    expect((await updateGateState(store, 'reviews', insufficient('r2'))).state.count).toBe(2);
    const third = await updateGateState(store, 'reviews', insufficient('r3'));
    expect(third).toMatchObject({ escalate: true, state: { count: 3, sinceRun: 'r1' } });
    const stored = await readGateState(store, 'reviews');
    expect(stored).toMatchObject({ count: 3, sinceRun: 'r1', runs: ['r1', 'r2', 'r3'] });
    if (name === 'local') {
      const json = JSON.parse(
        await readFile(join(cfg.registry, 'reviews/state/gate.json'), 'utf8'),
      ) as { schema: number; noData: { count: number } };
      expect(json).toMatchObject({ schema: 1, noData: { count: 3 } });
    }
    await updateGateState(store, 'reviews', (prev) =>
      nextNoDataState(prev, { runId: 'r4', at: new Date().toISOString(), severity: 'ok' }, policy),
    );
    expect(await readGateState(store, 'reviews')).toMatchObject({ count: 0, since: null });
    // Another model's state is its own.
    expect((await readGateState(store, 'other')).count).toBe(0);
  });

  it('concurrent updates from separate clients lose none (If-Match / If-None-Match)', async () => {
    cfg = await backend.fresh();
    const writers = Array.from({ length: 6 }, () => open());
    // The first two race to create the object (If-None-Match), the rest to replace it (If-Match).
    const results = await Promise.all(
      writers.map((s, i) => updateGateState(s, 'reviews', insufficient(`run-${i}`))),
    );
    const state = await readGateState(open(), 'reviews');
    expect(state.count).toBe(6);
    expect([...state.runs].sort()).toEqual(writers.map((_, i) => `run-${i}`).sort());
    // Each writer saw a distinct count: every read-modify-write applied on top of the last.
    expect(results.map((r) => r.state.count).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.filter((r) => r.escalate)).toHaveLength(4);
  });

  it('a state file that is not a gate state is an error saying what to do', async () => {
    cfg = await backend.fresh();
    const store = open();
    await store.put('reviews/state/gate.json', '{"noData": {"count": -1}}');
    await expect(readGateState(store, 'reviews')).rejects.toThrow(/not a gate state: delete it/);
  });
});
