import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportOutputs } from '../../src/report/outputs.js';
import { renderSummary } from '../../src/report/summary.js';
import type { RunReport } from '../../src/report/types.js';
import { TOOL } from '../../src/version.js';
import { repoRoot } from '../support/python.js';

const base: RunReport = {
  schema: 1,
  tool: TOOL,
  model: 'reviews',
  mode: 'full',
  run: {
    runId: '42',
    runAttempt: 1,
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
  },
  startedAt: '2026-11-23T10:00:00.000Z',
  trigger: {
    kind: 'schedule',
    event: 'schedule',
    reason: 'scheduled check',
    forced: false,
    inputs: {},
  },
  decision: 'retrain',
  severity: 'alert',
  gate: {
    checks: [
      {
        name: 'mean confidence',
        series: 'confidence',
        statistic: 'mean',
        value: 0.612345,
        op: '<',
        warn: 0.8,
        alert: 0.7,
        status: 'alert',
        samples: { current: 1440 },
      },
    ],
    severity: 'alert',
    decision: 'retrain',
    reasons: ['mean confidence is 0.6123, below the alert threshold 0.7'],
    forced: false,
    dryRun: false,
  },
  metrics: {
    source: 'file',
    queries: [],
    windows: { current: { start: 1763805600000, end: 1763892000000 } },
    points: {},
    warnings: [],
  },
  champion: { version: 1, createdAt: '2026-11-20T10:00:00.000Z' },
  verdict: {
    status: 'promote',
    reason: 'accuracy improved by 0.2',
    coldStart: false,
    comparison: 'rescored',
    rules: [{ rule: 'primary improves', metric: 'accuracy', passed: true, detail: '0.95 vs 0.75' }],
    table: [{ metric: 'accuracy', champion: 0.75, challenger: 0.95, delta: 0.2 }],
    advisory: false,
  },
  publication: {
    version: 2,
    uri: '/r/reviews/versions/2/files',
    manifestUri: '/r/reviews/versions/2/manifest.json',
    alias: 'production',
    aliasMoved: true,
    previousVersion: 1,
    resumed: false,
  },
  timings: { metrics: 0.1, train: 5.2 },
  outcome: 'published',
  path: '/tmp/report.json',
};

describe('renderSummary', () => {
  const md = renderSummary(base);
  it.each([
    ['the headline', '## Model retrain · `reviews` · Published a new version'],
    ['the decision', '**Decision:** `retrain` · **severity:** `alert`'],
    [
      'the checks table row',
      '| mean confidence | confidence | mean | 0.6123 | < 0.8 | < 0.7 | 1440 | ALERT |',
    ],
    ['the comparison basis', "re-scored on the challenger's holdout"],
    ['the windows', 'Metrics from `file`'],
    ['the metrics table row', '| accuracy | 0.75 | 0.95 | +0.2 |'],
    ['the alias move', '`production` → 2 (was 1)'],
    ['the report path', 'report: `/tmp/report.json`'],
  ])('shows %s', (_what, text) => expect(md).toContain(text));

  it('shows a failing cell with its error', () => {
    const failed = renderSummary({
      ...base,
      outcome: 'failed',
      error: 'training failed',
      verdict: undefined,
      publication: undefined,
      trainingFailure: {
        kind: 'exception',
        message: 'cell 3 raised ValueError',
        executedNotebook: '/tmp/executed.ipynb',
        cell: {
          index: 3,
          executionCount: 3,
          source: 'raise ValueError("x")',
          ename: 'ValueError',
          evalue: 'x',
          traceback: 'Traceback…',
        },
      },
    });
    expect(failed).toContain('### Training failed (exception)');
    expect(failed).toMatch(/```python\nraise ValueError\("x"\)\n```/);
    expect(failed).toContain('ValueError: x');
    expect(failed).toContain('`/tmp/executed.ipynb`');
    expect(failed).toContain('> [!CAUTION]');
  });

  it('escapes table cells', () => {
    const md2 = renderSummary({
      ...base,
      gate: { ...base.gate!, checks: [{ ...base.gate!.checks[0]!, name: 'a|b' }] },
    });
    expect(md2).toContain('| a\\|b |');
  });
});

describe('reportOutputs', () => {
  it('exposes the key fields', () => {
    expect(reportOutputs(base)).toEqual({
      decision: 'retrain',
      severity: 'alert',
      verdict: 'promote',
      version: '2',
      'model-uri': '/r/reviews/versions/2/files',
      'previous-version': '1',
      outcome: 'published',
      'serving-version': '2',
      report: '/tmp/report.json',
    });
  });
  it('leaves version empty when nothing was published', () => {
    expect(
      reportOutputs({ ...base, publication: undefined, verdict: undefined, outcome: 'skipped' }),
    ).toMatchObject({
      version: '',
      verdict: '',
      'model-uri': '',
    });
  });
});

describe('project hygiene', () => {
  it("the version recorded in reports is package.json's", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(TOOL.version).toBe(pkg.version);
  });
  it('the README inputs/outputs tables are generated from action.yml', () => {
    execFileSync(process.execPath, ['scripts/gen-readme.mjs', '--check'], { cwd: repoRoot });
  });
  it('every output of action.yml is produced', () => {
    const action = readFileSync(join(repoRoot, 'action.yml'), 'utf8');
    const declared = [
      ...action.slice(action.indexOf('\noutputs:')).matchAll(/^ {2}([a-z-]+):$/gm),
    ].map((m) => m[1]);
    expect(declared.sort()).toEqual(Object.keys(reportOutputs(base)).sort());
  });
});
