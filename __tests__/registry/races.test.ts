/**
 * The registry as workflows really use it: runs racing for the alias, several attempts of one
 * run at once, a crash between the alias and the history then a re-run, a flaky network in
 * front of moto. Real processes, each scenario repeated ROUNDS times; the counts the
 * acceptance names are asserted to be 0 and printed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapLimit } from '../../src/concurrency.js';
import type { PublishConfig } from '../../src/registry/config.js';
import { openRegistry, type HistoryEntry } from '../../src/registry/index.js';
import { scanVersions, versionsPrefix } from '../../src/registry/keys.js';
import type { StoreRegistry } from '../../src/registry/registry.js';
import type { Publication } from '../../src/registry/types.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { repoRoot } from '../support/python.js';
import {
  backends,
  modelFolder,
  publishInput,
  s3Backend,
  tempDir,
  testContext,
  type Backend,
} from './helpers.js';

const ROUNDS = 20;
/** Each scenario takes seconds on an idle machine; room for a loaded one. */
const LIMIT = 300_000;

const outDir = join(repoRoot, '.tmp', `registry-races-${process.pid}`);
const childJs = (name: string): string => join(outDir, '__tests__', 'registry', `${name}.js`);

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
      join(repoRoot, '__tests__', 'registry', 'attempt-child.ts'),
      join(repoRoot, '__tests__', 'registry', 'crash-child.ts'),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`tsc failed: ${r.stdout}${r.stderr}`);
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

interface ChildResult {
  code: number | null;
  signal: string | null;
  out: string;
  err: string;
}

function runChild(script: string, env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childJs(script)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

interface Line {
  round: number;
  worker: string;
  pub?: Publication;
  rollback?: Publication;
  error?: string;
}

/** Starts one process per worker; each plays every round. */
async function playRounds(
  config: PublishConfig,
  root: string,
  workerIds: string[],
  sameRun: boolean,
): Promise<Line[]> {
  await mkdir(join(root, 'barrier'), { recursive: true });
  const results = await Promise.all(
    workerIds.map((w) =>
      runChild('attempt-child', {
        PUBLISH_CONFIG: JSON.stringify(config),
        ROOT: root,
        WORKER: w,
        WORKERS: String(workerIds.length),
        ROUNDS: String(ROUNDS),
        SAME_RUN: sameRun ? '1' : '0',
      }),
    ),
  );
  for (const r of results) expect(r.code, r.err).toBe(0);
  return results.flatMap((r) =>
    r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line),
  );
}

/** What the acceptance counts, over one model's registry. */
interface Counts {
  /** Complete versions whose files do not match their manifest (re-downloaded and re-hashed). */
  mismatched: number;
  /** History entries beyond the first for one (action, version, run). */
  duplicateHistory: number;
  /** Promotions whose alias moved from a version other than the one the challenger was validated against. */
  promotedOverUncompared: number;
}

async function count(registry: StoreRegistry): Promise<Counts> {
  const scan = scanVersions(
    registry.model,
    (await registry.store.list(versionsPrefix(registry.model))).map((o) => o.key),
  );
  let mismatched = 0;
  for (const n of scan.complete) if (!(await registry.verify(n)).ok) mismatched++;
  const history = await registry.history();
  const seen = new Set<string>();
  let duplicateHistory = 0;
  let promotedOverUncompared = 0;
  const perVersion = new Map<number, HistoryEntry[]>();
  for (const h of history) {
    const id = `${h.action}:${h.version}:${h.runKey ?? h.runId}`;
    if (seen.has(id)) duplicateHistory++;
    seen.add(id);
    if (h.action !== 'rollback')
      perVersion.set(h.version, [...(perVersion.get(h.version) ?? []), h]);
    if (h.action === 'promote') {
      const manifest = (
        await registry.store.get(`${registry.model}/versions/${h.version}/manifest.json`)
      )?.body.toString('utf8');
      const against = manifest
        ? (
            JSON.parse(manifest) as {
              promotion?: { validatedAgainst?: { version: number | null } };
            }
          ).promotion?.validatedAgainst
        : undefined;
      if (against && against.version !== h.previousVersion) promotedOverUncompared++;
    }
  }
  // A publish and a promote of the same version are one publication recorded twice.
  for (const entries of perVersion.values()) if (entries.length > 1) duplicateHistory++;
  return { mismatched, duplicateHistory, promotedOverUncompared };
}

