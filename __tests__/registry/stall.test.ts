/**
 * A writer stalled past its lease: attempt 1 of a run stops itself (SIGSTOP) right before a
 * write, after its last check that it still holds the claim; its lease runs out, attempt 2 takes
 * the version over and publishes it; then attempt 1 is continued (SIGCONT) and writes on. What
 * the registry serves must still be exactly what its manifest says, and the taker's files.
 * Real processes on a local directory and on moto_server, ROUNDS rounds each.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapLimit } from '../../src/concurrency.js';
import { sha256Hex } from '../../src/registry/hashing.js';
import { openRegistry } from '../../src/registry/index.js';
import { filesPrefix } from '../../src/registry/keys.js';
import { repoRoot } from '../support/python.js';
import { backends, modelFolder, tempDir, testContext, type Backend } from './helpers.js';

const ROUNDS = Number(process.env.STALL_ROUNDS ?? 20);
const STALL_POINTS = ['file:0', 'file:1', 'file:2', 'manifest'];
/** Long enough that a live writer on a loaded 2-core machine keeps renewing its claim. */
const LEASE_MS = 4000;
const LIMIT = 900_000;

const outDir = join(repoRoot, '.tmp', `registry-stall-${process.pid}`);
const childJs = join(outDir, '__tests__', 'registry', 'stall-child.js');

beforeAll(() => {
  const r = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
      ...['--noCheck', '--skipLibCheck', '--module', 'NodeNext', '--moduleResolution', 'NodeNext'],
      ...['--target', 'ES2022', '--types', 'node', '--rootDir', repoRoot, '--outDir', outDir],
      join(repoRoot, '__tests__', 'registry', 'stall-child.ts'),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`tsc failed: ${r.stdout}${r.stderr}`);
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

interface Child {
  proc: ChildProcess;
  done: Promise<{ code: number | null; lines: Record<string, unknown>[]; err: string }>;
}

function start(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, [childJs], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d));
  proc.stderr?.on('data', (d: Buffer) => (err += d));
  const done = new Promise<{ code: number | null; lines: Record<string, unknown>[]; err: string }>(
    (resolve) =>
      proc.on('close', (code) =>
        resolve({
          code,
          err,
          lines: out
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Record<string, unknown>),
        }),
      ),
  );
  return { proc, done };
}

/** Waits until the process is stopped (state T in /proc), failing if it exits first. */
async function stopped(child: Child): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error('the writer exited before it stalled');
    const stat = readFileSync(`/proc/${child.proc.pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'T') return;
    if (Date.now() > deadline) throw new Error('the writer never stalled');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Three files, one above the 5 MiB part size (a multipart upload on S3), distinct per attempt. */
function files(who: string, round: number): Record<string, Buffer> {
  const big = Buffer.alloc(6 * 1024 * 1024 + 123, who);
  big.write(`${who} ${round} ${Math.random()}`);
  return {
    'model.txt': Buffer.from(`${who} round ${round} ${Math.random()}`),
    'weights.bin': big,
    'config.json': Buffer.from(JSON.stringify({ who, round })),
  };
}

describe.each(backends)('a writer stalled past its lease on %s', (name, make) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await make();
  }, LIMIT);
  afterAll(async () => {
    await backend?.stop();
  });

  it(
    `never changes what is served: ${ROUNDS} rounds, stalled before each file and the manifest`,
    async () => {
      const config = await backend.fresh();
      const root = await tempDir('registry-stall-');
      let differing = 0;
      let staleWrites = 0;
      const problems: string[] = [];
      try {
        await mapLimit(
          Array.from({ length: ROUNDS }, (_, r) => r),
          2,
          async (r) => {
            const model = `s${r}`;
            const runKey = `run-${r}`;
            const base = {
              PUBLISH_CONFIG: JSON.stringify(config),
              ROOT: root,
              MODEL: model,
              RUN_KEY: runKey,
              LEASE_MS: String(LEASE_MS),
              ...backend.env(),
            };
            const aDir = await modelFolder(join(root, `${model}-a`), files('a', r));
            const bDir = await modelFolder(join(root, `${model}-b`), files('b', r));
            const a = start({
              ...base,
              MODEL_DIR: aDir,
              ATTEMPT: '1',
              STALL_AT: STALL_POINTS[r % 4]!,
            });
            await stopped(a);
            const b = await start({ ...base, MODEL_DIR: bDir, ATTEMPT: '2' }).done;
            a.proc.kill('SIGCONT');
            const aEnd = await a.done;
            const bLine = b.lines.find((l) => 'pub' in l || 'error' in l);
            if (!bLine || !('pub' in bLine)) {
              problems.push(`round ${r}: the taker failed: ${JSON.stringify(bLine)} ${b.err}`);
              return;
            }
            // What is served: the manifest's files, re-downloaded and compared with its digests
            // and with the taker's own files.
            const reg = openRegistry(config, model, testContext(root, 'check'));
            try {
              const champion = await reg.champion('production');
              const manifest = champion!.manifest;
              const report = await reg.verify(manifest.version);
              differing += report.problems.length;
              const out = join(root, `${model}-served`);
              await reg.download(manifest.version, out).catch(() => undefined);
              for (const f of manifest.files) {
                const rel = f.path.slice('model/'.length);
                const served = await readFile(join(out, rel)).catch(() => Buffer.alloc(0));
                const taker = await readFile(join(bDir, rel));
                if (sha256Hex(served) !== f.sha256 || !served.equals(taker)) differing++;
              }
              // The stalled writer did write on, under its own fence token only.
              const own = await reg.store.list(filesPrefix(model, manifest.version, 1));
              if (own.length > 0) staleWrites++;
              expect(manifest.fence, `round ${r}`).toBe(2);
              expect(aEnd.code, aEnd.err).toBe(0);
            } finally {
              await reg.close();
            }
          },
        );
      } finally {
        await rm(root, { recursive: true, force: true });
      }
      console.log(
        JSON.stringify({ store: name, rounds: ROUNDS, differing, staleWriterWroteOn: staleWrites }),
      );
      expect(problems).toEqual([]);
      expect(differing).toBe(0);
    },
    LIMIT,
  );
});
