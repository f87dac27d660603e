import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../src/concurrency.js';
import type { FleetReport, MatrixEntry } from '../../src/plan/types.js';
import { runAction } from '../support/action.js';
import { makeFleet } from '../plan/fleet.js';
import { seedChampions } from '../plan/seed.js';
import { publishedVersions, readAlias } from './workspace.js';

// A fleet of 50 models through the bundle, as a workflow runs it: one plan job on a schedule,
// then one retrain job per matrix entry (three at a time, like max-parallel), all publishing to
// the same local registry.
describe('a fleet of 50 models end to end', () => {
  it('plans once, retrains each matrix entry, and each model publishes its own version', async () => {
    const gpu = (i: number) => (i % 5 === 0 ? ['self-hosted', 'gpu'] : undefined);
    const fleet = makeFleet({
      healthy: 40,
      drifted: 6,
      warned: 2,
      insufficient: 1,
      invalid: 1,
      runsOn: gpu,
    });
    const cold = fleet.names.drifted[0] as string;
    const seeded = [
      ...fleet.names.healthy,
      ...fleet.names.drifted.slice(1),
      ...fleet.names.warned,
      ...fleet.names.insufficient,
    ];
    await seedChampions(fleet.root, seeded);
    const plan = (keepGoing: boolean) =>
      runAction({
        workspace: fleet.root,
        eventName: 'schedule',
        payload: { schedule: '0 */6 * * *' },
        inputs: { mode: 'plan', configs: '.github/models/*.yml', 'keep-going': String(keepGoing) },
      });

    // Without keep-going the invalid config fails the plan, naming its file and line.
    const strict = await plan(false);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/::error file=.*invalid-0000\.yml,line=15/);
    expect(strict.errors.join('\n')).toContain('1 of 50 model config(s) invalid');
    expect(strict.outputs.matrix).toBeUndefined();

    const run = await plan(true);
    expect(run.code, run.stdout.slice(-3000)).toBe(0);
    expect(run.stdout).toMatch(/::warning file=.*invalid-0000\.yml,line=15/);
    expect(run.outputs['retrain-count']).toBe('6');
    expect(run.outputs['matrix-parts']).toBe('1');
    const matrix = JSON.parse(run.outputs.matrix as string) as { include: MatrixEntry[] };
    expect(matrix.include.map((e) => e.model)).toEqual(fleet.names.drifted);
    for (const e of matrix.include) {
      expect(e.config).toBe(`.github/models/${e.model}.yml`);
      expect(e.decision).toBe('retrain');
      expect(e.severity).toBe('alert');
      // The check's verdict whole, for the retrain job: decision, severity and why.
      const v = JSON.parse(e.gate_verdict) as { severity: string; reasons: string[] };
      expect(v).toMatchObject({ decision: 'retrain', severity: 'alert' });
      expect(v.reasons.length).toBeGreaterThan(0);
    }
    // Models 40..45 are the drifted ones; 40 and 45 ask for the GPU pool.
    expect(matrix.include[0]?.runs_on).toEqual(['self-hosted', 'gpu']);
    expect(matrix.include[1]?.runs_on).toEqual(['ubuntu-latest']);

    const report = JSON.parse(
      readFileSync(run.outputs['fleet-report'] as string, 'utf8'),
    ) as FleetReport;
    expect(report.counts).toEqual({
      invalid: 1,
      failed: 0,
      retrain: 6,
      warn: 2,
      insufficient: 1,
      ok: 40,
    });
    expect(report.models).toHaveLength(50);
    expect(report.pools.map((p) => [p.pool, p.retrains])).toEqual([
      ['self-hosted+gpu', 2],
      ['ubuntu-latest', 4],
    ]);

    // One summary: the states pie, the pools, a row per model with what needs attention first.
    const s = run.summary;
    expect(s).toContain('## Model fleet · 50 model(s) · 6 to retrain');
    expect(s).toContain('pie showData title Models by state');
    for (const [state, n] of [
      ['invalid', 1],
      ['retrain', 6],
      ['warn', 2],
      ['insufficient', 1],
      ['ok', 40],
    ] as const)
      expect(s).toContain(`"${state}" : ${n}`);
    const rows = s.split('\n').filter((l) => l.startsWith('| ') && l.includes('<sub>'));
    expect(rows).toHaveLength(50);
    const order = rows.map((r) => /\*\*(.+?)\*\*/.exec(r)?.[1]?.replace(/\\/g, ''));
    expect(order[0]).toBe('invalid-0000');
    expect(order.slice(1, 7).sort()).toEqual([...fleet.names.drifted].sort());
    expect(order.slice(7, 9)).toEqual(fleet.names.warned);
    expect(order[9]).toBe('insufficient-0000');
    expect(rows[0]).toContain('min\\_sampels');
    expect(rows.find((r) => r.includes(`**${cold}**`))).toContain('| none |');

    // The retrain jobs: one per entry, exactly as a single-model retrain job runs today.
    const jobs = await mapLimit(matrix.include, 3, (e) =>
      runAction({
        workspace: fleet.root,
        eventName: 'schedule',
        payload: {},
        inputs: { mode: 'retrain', config: e.config, 'gate-verdict': e.gate_verdict },
      }).then((r) => ({ e, r })),
    );
    for (const { e, r } of jobs) {
      expect(r.code, `${e.model}: ${r.stdout.slice(-2000)}`).toBe(0);
      expect(r.outputs.outcome).toBe('published');
      // The retrain job says what the check found, not "ok".
      expect(r.outputs.severity, e.model).toBe('alert');
      expect(r.summary).toContain('Drift gate: ');
      expect(r.summary).not.toMatch(/Drift gate: [^\n]*\bok\b/i);
      const want = e.model === cold ? 1 : 2;
      expect(r.outputs.version, e.model).toBe(String(want));
      expect(publishedVersions(fleet.root, e.model)).toEqual(want === 1 ? [1] : [1, 2]);
      expect(readAlias(fleet.root, 'production', e.model)?.version).toBe(want);
      const model = JSON.parse(
        readFileSync(
          join(fleet.root, `registry/${e.model}/versions/${want}/files/model/model.json`),
          'utf8',
        ),
      ) as { model: string };
      expect(model.model).toBe(e.model);
    }
    // Nothing else was retrained.
    for (const name of fleet.names.healthy)
      expect(publishedVersions(fleet.root, name)).toEqual([1]);
    expect(existsSync(join(fleet.root, 'registry/invalid-0000'))).toBe(false);
    rmSync(fleet.root, { recursive: true, force: true });
  }, 300_000);
});