const zero: Counts = { mismatched: 0, duplicateHistory: 0, promotedOverUncompared: 0 };
function add(a: Counts, b: Counts): Counts {
  return {
    mismatched: a.mismatched + b.mismatched,
    duplicateHistory: a.duplicateHistory + b.duplicateHistory,
    promotedOverUncompared: a.promotedOverUncompared + b.promotedOverUncompared,
  };
}

describe.each(backends)('races on %s', (name, make) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await make();
  });
  afterAll(async () => {
    await backend?.stop();
  });

  /** A fresh registry whose models r0…r{ROUNDS-1} each serve version 1. */
  async function seeded(root: string): Promise<PublishConfig> {
    const config = await backend.fresh();
    const base = await modelFolder(join(root, 'base'), { 'model.txt': 'base' });
    for (let r = 0; r < ROUNDS; r++) {
      const reg = openRegistry(config, `r${r}`, testContext(root, 'base'));
      try {
        await reg.publish(publishInput(base, 'base'));
      } finally {
        await reg.close();
      }
    }
    return config;
  }

  async function countAll(config: PublishConfig, root: string): Promise<Counts> {
    let total = zero;
    for (let r = 0; r < ROUNDS; r++) {
      const reg = openRegistry(config, `r${r}`, testContext(root, 'check'));
      try {
        total = add(total, await count(reg));
      } finally {
        await reg.close();
      }
    }
    return total;
  }

  it(
    `two runs validated against the same champion: only one promotes, the other is superseded (${ROUNDS} rounds)`,
    async () => {
      const root = await tempDir('races-ab-');
      try {
        const config = await seeded(root);
        const lines = await playRounds(config, root, ['1', '2'], false);
        expect(lines.filter((l) => l.error).map((l) => l.error)).toEqual([]);
        let superseded = 0;
        for (let r = 0; r < ROUNDS; r++) {
          const mine = lines.filter((l) => l.round === r).map((l) => l.pub as Publication);
          expect(mine.map((p) => p.version).sort()).toEqual([2, 3]);
          for (const p of mine) {
            if (p.superseded) {
              superseded++;
              expect(p.aliasMoved).toBe(false);
              expect(p.superseded.validatedAgainst).toBe(1);
              expect(p.superseded.serving).not.toBe(1);
            }
          }
        }
        const counts = await countAll(config, root);
        console.log(
          `[races ${name}] two runs: ${superseded}/${ROUNDS} rounds superseded one challenger; ${JSON.stringify(counts)}`,
        );
        expect(counts).toEqual(zero);
        expect(superseded).toBeGreaterThan(0);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    },
    LIMIT,
  );

  it(
    `an operator rolls back while a run trains: the run does not promote over the rollback (${ROUNDS} rounds)`,
    async () => {
      const root = await tempDir('races-op-');
      try {
        const config = await seeded(root);
        // A second version serving, so a rollback has somewhere to go.
        const next = await modelFolder(join(root, 'v2'), { 'model.txt': 'v2' });
        for (let r = 0; r < ROUNDS; r++) {
          const reg = openRegistry(config, `r${r}`, testContext(root, 'v2'));
          try {
            await reg.publish(publishInput(next, 'v2'));
          } finally {
            await reg.close();
          }
        }
        const lines = await playRounds(config, root, ['1', 'op'], false);
        expect(lines.filter((l) => l.error).map((l) => l.error)).toEqual([]);
        let respected = 0;
        for (const l of lines.filter((x) => x.pub)) {
          if (l.pub!.superseded) {
            respected++;
            expect(l.pub!.superseded).toEqual({ serving: 1, validatedAgainst: 2 });
          } else {
            // Promoted from 2, or from 1 when the run read its champion after the rollback;
            // the counts below check that it moved from the version it was compared with.
            expect(l.pub).toMatchObject({ aliasMoved: true });
            expect([1, 2]).toContain(l.pub!.previousVersion);
          }
        }
        const counts = await countAll(config, root);
        console.log(
          `[races ${name}] rollback during a run: ${respected}/${ROUNDS} publications respected it; ${JSON.stringify(counts)}`,
        );
        expect(counts).toEqual(zero);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    },
    LIMIT,
  );

  it(
    `four attempts of one run at once publish one version, written by one of them (${ROUNDS} rounds)`,
    async () => {
      const root = await tempDir('races-k4-');
      try {
        const config = await seeded(root);
        const lines = await playRounds(config, root, ['1', '2', '3', '4'], true);
        expect(lines.filter((l) => l.error).map((l) => l.error)).toEqual([]);
        for (let r = 0; r < ROUNDS; r++) {
          const mine = lines.filter((l) => l.round === r).map((l) => l.pub as Publication);
          expect(mine).toHaveLength(4);
          // One version for the run (a number an attempt claimed and gave back may be skipped).
          const v = mine[0]!.version;
          for (const p of mine) expect(p).toMatchObject({ version: v, aliasMoved: true });
          const reg = openRegistry(config, `r${r}`, testContext(root, 'check'));
          try {
            const scan = scanVersions(
              `r${r}`,
              (await reg.store.list(versionsPrefix(`r${r}`))).map((o) => o.key),
            );
            expect(scan).toEqual({ claimed: [1, v], complete: [1, v] });
            expect((await reg.champion('production'))?.version).toBe(v);
          } finally {
            await reg.close();
          }
        }
        const counts = await countAll(config, root);
        console.log(`[races ${name}] K=4 attempts: ${JSON.stringify(counts)}`);
        expect(counts).toEqual(zero);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    },
    LIMIT,
  );

  it(
    `a run killed between the alias and the history is completed by its re-run, without training (${ROUNDS} rounds)`,
    async () => {
      const root = await tempDir('races-crash-');
      try {
        const config = await seeded(root);
        const dir = await modelFolder(join(root, 'next'), { 'a.txt': 'a', 'b.bin': 'bb' });
        let published = 0;
        // Rounds use separate models: four at a time, so process start-up does not add up.
        await mapLimit(
          Array.from({ length: ROUNDS }, (_, r) => r),
          4,
          async (r) => {
            const reg = openRegistry(config, `r${r}`, testContext(root, 'rerun'));
            try {
              const champion = await reg.champion('production');
              const killed = await runChild('crash-child', {
                ...backend.env(),
                PUBLISH_CONFIG: JSON.stringify(config),
                MODEL: `r${r}`,
                MODEL_DIR: dir,
                RUN_KEY: 'crash-run',
                ROOT: root,
                CRASH_AT: 'alias',
                VALIDATED_AGAINST: JSON.stringify({ version: 1, etag: champion!.aliasEtag }),
              });
              expect(killed.signal, killed.err).toBe('SIGKILL');
              expect((await reg.champion('production'))?.version).toBe(2);
              // What the pipeline does before its Train phase.
              const resumed = await reg.resumePublished('crash-run');
              expect(resumed).toMatchObject({ version: 2, aliasMoved: true, previousVersion: 1 });
              if (resumed?.aliasMoved && resumed.version === 2) published++;
              const hist = await reg.history();
              expect(hist.map((h) => `${h.action}:${h.version}:${h.previousVersion}`)).toEqual([
                'promote:1:null',
                'promote:2:1',
              ]);
              // A second re-run finds everything done and adds nothing.
              expect(await reg.resumePublished('crash-run')).toMatchObject({ version: 2 });
              expect(await reg.history()).toHaveLength(2);
            } finally {
              await reg.close();
            }
          },
        );
        const counts = await countAll(config, root);
        console.log(
          `[races ${name}] crash between alias and history: ${published}/${ROUNDS} re-runs published the same version; ${JSON.stringify(counts)}`,
        );
        expect(published).toBe(ROUNDS);
        expect(counts).toEqual(zero);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    },
    LIMIT,
  );
});

describe('a flaky network in front of moto', () => {
  let backend: Awaited<ReturnType<typeof s3Backend>>;
  beforeAll(async () => {
    backend = await s3Backend();
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it(
    `loses answers, cuts and damages bodies on every kind of request; nothing is duplicated or corrupted (${ROUNDS} rounds)`,
    async () => {
      const root = await tempDir('races-faults-');
      const direct = await backend.fresh();
      const proxy = await startFaultProxy(
        direct.s3!.endpoint as string,
        { lose: 0.04, truncate: 0.04, corrupt: 0.04 },
        13,
      );
      const flaky: PublishConfig = {
        ...direct,
        s3: { ...direct.s3, endpoint: proxy.endpoint, max_attempts: 5 },
      };
      try {
        let ok = 0;
        const versions: number[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          // Two attempts of the run at once, each with its own model (one over a 5 MiB part).
          const attempts = [0, 1].map(async (a) => {
            const reg = openRegistry(flaky, 'churn', testContext(root, `run-${r}`), {
              fileConcurrency: 2,
            });
            try {
              const champion = await reg.champion('production');
              if (champion) await reg.download(champion.version, join(root, `champ-${r}-${a}`));
              await reg.history();
              const dir = await modelFolder(join(root, `m-${r}-${a}`), {
                'model.txt': `round ${r} attempt ${a}`,
                ...(r % 4 === 0 ? { 'big.bin': Buffer.alloc(5 * 1024 * 1024 + 17, r + a) } : {}),
              });
              return await reg.publish(
                publishInput(dir, `run-${r}`, {
                  validatedAgainst: champion
                    ? { version: champion.version, etag: champion.aliasEtag ?? null }
                    : { version: null, etag: null },
                }),
              );
            } finally {
              await reg.close();
            }
          });
          const pubs = await Promise.all(attempts);
          // Both attempts end on one version, above the last one (a number given back may be skipped).
          expect(pubs[1]!.version).toBe(pubs[0]!.version);
          expect(pubs[0]!.version).toBeGreaterThan(versions.at(-1) ?? 0);
          versions.push(pubs[0]!.version);
          if (pubs.every((p) => p.aliasMoved)) ok++;
        }
        proxy.setRates({ lose: 0, truncate: 0, corrupt: 0 });
        const reg = openRegistry(direct, 'churn', testContext(root, 'check'));
        try {
          const counts = await count(reg);
          const scan = scanVersions(
            'churn',
            (await reg.store.list(versionsPrefix('churn'))).map((o) => o.key),
          );
          const faults = Object.fromEntries(
            Object.entries(proxy.stats).map(([k, v]) => [
              k,
              `${v.lose}/${v.truncate}/${v.corrupt} of ${v.lose + v.truncate + v.corrupt + v.pass}`,
            ]),
          );
          console.log(
            `[races s3] fault proxy: ${ok}/${ROUNDS} rounds published; faults (lost/cut/damaged of requests): ${JSON.stringify(faults)}; ${JSON.stringify(counts)}`,
          );
          expect(ok).toBe(ROUNDS);
          expect(counts).toEqual(zero);
          expect(scan).toEqual({ claimed: versions, complete: versions });
          expect((await reg.champion('production'))?.version).toBe(versions.at(-1));
          expect(await reg.history()).toHaveLength(ROUNDS);
          // Every kind of request met a fault.
          for (const k of [
            'GET object',
            'GET list',
            'PUT object',
            'HEAD object',
            'PUT part',
            'POST create-multipart',
            'POST complete-multipart',
          ]) {
            const s = proxy.stats[k];
            expect(s && s.lose + s.truncate, k).toBeGreaterThan(0);
          }
          expect(proxy.stats['GET object']?.corrupt).toBeGreaterThan(0);
        } finally {
          await reg.close();
        }
      } finally {
        await proxy.stop();
        await rm(root, { recursive: true, force: true });
      }
    },
    LIMIT,
  );
});
