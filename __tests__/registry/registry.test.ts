import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { PublishConfig } from '../../src/registry/config.js';
import { cleanupOrphans, openRegistry, verifyVersion } from '../../src/registry/index.js';
import { claimKey, filesPrefix, manifestKey, runKeyIndexKey } from '../../src/registry/keys.js';
import type { StoreRegistry } from '../../src/registry/registry.js';
import type { AliasRecord } from '../../src/registry/types.js';
import {
  modelFolder,
  publishInput,
  tempDir,
  testContext,
  type Backend,
  backends,
} from './helpers.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

describe.each(backends)('registry on %s', (_name, make) => {
  let backend: Backend;
  let config: PublishConfig;
  let root: string;
  const open: StoreRegistry[] = [];
  const registry = (runId = 'run-1'): StoreRegistry => {
    const r = openRegistry(config, 'churn', testContext(root, runId));
    open.push(r);
    return r;
  };

  beforeAll(async () => {
    backend = await make();
  });
  afterAll(async () => {
    await backend?.stop();
  });
  beforeEach(async () => {
    config = await backend.fresh();
    root = await tempDir('registry-root-');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
    await rm(root, { recursive: true, force: true });
  });

  async function model(name: string, files: Record<string, string>): Promise<string> {
    return modelFolder(join(root, name), files);
  }

  it('publishes a version with a manifest, moves the alias, and serves it as champion', async () => {
    const reg = registry();
    expect(await reg.champion('production')).toBeNull();
    const dir = await model('m1', { 'model.onnx': 'weights-1', 'sub/vocab.txt': 'a b c' });
    const extra = join(root, 'metrics.json');
    await modelFolder(root, { 'metrics.json': '{"challenger":{"auc":0.9}}' });
    const pub = await reg.publish(
      publishInput(dir, 'run-1/1', { extraFiles: [{ path: extra, name: 'metrics.json' }] }),
    );
    expect(pub).toMatchObject({
      version: 1,
      alias: 'production',
      aliasMoved: true,
      previousVersion: null,
      resumed: false,
    });
    const champ = await reg.champion('production');
    expect(champ?.version).toBe(1);
    expect(champ?.metrics).toEqual({ auc: 0.9 });
    expect(champ?.manifest.lineage).toEqual({ repo: 'acme/churn', trigger: { kind: 'schedule' } });
    expect(champ?.manifest.files).toEqual([
      { path: 'model/model.onnx', size: 9, sha256: sha('weights-1') },
      { path: 'model/sub/vocab.txt', size: 5, sha256: sha('a b c') },
      { path: 'extra/metrics.json', size: 26, sha256: sha('{"challenger":{"auc":0.9}}') },
    ]);
    const down = join(root, 'down');
    await reg.download(1, down);
    expect(await readFile(join(down, 'model.onnx'), 'utf8')).toBe('weights-1');
    expect(await readFile(join(down, 'sub/vocab.txt'), 'utf8')).toBe('a b c');
    expect((await readdir(down)).sort()).toEqual(['model.onnx', 'sub']);
    expect(await verifyVersion(reg, 1)).toMatchObject({ ok: true, files: 3, problems: [] });
    const hist = await reg.history();
    expect(hist.map((h) => [h.action, h.version, h.previousVersion])).toEqual([
      ['promote', 1, null],
    ]);
    expect(hist[0]?.trigger).toBe('schedule');
  });

  it('numbers versions in order, and a shadow publish leaves the alias alone', async () => {
    const reg = registry();
    await reg.publish(publishInput(await model('a', { m: '1' }), 'r1'));
    const shadow = await reg.publish(
      publishInput(await model('b', { m: '2' }), 'r2', { moveAlias: false }),
    );
    expect(shadow).toMatchObject({ version: 2, aliasMoved: false, alias: null });
    expect((await reg.champion('production'))?.version).toBe(1);
    const third = await reg.publish(publishInput(await model('c', { m: '3' }), 'r3'));
    expect(third).toMatchObject({ version: 3, previousVersion: 1, aliasMoved: true });
    expect((await reg.history()).map((h) => `${h.action}:${h.version}`)).toEqual([
      'promote:1',
      'publish:2',
      'promote:3',
    ]);
  });

  it('a re-run with the same run key returns its version instead of making a second one', async () => {
    const dir = await model('m', { 'model.bin': 'x' });
    const first = await registry().publish(publishInput(dir, 'run-7/1'));
    const again = await registry().publish(publishInput(dir, 'run-7/1'));
    expect(again).toMatchObject({ version: first.version, resumed: true, aliasMoved: true });
    expect((await registry().history()).filter((h) => h.action !== 'rollback')).toHaveLength(1);
  });

  it('a re-run resumes its own unfinished claim; crashed claims of other runs are skipped', async () => {
    const reg = registry();
    // A crashed publisher of another run holds version 1 (claim, one file, no manifest).
    await reg.store.put(
      claimKey('churn', 1),
      JSON.stringify({
        model: 'churn',
        version: 1,
        runKey: 'crashed',
        claimedAt: '2020-01-01T00:00:00Z',
      }),
      { ifNoneMatch: '*' },
    );
    await reg.store.put(`${filesPrefix('churn', 1)}model/partial`, 'half');
    // This run crashed after claiming version 2.
    await reg.store.put(
      claimKey('churn', 2),
      JSON.stringify({
        model: 'churn',
        version: 2,
        runKey: 'mine',
        claimedAt: new Date().toISOString(),
      }),
      { ifNoneMatch: '*' },
    );
    expect(await reg.champion('production')).toBeNull();
    const pub = await reg.publish(publishInput(await model('m', { 'model.bin': 'y' }), 'mine'));
    expect(pub).toMatchObject({ version: 2, resumed: true, aliasMoved: true });
    const next = await reg.publish(publishInput(await model('n', { 'model.bin': 'z' }), 'other'));
    expect(next.version).toBe(3);
    expect((await reg.history()).map((h) => h.version)).toEqual([2, 3]);

    // Cleanup removes only the crashed claim older than the grace period.
    expect(await cleanupOrphans(reg, { graceMs: 3_600_000, dryRun: true })).toMatchObject([
      { version: 1, runKey: 'crashed' },
    ]);
    await cleanupOrphans(reg, { graceMs: 3_600_000 });
    expect(await reg.store.list('churn/versions/1/')).toEqual([]);
    expect(await reg.store.head(manifestKey('churn', 2))).not.toBeNull();
    expect(await cleanupOrphans(reg, { graceMs: 0 })).toEqual([]);
  });

  it('four concurrent publishers get distinct versions and no alias update is lost', async () => {
    const dirs = await Promise.all([0, 1, 2, 3].map((i) => model(`c${i}`, { w: `w${i}` })));
    const pubs = await Promise.all(
      dirs.map((d, i) => registry(`run-${i}`).publish(publishInput(d, `run-${i}/1`))),
    );
    expect(pubs.map((p) => p.version).sort()).toEqual([1, 2, 3, 4]);
    // Every move replaced exactly the version the alias held just before: a single chain.
    const hist = (await registry().history()).filter((h) => h.action === 'promote');
    expect(hist).toHaveLength(4);
    const replaced = hist.map((h) => h.previousVersion);
    expect(replaced.filter((v) => v === null)).toHaveLength(1);
    expect(new Set(replaced).size).toBe(4);
    const final = await registry().champion('production');
    const chainEnd = pubs.map((p) => p.version).find((v) => !replaced.includes(v));
    expect(final?.version).toBe(chainEnd);
    // And each published version is complete and verifies.
    for (const p of pubs) expect((await verifyVersion(registry(), p.version)).ok).toBe(true);
  });

  it('rolls back to the previous version, then further back, then to a named one', async () => {
    const reg = registry();
    for (const i of [1, 2, 3])
      await reg.publish(publishInput(await model(`v${i}`, { m: `${i}` }), `r${i}`));
    const back = await reg.rollback(undefined, { runId: 'rb', reason: 'bad latency' });
    expect(back).toMatchObject({ version: 2, previousVersion: 3, aliasMoved: true });
    expect((await reg.rollback(undefined, { runId: 'rb2' })).version).toBe(1);
    expect((await reg.champion('production'))?.version).toBe(1);
    expect((await reg.rollback(3, { runId: 'rb3' })).version).toBe(3);
    const alias = await reg.store.get('churn/aliases/production.json');
    expect((JSON.parse(alias!.body.toString()) as AliasRecord).previousVersion).toBe(1);
    const hist = await reg.history();
    expect(hist.map((h) => `${h.action}:${h.version}`)).toEqual([
      'promote:1',
      'promote:2',
      'promote:3',
      'rollback:2',
      'rollback:1',
      'rollback:3',
    ]);
    expect(hist[3]?.reason).toBe('bad latency');
  });

  it('refuses a rollback to a version without a manifest or when there is nothing to go back to', async () => {
    const reg = registry();
    await expect(reg.rollback(undefined, { runId: 'x' })).rejects.toThrow(/nothing to roll back/);
    await reg.publish(publishInput(await model('v1', { m: '1' }), 'r1'));
    await expect(reg.rollback(undefined, { runId: 'x' })).rejects.toThrow(/no previous version/);
    await expect(reg.rollback(9, { runId: 'x' })).rejects.toBeInstanceOf(UserError);
    expect((await reg.champion('production'))?.version).toBe(1);
  });

  it('download detects a file that changed in the store', async () => {
    const reg = registry();
    await reg.publish(publishInput(await model('v1', { 'model.bin': 'good' }), 'r1'));
    await reg.store.put(`${filesPrefix('churn', 1)}model/model.bin`, 'evil');
    await expect(reg.download(1, join(root, 'd'))).rejects.toThrow(/checksum mismatch/);
    const report = await verifyVersion(reg, 1);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/model\.bin/);
  });

  it('rejects an empty model folder with a message naming the fix, publishing nothing', async () => {
    const reg = registry();
    const empty = await model('empty', {});
    await expect(reg.publish(publishInput(join(root, 'nope'), 'r'))).rejects.toThrow(
      /does not exist: the notebook must write its model files under output_dir\/model/,
    );
    await expect(reg.publish(publishInput(empty, 'r'))).rejects.toBeInstanceOf(UserError);
    expect(await reg.store.list('churn/')).toEqual([]);
  });

  it('a cancelled workflow stops between steps; nothing half-visible, and a re-run finishes', async () => {
    const dir = await model('m', { 'a.bin': 'a', 'b.bin': 'b' });
    const ac = new AbortController();
    const cancelled = openRegistry(
      config,
      'churn',
      { ...testContext(root), signal: ac.signal },
      { onStep: (step) => step === 'file:0' && ac.abort() },
    );
    open.push(cancelled);
    await expect(cancelled.publish(publishInput(dir, 'run-c'))).rejects.toThrow(/abort/i);
    expect(await registry().champion('production')).toBeNull();
    expect(await registry().history()).toEqual([]);
    expect(await registry().publish(publishInput(dir, 'run-c'))).toMatchObject({
      version: 1,
      resumed: true,
    });
  });

  it('a run index left pointing at a removed claim is replaced, not trusted', async () => {
    const reg = registry();
    await reg.store.put(runKeyIndexKey('churn', 'run-s'), JSON.stringify({ version: 5 }));
    const pub = await reg.publish(publishInput(await model('m', { w: '1' }), 'run-s'));
    expect(pub).toMatchObject({ version: 1, resumed: false });
    const again = await reg.publish(publishInput(await model('m', { w: '1' }), 'run-s'));
    expect(again).toMatchObject({ version: 1, resumed: true });
  });
});
