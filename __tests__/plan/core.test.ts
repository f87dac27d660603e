import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeDefaults } from '../../src/config/defaults.js';
import { UserError } from '../../src/errors.js';
import { findConfigs, fixedPrefix } from '../../src/plan/discover.js';
import { isFleetFile, readFleetFile } from '../../src/plan/fleet-file.js';
import { matrixEntries, matrixOutputs, runnerLabels, splitMatrix } from '../../src/plan/matrix.js';
import { poolAdvice, totalMaxParallel } from '../../src/plan/pools.js';
import { targetModel } from '../../src/plan/run.js';
import { byAttention, countStates, stateOf } from '../../src/plan/state.js';
import { renderFleetSummary } from '../../src/plan/summary.js';
import type { FleetModel, FleetReport, MatrixEntry } from '../../src/plan/types.js';

const row = (over: Partial<FleetModel> & Pick<FleetModel, 'model' | 'state'>): FleetModel => ({
  config: `.github/models/${over.model}.yml`,
  reason: 'r',
  runsOn: ['ubuntu-latest'],
  pool: 'ubuntu-latest',
  ...over,
});

const entry = (model: string, pool = 'ubuntu-latest'): MatrixEntry => ({
  model,
  config: `${model}.yml`,
  runs_on: pool.split('+'),
  pool,
  decision: 'retrain',
  severity: 'alert',
  gate_verdict: '{}',
  configs: '',
});

describe('runner labels', () => {
  it.each([
    [undefined, false, ['ubuntu-latest']],
    [undefined, true, ['self-hosted', 'gpu']],
    ['gpu-a100', true, ['gpu-a100']],
    [['self-hosted', 'linux', 'gpu'], false, ['self-hosted', 'linux', 'gpu']],
  ] as const)('%j (gpu %s) → %j', (runsOn, gpu, want) => {
    expect(runnerLabels(runsOn as string | string[] | undefined, gpu)).toEqual(want);
  });
});

