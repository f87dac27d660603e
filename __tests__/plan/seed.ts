import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapLimit } from '../../src/concurrency.js';
import type { StageContext } from '../../src/context.js';
import { silentLogger } from '../../src/logger.js';
import { openRegistry } from '../../src/registry/index.js';

/**
 * Publishes version 1 of each model to the fleet's local registry (`<root>/registry`) through
 * the registry itself, so the checks find a champion instead of a cold start.
 */
export async function seedChampions(root: string, models: readonly string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mra-seed-'));
  mkdirSync(join(dir, 'model'), { recursive: true });
  writeFileSync(join(dir, 'model/model.json'), '{"seed": true}\n');
  await mapLimit(models, 8, async (name) => {
    const ctx: StageContext = {
      logger: silentLogger,
      secrets: {},
      run: {
        runId: 'seed',
        runAttempt: 1,
        serverUrl: 'https://github.com',
        apiUrl: 'http://127.0.0.1:9',
      },
      root,
      workDir: dir,
      reportDir: dir,
      now: () => new Date(),
      signal: new AbortController().signal,
    };
    const registry = openRegistry({ registry: 'registry', alias: 'production' }, name, ctx);
    await registry.publish({
      modelDir: join(dir, 'model'),
      extraFiles: [],
      metrics: { accuracy: 0.85 },
      lineage: { seeded: true },
      runKey: `seed#${name}`,
      moveAlias: true,
    });
  });
}
