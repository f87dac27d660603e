import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWithVenv, repoRoot } from '../support/python.js';
import { makeFleet } from './fleet.js';
import { seedChampions } from './seed.js';

// The CLI's plan (other CI systems, a laptop): the same outputs, the summary as a file.
describe('model-retrain --mode plan', () => {
  it('prints the outputs as JSON and writes the summary next to the fleet report', async () => {
    const fleet = makeFleet({ healthy: 3, drifted: 2, invalid: 1 });
    await seedChampions(fleet.root, [...fleet.names.healthy, ...fleet.names.drifted]);
    const cli = resolve(repoRoot, 'dist/cli/index.js');
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [cli, '--mode', 'plan', '--configs', '.github/models/*.yml', ...args],
        {
          cwd: fleet.root,
          encoding: 'utf8',
          env: { PATH: pathWithVenv(), HOME: process.env.HOME ?? fleet.root },
        },
      );

    const strict = run();
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/invalid-0000\.yml:15: gate: unknown key "min_sampels"/);

    const ok = run('--keep-going', '--json');
    expect(ok.status, ok.stderr).toBe(0);
    const outputs = JSON.parse(ok.stdout.trim().split('\n').pop() as string) as Record<
      string,
      string
    >;
    expect(outputs['retrain-count']).toBe('2');
    expect(
      (JSON.parse(outputs.matrix as string) as { include: { model: string }[] }).include.map(
        (e) => e.model,
      ),
    ).toEqual(fleet.names.drifted);
    const summary = (outputs['fleet-report'] as string).replace(/\.json$/, '.md');
    expect(existsSync(summary)).toBe(true);
    expect(readFileSync(summary, 'utf8')).toContain('## Model fleet · 6 model(s) · 2 to retrain');
  });
});