describe('the matrix', () => {
  const models = [
    row({ model: 'b', state: 'retrain', decision: 'retrain', severity: 'alert' }),
    row({ model: 'a', state: 'retrain', decision: 'retrain', severity: 'ok' }),
    row({ model: 'c', state: 'ok', decision: 'skip', severity: 'ok' }),
    row({ model: 'd', state: 'warn', decision: 'warn', severity: 'warn' }),
    row({ model: 'e', state: 'invalid' }),
    row({ model: 'f', state: 'failed' }),
  ];

  it('holds the retrains, sorted by model, with what the retrain job needs', () => {
    const e = matrixEntries(models, { forced: false, configs: '' });
    expect(e.map((x) => x.model)).toEqual(['a', 'b']);
    expect(e[1]).toEqual({
      model: 'b',
      config: '.github/models/b.yml',
      runs_on: ['ubuntu-latest'],
      pool: 'ubuntu-latest',
      decision: 'retrain',
      severity: 'alert',
      gate_verdict: JSON.stringify({
        decision: 'retrain',
        severity: 'alert',
        reasons: ['r'],
        checks: [],
      }),
      configs: '',
    });
  });

  it('a forced run takes every checked model, never an invalid or failed one', () => {
    const e = matrixEntries(models, { forced: true, configs: 'fleet.yml' });
    expect(e.map((x) => x.model)).toEqual(['a', 'b', 'c', 'd']);
    expect(new Set(e.map((x) => x.decision))).toEqual(new Set(['retrain']));
    expect(e[0]?.configs).toBe('fleet.yml');
  });

  it.each([
    [0, [0]],
    [1, [1]],
    [256, [256]],
    [257, [256, 1]],
    [1000, [256, 256, 256, 232]],
  ])('%i entries split into parts of %j (256 jobs per matrix)', (n, sizes) => {
    const parts = splitMatrix(Array.from({ length: n }, (_, i) => i));
    expect(parts.map((p) => p.length)).toEqual(sizes);
    expect(parts.flat()).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('outputs matrix, matrix-2… as {"include": [...]}, the unused parts empty', () => {
    const parts = splitMatrix(Array.from({ length: 300 }, (_, i) => entry(`m${i}`)));
    const out = matrixOutputs(parts);
    expect(Object.keys(out).sort()).toEqual(
      ['matrix', 'matrix-2', 'matrix-3', 'matrix-4', 'matrix-parts'].sort(),
    );
    expect(out['matrix-parts']).toBe('2');
    expect((JSON.parse(out.matrix as string) as { include: unknown[] }).include).toHaveLength(256);
    expect((JSON.parse(out['matrix-2'] as string) as { include: unknown[] }).include).toHaveLength(
      44,
    );
    expect(JSON.parse(out['matrix-4'] as string)).toEqual({ include: [] });
    const many = matrixOutputs(splitMatrix(Array.from({ length: 1300 }, (_, i) => entry(`m${i}`))));
    expect(many['matrix-parts']).toBe('6');
    expect(JSON.parse(many['matrix-6'] as string)).toMatchObject({ include: { length: 20 } });
  });
});

describe('max-parallel per pool', () => {
  it('never more than the pool has runners or retrains', () => {
    const entries = [
      ...Array.from({ length: 12 }, (_, i) => entry(`g${i}`, 'self-hosted+gpu')),
      ...Array.from({ length: 30 }, (_, i) => entry(`u${i}`, 'ubuntu-latest')),
      ...Array.from({ length: 3 }, (_, i) => entry(`x${i}`, 'gpu-a100')),
    ];
    const pools = poolAdvice(entries, { 'self-hosted+gpu': { max_runners: 4 } });
    expect(pools.map((p) => [p.pool, p.retrains, p.maxParallel])).toEqual([
      ['gpu-a100', 3, 3],
      ['self-hosted+gpu', 12, 4],
      ['ubuntu-latest', 30, 20],
    ]);
    expect(pools[0]?.why).toContain('pools.gpu-a100.max_runners');
    expect(totalMaxParallel(pools)).toBe(27);
    expect(totalMaxParallel([])).toBe(1);
  });
});

describe('states and attention order', () => {
  it.each([
    ['retrain', 'alert', 'retrain'],
    ['retrain', 'ok', 'retrain'],
    ['warn', 'warn', 'warn'],
    ['skip', 'insufficient', 'insufficient'],
    ['skip', 'ok', 'ok'],
  ] as const)('decision %s, severity %s → %s', (d, s, want) => {
    expect(stateOf(d, s)).toBe(want);
  });

  it('puts what needs a person first, alerts before other retrains', () => {
    const models = [
      row({ model: 'ok1', state: 'ok', severity: 'ok' }),
      row({ model: 'cold', state: 'retrain', severity: 'ok' }),
      row({ model: 'hot', state: 'retrain', severity: 'alert' }),
      row({ model: 'thin', state: 'insufficient', severity: 'insufficient' }),
      row({ model: 'bad', state: 'invalid' }),
      row({ model: 'warm', state: 'warn', severity: 'warn' }),
      row({ model: 'boom', state: 'failed' }),
    ];
    expect([...models].sort(byAttention).map((m) => m.model)).toEqual([
      'bad',
      'boom',
      'hot',
      'cold',
      'warm',
      'thin',
      'ok1',
    ]);
    expect(countStates(models)).toEqual({
      invalid: 1,
      failed: 1,
      retrain: 2,
      warn: 1,
      insufficient: 1,
      ok: 1,
    });
  });
});

describe('the fleet summary', () => {
  const models = [
    row({
      model: 'bad',
      state: 'invalid',
      reason: 'gate: unknown key "x" <img src=x onerror=alert(1)> @org/team | [link](http://evil)',
      line: 7,
    }),
    row({
      model: 'churn',
      state: 'retrain',
      decision: 'retrain',
      severity: 'alert',
      reason: 'retrain: 1 of 1 check alert',
      champion: 3,
      report: '/tmp/r/churn/run-report-1-1.json',
    }),
    row({ model: 'fraud', state: 'ok', decision: 'skip', severity: 'ok', champion: null }),
  ];
  const report: FleetReport = {
    schema: 1,
    startedAt: '',
    finishedAt: '',
    configs: '.github/models/*.yml',
    forced: false,
    counts: countStates(models),
    retrainCount: 1,
    matrix: [[entry('churn')]],
    pools: poolAdvice([entry('churn')]),
    models,
    timings: { load: 0.1, check: 0.2 },
  };
  const md = renderFleetSummary(report, 'https://github.com/acme/ml/actions/runs/7');

  it('has a pie of the states and one row per model, in the given order', () => {
    expect(md).toContain('\npie showData title Models by state');
    expect(md).toContain('"invalid" : 1');
    expect(md).toContain('"retrain" : 1');
    expect(md).toContain('"ok" : 1');
    expect(md).not.toContain('"warn"');
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && l.includes('<sub>'));
    expect(rows.map((r) => /\*\*(.+?)\*\*/.exec(r)?.[1])).toEqual(['bad', 'churn', 'fraud']);
    expect(rows[1]).toContain('v3');
    expect(rows[1]).toContain('](https://github.com/acme/ml/actions/runs/7)');
    expect(rows[2]).toContain('| none |');
    expect(rows[0]).toContain(':7');
  });

  it('escapes outside text: no tags, mentions, links or table breaks from a reason', () => {
    const bad = md.split('\n').find((l) => l.includes('**bad**')) as string;
    expect(bad).not.toContain('<img');
    expect(bad).not.toMatch(/@org/);
    expect(bad).not.toMatch(/(?<!\\)\]\(http/); // brackets escaped: no link
    // Seven cells: the pipe inside the reason is escaped.
    expect(bad.split(/(?<!\\)\|/).length - 2).toBe(7);
  });

  it('shows the pools with their max-parallel, and a caution for broken configs', () => {
    expect(md).toContain('> [!CAUTION]');
    expect(md).toMatch(/\| ubuntu-latest \| 1 \| 1 \|/);
  });
});

describe('config discovery', () => {
  const root = mkdtempSync(join(tmpdir(), 'mra-discover-'));
  for (const f of [
    '.github/models/a.yml',
    '.github/models/b.yml',
    '.github/models/draft-c.yml',
    '.github/models/notes.md',
    '.github/models/nested/d.yml',
    'teams/x/models/e.yml',
    'node_modules/pkg/models/f.yml',
  ]) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), 'x: 1\n');
  }

  it.each([
    [
      ['.github/models/*.yml'],
      ['.github/models/a.yml', '.github/models/b.yml', '.github/models/draft-c.yml'],
    ],
    [
      ['.github/models/*.yml', '!.github/models/draft-*.yml'],
      ['.github/models/a.yml', '.github/models/b.yml'],
    ],
    [
      ['.github/models/**/*.yml'],
      [
        '.github/models/a.yml',
        '.github/models/b.yml',
        '.github/models/draft-c.yml',
        '.github/models/nested/d.yml',
      ],
    ],
    [
      ['**/models/*.yml'],
      [
        '.github/models/a.yml',
        '.github/models/b.yml',
        '.github/models/draft-c.yml',
        'teams/x/models/e.yml',
      ],
    ],
    [['.github/models/a.yml'], ['.github/models/a.yml']],
    [['nowhere/*.yml'], []],
  ])('%j', (patterns, want) => {
    expect(findConfigs(root, patterns)).toEqual(want);
  });

  it.each([
    ['.github/models/*.yml', '.github/models'],
    ['./a/b.yml', 'a'],
    ['**/x.yml', ''],
    ['a/*/c/*.yml', 'a'],
  ])('fixed prefix of %s is %j', (p, want) => {
    expect(fixedPrefix(p)).toBe(want);
  });
});

