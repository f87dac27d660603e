/**
 * One publisher process that takes part in ROUNDS rounds of a race: in round r it waits at a
 * file barrier for the other WORKERS processes, reads the champion of model `r<r>` (what its
 * challenger is "validated against"), "trains" for a random moment, and publishes, or, as the
 * operator (WORKER=op), rolls the alias back. One JSON line per round on stdout.
 * Input in env: PUBLISH_CONFIG (JSON), ROOT, WORKER, WORKERS, ROUNDS, SAME_RUN (1: every worker
 * is an attempt of one run; else each worker is its own run).
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PublishConfig } from '../../src/registry/config.js';
import { openRegistry } from '../../src/registry/index.js';
import { modelFolder, testContext } from './helpers.js';

const env = process.env;
const config = JSON.parse(env.PUBLISH_CONFIG as string) as PublishConfig;
const root = env.ROOT as string;
const worker = env.WORKER as string;
const workers = Number(env.WORKERS);
const rounds = Number(env.ROUNDS);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function barrier(round: number): Promise<void> {
  const dir = join(root, 'barrier');
  await writeFile(join(dir, `${round}-${worker}`), '');
  for (;;) {
    const here = (await readdir(dir)).filter((n) => n.startsWith(`${round}-`));
    if (here.length >= workers) return;
    await sleep(5);
  }
}

for (let r = 0; r < rounds; r++) {
  const runKey = env.SAME_RUN === '1' ? `run-${r}` : `run-${r}-${worker}`;
  // The production lease: a shorter one let a live writer's claim go stale on a loaded
  // 2-core machine (a heartbeat held back past 20 s), and a sibling took it over mid-upload.
  const registry = openRegistry(config, `r${r}`, testContext(root, runKey), {
    leaseMs: 60_000,
  });
  try {
    await barrier(r);
    const champion = await registry.champion('production');
    await sleep(Math.random() * 40);
    if (worker === 'op') {
      const back = await registry.rollback(undefined, { runId: `op-${r}` });
      process.stdout.write(`${JSON.stringify({ round: r, worker, rollback: back })}\n`);
      continue;
    }
    // Each attempt trains its own model: a file mixed from two attempts cannot verify.
    const dir = await modelFolder(join(root, `w${worker}`, `r${r}`), {
      'model.txt': `worker ${worker} round ${r} ${Math.random()}`,
      'weights.bin': Buffer.alloc(4096 + Math.floor(Math.random() * 4096), Number(worker) || 1),
    });
    const pub = await registry.publish({
      modelDir: dir,
      extraFiles: [],
      metrics: { auc: 0.9 },
      lineage: { worker },
      runKey,
      moveAlias: true,
      validatedAgainst: champion
        ? { version: champion.version, etag: champion.aliasEtag ?? null }
        : { version: null, etag: null },
    });
    process.stdout.write(`${JSON.stringify({ round: r, worker, pub })}\n`);
  } catch (e) {
    process.stdout.write(
      `${JSON.stringify({ round: r, worker, error: String((e as Error).stack ?? e) })}\n`,
    );
  } finally {
    await registry.close();
  }
}
