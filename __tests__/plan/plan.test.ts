import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunOptions } from '../../src/config/types.js';
import { UserError } from '../../src/errors.js';
import { execute } from '../../src/execute.js';
import { silentLogger, type Logger } from '../../src/logger.js';
import { executePlan, type PlanInput } from '../../src/plan/run.js';
import type { FleetReport, MatrixEntry } from '../../src/plan/types.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-standin.js';
import { makeFleet, type Fleet } from './fleet.js';
import { seedChampions } from './seed.js';

// The plan in-process over real config files, metrics files and a local registry.

function input(
  root: string,
  over: Partial<RunOptions> = {},
  rest: Partial<PlanInput> = {},
): PlanInput {
  return {
    options: {
      mode: 'plan',
      configPath: '',
      failOnReject: false,
      configs: '.github/models/*.yml',
      keepGoing: false,
      force: false,
      dryRun: false,
      secrets: {},
      ...over,
    },
    root,
    eventName: 'schedule',
    payload: {},
    logger: silentLogger,
    env: { GITHUB_RUN_ID: String(Date.now()) },
    defaultReportDir: join(root, 'reports'),
    signal: new AbortController().signal,
    ...rest,
  };
}

function recordingLogger(): Logger & {
  warnings: { message: string; where?: { file?: string; line?: number } }[];
} {
  const warnings: { message: string; where?: { file?: string; line?: number } }[] = [];
  return {
    ...silentLogger,
    warnings,
    warning: (message, where) => warnings.push({ message, where }),
  };
}

describe('mode: plan over a fleet', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = makeFleet({ healthy: 6, drifted: 3, warned: 2, insufficient: 1, invalid: 1 });
    // One drifted model has never been published: a cold start, retrained too.
    await seedChampions(fleet.root, [
      ...fleet.names.healthy,
      ...fleet.names.drifted.slice(1),
      ...fleet.names.warned,
      ...fleet.names.insufficient,
    ]);
  });

  it('fails on an invalid config, naming its file and line, before checking anything', async () => {
    const err = await executePlan(input(fleet.root)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const e = err as UserError;
    expect(e.message).toMatch(/1 of 13 model config\(s\) invalid/);
    expect(e.message).toContain('invalid-0000.yml:15: gate: unknown key "min_sampels"');
    expect(e.message).toContain('keep-going');
    // The config's own error is annotated on its line; this one does not repeat the path.
    expect(e.message.split('invalid-0000.yml').length - 1).toBe(1);
    expect(e.where).toBeUndefined();
  });

  it('with keep-going: checks the rest and outputs the retrains as the matrix', async () => {
    const logger = recordingLogger();
    const plan = await executePlan(input(fleet.root, { keepGoing: true }, { logger }));
    expect(plan.error).toBeUndefined();
    const r = plan.report;
    expect(r.counts).toEqual({
      invalid: 1,
      failed: 0,
      retrain: 3,
      warn: 2,
      insufficient: 1,
      ok: 6,
    });
    const matrix = JSON.parse(plan.outputs.matrix as string) as {
      include: Record<string, unknown>[];
    };
    expect(matrix.include.map((e) => e.model)).toEqual(fleet.names.drifted);
    const { gate_verdict: verdict, ...entry } = matrix.include[0] as unknown as MatrixEntry;
    expect(entry).toEqual({
      model: 'drifted-0000',
      config: '.github/models/drifted-0000.yml',
      runs_on: ['ubuntu-latest'],
      pool: 'ubuntu-latest',
      decision: 'retrain',
      severity: 'alert',
      configs: '',
    });
    // The check's verdict whole, for the retrain job's gate-verdict input.
    const v = JSON.parse(verdict) as { decision: string; severity: string; reasons: string[] };
    expect(v).toMatchObject({ decision: 'retrain', severity: 'alert' });
    expect(v.reasons.some((r) => /mean confidence = 0\.\d+ < 0\.7/.test(r))).toBe(true);
    expect(plan.outputs['retrain-count']).toBe('3');
    expect(plan.outputs['matrix-parts']).toBe('1');
    // The invalid config is an annotation on its file and line, and the first row.
    expect(logger.warnings.some((w) => w.where?.line === 15)).toBe(true);
    expect(r.models[0]).toMatchObject({ model: 'invalid-0000', state: 'invalid', line: 15 });
    expect(r.models.find((m) => m.model === 'drifted-0000')?.champion).toBeNull();
    expect(r.models.find((m) => m.model === 'drifted-0001')?.champion).toBe(1);
    // Every model wrote its own run report; the fleet report holds them all.
    const reports = new Set(r.models.filter((m) => m.report).map((m) => m.report));
    expect(reports.size).toBe(12);
    const onDisk = JSON.parse(
      readFileSync(plan.outputs['fleet-report'] as string, 'utf8'),
    ) as FleetReport;
    expect(onDisk.retrainCount).toBe(3);
    expect(onDisk.models).toHaveLength(13);
    expect(plan.summary).toContain('"retrain" : 3');
  });

  it('a forced run puts every checked model in the matrix', async () => {
    const plan = await executePlan(input(fleet.root, { keepGoing: true, force: true }));
    expect(plan.outputs['retrain-count']).toBe('12');
    const matrix = JSON.parse(plan.outputs.matrix as string) as { include: { decision: string }[] };
    expect(matrix.include.every((e) => e.decision === 'retrain')).toBe(true);
  });

  it('an event naming one model applies to it alone; the others are checked as on a schedule', async () => {
    const plan = await executePlan(
      input(
        fleet.root,
        { keepGoing: true },
        {
          eventName: 'workflow_dispatch',
          payload: { inputs: { model: 'healthy-0002', force: 'true', reason: 'new labels' } },
        },
      ),
    );
    const retrains = plan.report.models.filter((m) => m.state === 'retrain').map((m) => m.model);
    expect(retrains.sort()).toEqual([...fleet.names.drifted, 'healthy-0002'].sort());
  });
});

