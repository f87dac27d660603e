/** The history of label-free estimates, on a local directory and on S3 (a real moto_server). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addEstimates,
  reconcile,
  type EstimateRecord,
} from '../../src/performance/estimate/record.js';
import type { PublishConfig } from '../../src/registry/config.js';
import { readEstimateRecords, updateEstimateRecords } from '../../src/registry/estimate-state.js';
import { openStore } from '../../src/registry/store.js';
import type { ObjectStore } from '../../src/registry/types.js';
import { backends, tempDir, type Backend } from './helpers.js';

const rec = (d: number): EstimateRecord => ({
  start: new Date(Date.UTC(2026, 10, d)).toISOString(),
  end: new Date(Date.UTC(2026, 10, d + 1)).toISOString(),
  metric: 'accuracy',
  value: 0.8,
  interval: [0.78, 0.82],
  level: 0.95,
  reliable: true,
  n: 1000,
  runId: `run-${d}`,
  recordedAt: new Date(Date.UTC(2026, 10, d + 1)).toISOString(),
});

describe.each(backends)('estimate history on %s', (_name, make) => {
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
    scratch = await tempDir('estimate-state-');
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await backend?.stop();
  });

  it('stores each window once, then its realized value', async () => {
    cfg = await backend.fresh();
    const store = open();
    expect(await readEstimateRecords(store, 'churn')).toEqual([]);
    await updateEstimateRecords(store, 'churn', (prev) => addEstimates(prev, [rec(1)]));
    // A re-run of the same run adds nothing.
    const again = await updateEstimateRecords(store, 'churn', (prev) =>
      addEstimates(prev, [rec(1)]),
    );
    expect(again.changed).toBe(false);
    await updateEstimateRecords(store, 'churn', (prev) =>
      reconcile(prev, () => ({ value: 0.7, labelled: 950, coverage: 0.95, at: 'now' })),
    );
    const stored = await readEstimateRecords(store, 'churn');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.realized).toMatchObject({ value: 0.7, side: 'below' });
    expect(await readEstimateRecords(store, 'other')).toEqual([]);
  });

  it('concurrent runs from separate clients lose no window', async () => {
    cfg = await backend.fresh();
    const writers = Array.from({ length: 6 }, () => open());
    await Promise.all(
      writers.map((s, i) =>
        updateEstimateRecords(s, 'churn', (prev) => addEstimates(prev, [rec(i + 1)])),
      ),
    );
    const stored = await readEstimateRecords(open(), 'churn');
    expect(stored.map((r) => r.runId).sort()).toEqual(writers.map((_, i) => `run-${i + 1}`).sort());
  });

  it('a file that is not an estimate history is an error saying what to do', async () => {
    cfg = await backend.fresh();
    const store = open();
    await store.put('churn/state/estimates.json', '{"records": [{"start": 1}]}');
    await expect(readEstimateRecords(store, 'churn')).rejects.toThrow(
      /not an estimate history: delete it/,
    );
  });
});