describe('the fleet file', () => {
  const root = mkdtempSync(join(tmpdir(), 'mra-fleetfile-'));
  const write = (name: string, text: string) => writeFileSync(join(root, name), text);

  it('lists globs, concurrency, shared defaults and pools', () => {
    write(
      'fleet.yml',
      'configs:\n  - .github/models/*.yml\n  - "!.github/models/draft-*.yml"\nconcurrency: 4\ndefaults:\n  publish: { registry: s3://models/registry, alias: production }\npools:\n  self-hosted+gpu: { max_runners: 8 }\n',
    );
    expect(isFleetFile('fleet.yml', root)).toBe(true);
    expect(isFleetFile('.github/models/*.yml', root)).toBe(false);
    expect(readFleetFile('fleet.yml', root)).toEqual({
      file: 'fleet.yml',
      configs: ['.github/models/*.yml', '!.github/models/draft-*.yml'],
      concurrency: 4,
      defaults: { publish: { registry: 's3://models/registry', alias: 'production' } },
      pools: { 'self-hosted+gpu': { max_runners: 8 } },
    });
  });

  it('names the file and line of a mistake', () => {
    write('bad-fleet.yml', 'configs: a/*.yml\nconcurency: 4\n');
    let caught: unknown;
    try {
      readFleetFile('bad-fleet.yml', root);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).message).toMatch(
      /^bad-fleet\.yml:2: fleet file: unknown key "concurency"/,
    );
    expect((caught as UserError).where).toEqual({ file: 'bad-fleet.yml', line: 2 });
  });
});

describe('shared defaults under a model config', () => {
  it('merges maps key by key; the file wins; lists are taken whole', () => {
    const defaults = {
      publish: { registry: 's3://shared', alias: 'production' },
      gate: { min_samples: 200, checks: [{ name: 'shared' }] },
      trigger: { cooldown: '6h' },
    };
    const own = {
      model: { name: 'm' },
      publish: { alias: 'staging' },
      gate: { checks: [{ name: 'own' }] },
    };
    const merged = mergeDefaults(defaults, own);
    expect(merged).toEqual({
      publish: { registry: 's3://shared', alias: 'staging' },
      gate: { min_samples: 200, checks: [{ name: 'own' }] },
      trigger: { cooldown: '6h' },
      model: { name: 'm' },
    });
    (merged as { trigger: { cooldown: string } }).trigger.cooldown = 'changed';
    expect(defaults.trigger.cooldown).toBe('6h');
  });
});

describe('the model an event names', () => {
  it.each([
    [{ client_payload: { model: 'churn', alert_transition: 'Triggered' } }, 'churn'],
    [{ inputs: { model: ' fraud ' } }, 'fraud'],
    [{ inputs: { model: '' } }, undefined],
    [{ schedule: '0 * * * *' }, undefined],
  ])('%j → %s', (payload, want) => {
    expect(targetModel(payload)).toBe(want);
  });
});
