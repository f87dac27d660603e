import { spawn, spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistry } from '../../src/registry/index.js';
import { scanVersions, versionsPrefix } from '../../src/registry/keys.js';
import type { PublishConfig } from '../../src/registry/config.js';
import type { Publication } from '../../src/registry/types.js';
import { repoRoot } from '../support/python.js';
import {
  modelFolder,
  publishInput,
  tempDir,
  testContext,
  type Backend,
  backends,
} from './helpers.js';

/** The child runs as plain JS: compile it (types stripped, not checked) once. */
const outDir = join(repoRoot, '.tmp', `registry-crash-${process.pid}`);
const childJs = join(outDir, '__tests__', 'registry', 'crash-child.js');

beforeAll(() => {
  const r = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
      '--noCheck',
      '--skipLibCheck',
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
      '--target',
      'ES2022',
      '--types',
      'node',
      '--rootDir',
      repoRoot,
      '--outDir',
      outDir,
      join(repoRoot, '__tests__', 'registry', 'crash-child.ts'),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`tsc failed: ${r.stdout}${r.stderr}`);
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

function runChild(
  config: PublishConfig,
  env: Record<string, string>,
  extra: Record<string, string>,
): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childJs], {
      env: { ...process.env, ...env, PUBLISH_CONFIG: JSON.stringify(config), ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

const steps = ['claim', 'file:0', 'file:1', 'file:2', 'manifest', 'alias', 'history'];

describe.each(backends)('a publisher killed mid-way on %s', (_name, make) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await make();
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it.each(steps)(
    'after %s leaves the invariants intact, and a re-run completes it',
    async (step) => {
      const config = await backend.fresh();
      const root = await tempDir('crash-');
      const registry = openRegistry(config, 'churn', testContext(root));
      try {
        const base = await modelFolder(join(root, 'base'), { 'model.bin': 'v1' });
        await registry.publish(publishInput(base, 'base-run'));
        // Three files, one of them over a 5 MiB part: the S3 path goes multipart.
        const dir = await modelFolder(join(root, 'next'), {
          'a.txt': 'a',
          'big.bin': Buffer.alloc(6 * 1024 * 1024, 7).toString('latin1'),
          'z.txt': 'z',
        });
        const env = { ...backend.env(), MODEL_DIR: dir, RUN_KEY: 'crash-run', ROOT: root };

        const killed = await runChild(config, env, { CRASH_AT: step });
        expect(killed.signal, killed.err).toBe('SIGKILL');
        await expectInvariants(registry);
        const aliasMovedBeforeCrash = step === 'alias' || step === 'history';
        expect((await registry.champion('production'))?.version).toBe(
          aliasMovedBeforeCrash ? 2 : 1,
        );

        const rerun = await runChild(config, env, {});
        expect(rerun.code, rerun.err).toBe(0);
        const pub = JSON.parse(rerun.out) as Publication;
        expect(pub).toMatchObject({ version: 2, resumed: true, aliasMoved: true });
        await expectInvariants(registry);
        expect((await registry.champion('production'))?.version).toBe(2);
        const hist = await registry.history();
        expect(hist.map((h) => `${h.action}:${h.version}:${h.previousVersion}`)).toEqual([
          'promote:1:null',
          'promote:2:1',
        ]);
        expect(pub.previousVersion).toBe(1);
        const scan = scanVersions(
          'churn',
          (await registry.store.list(versionsPrefix('churn'))).map((o) => o.key),
        );
        expect(scan).toEqual({ claimed: [1, 2], complete: [1, 2] });
      } finally {
        await registry.close();
        await rm(root, { recursive: true, force: true });
      }
    },
  );
});

/** The alias serves a complete version that verifies; history names only complete versions. */
async function expectInvariants(registry: ReturnType<typeof openRegistry>): Promise<void> {
  const scan = scanVersions(
    'churn',
    (await registry.store.list(versionsPrefix('churn'))).map((o) => o.key),
  );
  const champion = await registry.champion('production');
  expect(champion).not.toBeNull();
  expect(scan.complete).toContain(champion!.version);
  expect((await registry.verify(champion!.version)).ok).toBe(true);
  for (const h of await registry.history()) expect(scan.complete).toContain(h.version);
  for (const n of scan.complete) expect((await registry.verify(n)).ok).toBe(true);
}