describe('a fleet file', () => {
  it('shares defaults and pools; the retrain job applies the same defaults', async () => {
    const fleet = makeFleet({
      healthy: 2,
      drifted: 2,
      runsOn: (i) => (i % 2 ? ['self-hosted', 'gpu'] : undefined),
    });
    await seedChampions(fleet.root, [...fleet.names.healthy, ...fleet.names.drifted]);
    // The configs leave the registry to the fleet's defaults.
    for (const name of [...fleet.names.healthy, ...fleet.names.drifted]) {
      const path = join(fleet.root, `.github/models/${name}.yml`);
      writeFileSync(
        path,
        readFileSync(path, 'utf8').replace(
          /publish:\n {2}registry: registry\n {2}alias: production\n/,
          '',
        ),
      );
    }
    writeFileSync(
      join(fleet.root, 'fleet.yml'),
      'configs: [.github/models/*.yml]\nconcurrency: 2\ndefaults:\n  publish: { registry: registry, alias: production }\npools:\n  self-hosted+gpu: { max_runners: 1 }\n',
    );
    const plan = await executePlan(input(fleet.root, { configs: 'fleet.yml' }));
    expect(plan.report.counts).toMatchObject({ retrain: 2, ok: 2, invalid: 0 });
    const matrix = JSON.parse(plan.outputs.matrix as string) as {
      include: { configs: string; pool: string }[];
    };
    expect(matrix.include.map((e) => e.configs)).toEqual(['fleet.yml', 'fleet.yml']);
    expect(plan.report.pools).toEqual([
      expect.objectContaining({
        pool: 'self-hosted+gpu',
        retrains: 1,
        maxParallel: 1,
        maxRunners: 1,
      }),
      expect.objectContaining({ pool: 'ubuntu-latest', retrains: 1, maxParallel: 1 }),
    ]);
    expect(plan.outputs['max-parallel']).toBe('2');

    // A check of one model with `configs: fleet.yml` reads the same registry (version 1 is there).
    const one = await execute({
      ...input(fleet.root, {
        mode: 'check',
        configPath: '.github/models/healthy-0000.yml',
        configs: 'fleet.yml',
      }),
    });
    expect(one.report.champion?.version).toBe(1);
    expect(one.report.decision).toBe('skip');
  });
});

describe('warning issues for a fleet', () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn({
      repository: 'acme/models',
      tokens: { ghs_fleet: { issues: 'write' } },
    });
  });
  afterAll(() => gh.close());

  it('one listing of open issues serves every model; each warned model gets its own issue', async () => {
    const fleet = makeFleet({ healthy: 3, warned: 8, drifted: 0, onWarn: 'issue' });
    await seedChampions(fleet.root, [...fleet.names.healthy, ...fleet.names.warned]);
    const plan = await executePlan(
      input(
        fleet.root,
        { secrets: { githubToken: 'ghs_fleet' } },
        {
          env: { GITHUB_RUN_ID: '42', GITHUB_REPOSITORY: 'acme/models', GITHUB_API_URL: gh.url },
        },
      ),
    );
    expect(plan.report.counts.warn).toBe(8);
    const open = gh.issues.filter((i) => i.state === 'open');
    expect(open).toHaveLength(8);
    for (const name of fleet.names.warned) {
      expect(open.filter((i) => i.body.includes(`<!-- model-retrain:${name} -->`))).toHaveLength(1);
    }
    // The API budget: one list request for the fleet, one create per warned model.
    const lists = gh.log.filter((l) => l.method === 'GET' && /\/issues$/.test(l.path));
    expect(lists).toHaveLength(1);
    expect(gh.log.filter((l) => l.method === 'POST')).toHaveLength(8);
  });
});

describe('mode: plan, what a person reads', () => {
  it('two configs of one model.name are both invalid, each naming the other; paths printed once', async () => {
    const fleet = makeFleet({ healthy: 2, drifted: 0, warned: 1 });
    await seedChampions(fleet.root, [...fleet.names.healthy, ...fleet.names.warned]);
    const dir = join(fleet.root, '.github/models');
    copyFileSync(join(dir, 'healthy-0000.yml'), join(dir, 'copy-of-healthy.yml'));
    const warnings: { message: string; where?: { file?: string; line?: number } }[] = [];
    const errors: typeof warnings = [];
    const logger: Logger = {
      ...silentLogger,
      warning: (message, where) => warnings.push({ message, where }),
      error: (message, where) => errors.push({ message, where }),
    };
    const plan = await executePlan(input(fleet.root, { keepGoing: true }, { logger }));
    const rows = Object.fromEntries(plan.report.models.map((m) => [m.config, m]));
    for (const [file, other] of [
      ['.github/models/copy-of-healthy.yml', '.github/models/healthy-0000.yml'],
      ['.github/models/healthy-0000.yml', '.github/models/copy-of-healthy.yml'],
    ] as const) {
      expect(rows[file]).toMatchObject({
        state: 'invalid',
        line: 2,
        reason: `model.name "healthy-0000" is also the model of ${other}: two configs would publish the same versions. Give each model its own name.`,
      });
    }
    expect(plan.report.counts).toMatchObject({ invalid: 2, ok: 1, warn: 1 });
    // The annotation names the file and line; its text does not repeat them.
    const dup = warnings.filter((w) => w.message.includes('is also the model of'));
    expect(dup).toHaveLength(2);
    for (const w of dup) {
      expect(w.where?.line).toBe(2);
      expect(w.message.startsWith('model.name')).toBe(true);
    }
    // A warned model's reason gives the value that warned, against its level.
    expect(rows['.github/models/warned-0000.yml']?.reason).toMatch(
      /^warn: mean confidence = 0\.\d+ < 0\.95 \(warn threshold\)$/,
    );

    // Without keep-going the step fails; each path appears once in what is printed.
    errors.length = 0;
    const err = (await executePlan(input(fleet.root, {}, { logger })).catch(
      (e: unknown) => e,
    )) as UserError;
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(
      /^2 of 4 model config\(s\) invalid; the first: \/.*copy-of-healthy\.yml:2: model\.name "healthy-0000"/,
    );
    expect(err.message.split('copy-of-healthy.yml').length - 1).toBe(1);
    expect(err.where).toBeUndefined();
    expect(errors.map((e) => e.message.includes(fleet.root))).toEqual([false, false]);
  });
});
