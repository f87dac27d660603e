import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOutputs } from '../../src/plan/matrix.js';
import { reportOutputs } from '../../src/report/outputs.js';
import { renderSummary } from '../../src/report/summary.js';
import { SUMMARY_LIMIT_BYTES } from '../../src/report/limits.js';
import { describe as describe_ } from '../../src/report/notify.js';
import { renderIssue } from '../../src/report/notify/issue-body.js';
import type { RunReport } from '../../src/report/types.js';
import type { MetricsResult } from '../../src/metrics/types.js';
import { mermaidBlocks, parseMermaidBlocks } from '../support/mermaid.js';
import { runReportErrors } from '../support/run-report.js';
import { TOOL } from '../../src/version.js';
import { repoRoot } from '../support/python.js';

const base: RunReport = {
  schema: 2,
  tool: TOOL,
  model: 'reviews',
  mode: 'full',
  run: {
    runId: '42',
    runAttempt: 1,
    repository: 'acme/reviews-model',
    sha: '0123456789abcdef0123456789abcdef01234567',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
  },
  commit: '0123456789abcdef0123456789abcdef01234567',
  runUrl: 'https://github.com/acme/reviews-model/actions/runs/42',
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
    windows: {
      current: { start: '2026-11-22T10:00:00.000Z', end: '2026-11-23T10:00:00.000Z' },
      reference: { start: '2026-11-15T10:00:00.000Z', end: '2026-11-22T10:00:00.000Z' },
    },
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
    table: [
      { metric: 'accuracy', champion: 0.75, challenger: 0.95, delta: 0.2, role: 'primary' },
      { metric: 'f1_macro', champion: 0.7, challenger: 0.93, delta: 0.23 },
      { metric: 'latency_ms', champion: 120, challenger: 118, delta: -2 },
    ],
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

const HOUR = 3_600_000;
const END = Date.parse('2026-11-23T10:00:00.000Z');

/** Hourly samples over the reference week and the current day; the current day sinks to 0.62. */
function windows(): MetricsResult {
  const make = (start: number, hours: number, level: (h: number) => number) => {
    const n = hours * 6;
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      timestamps[i] = start + (i * HOUR) / 6;
      values[i] = level(i / 6) + ((i * 7919) % 11) / 500;
    }
    return { name: 'confidence', timestamps, values };
  };
  const country = (start: number, n: number, shares: Record<string, number>) => {
    const labels: string[] = [];
    for (const [k, share] of Object.entries(shares))
      for (let i = 0; i < share * n; i++) labels.push(k);
    const timestamps = Float64Array.from(labels, (_, i) => start + i * 1000);
    return {
      name: 'country',
      timestamps,
      values: new Float64Array(labels.length).fill(NaN),
      labels,
    };
  };
  return {
    source: 'file',
    queries: [],
    current: {
      name: 'current',
      range: { start: END - 24 * HOUR, end: END },
      series: {
        confidence: make(END - 24 * HOUR, 24, () => 0.62),
        country: country(END - 24 * HOUR, 1000, { us: 0.5, de: 0.3, fr: 0.2 }),
      },
    },
    reference: {
      name: 'reference',
      range: { start: END - 8 * 24 * HOUR, end: END - 24 * HOUR },
      series: {
        confidence: make(END - 8 * 24 * HOUR, 7 * 24, () => 0.9),
        country: country(END - 8 * 24 * HOUR, 1000, { us: 0.2, de: 0.3, fr: 0.5 }),
      },
    },
    points: {},
    warnings: [],
  };
}

const withChi2: RunReport = {
  ...base,
  gate: {
    ...base.gate!,
    checks: [
      ...base.gate!.checks,
      {
        name: 'country mix',
        series: 'country',
        statistic: 'chi2',
        value: 0.0004,
        op: '<',
        warn: 0.05,
        alert: 0.01,
        status: 'alert',
        samples: { current: 1000, reference: 1000 },
      },
    ],
  },
};

describe('renderSummary', () => {
  const md = renderSummary(base);
  it.each([
    ['the headline', '## Model retrain · `reviews` · Published a new version'],
    [
      'the decision and its one-line reason: value, level, window',
      '**Decision: `retrain`** (alert) — mean confidence: mean of confidence is 0.6123, past the alert level < 0.7 in the current window 2026-11-22 10:00 → 2026-11-23 10:00 UTC (1440 samples).',
    ],
    [
      'the checks table row, with both sample columns',
      '| mean confidence | confidence | mean | 0.6123 | < 0.8 | < 0.7 | 1440 | — | ALERT |',
    ],
    ['the comparison basis', "re-scored on the challenger's holdout"],
    ['the windows', 'Metrics from `file`: current window 2026-11-22 10:00 → 2026-11-23 10:00 UTC'],
    ['the metrics table row', '| **accuracy** (primary) | 0.75 | 0.95 | +0.2 |'],
    ['the alias move', '`production` → 2 (was 1)'],
    [
      'the run link and commit',
      '[run 42](https://github.com/acme/reviews-model/actions/runs/42) · commit `0123456789ab`',
    ],
    ['the report path', 'report: `/tmp/report.json`'],
    ['a real header on the publication table', '| Publication | Value |'],
  ])('shows %s', (_what, text) => expect(md).toContain(text));

  it('has no table with an empty header row', () => {
    expect(md).not.toMatch(/^\|(\s*\|)+\s*$/m);
  });

  it('orders by what matters: decision, chart, gate, validation, publication; details folded', () => {
    const full = renderSummary({ ...base, training: training(3) }, windows());
    const at = (text: string) => {
      const i = full.indexOf(text);
      expect(i, text).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [
      '**Decision:',
      '```mermaid',
      '### Drift gate',
      '### Validation',
      '### Publication',
      '<details><summary>Training:',
      '<details><summary>Trigger:',
      '<sub>metrics',
    ].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(full).toMatch(/<details><summary>Training: nbclient, 1 min 5 s, 3 files<\/summary>\n\n/);
  });

  it('draws the gated series with its levels, the distribution and champion vs challenger; every chart parses', async () => {
    const full = renderSummary(withChi2, windows());
    const blocks = mermaidBlocks(full);
    expect(blocks).toHaveLength(3);
    expect(await parseMermaidBlocks(full)).toBe(3);
    const [series, categories, validation] = blocks as [string, string, string];
    // 8 days in 6-hour buckets; the current window shaded; warn and alert as flat lines
    expect(series).toContain(
      'title "mean confidence: mean per 6 h"'.replace('mean confidence', 'confidence'),
    );
    const lines = [...series.matchAll(/^ {2}(bar|line) \[(.*)\]$/gm)].map((m) =>
      m[2]!.split(', ').map(Number),
    );
    expect(lines).toHaveLength(4);
    // 32 buckets counted back from the window's end: none reaches past it
    expect(lines[0]).toHaveLength(32);
    expect(new Set(lines[2])).toEqual(new Set([0.8]));
    expect(new Set(lines[3])).toEqual(new Set([0.7]));
    expect(lines[1]!.slice(-4).every((v) => v < 0.7)).toBe(true);
    expect(lines[1]!.slice(0, 28).every((v) => v > 0.9)).toBe(true);
    // shaded bars only over the current window: the others sit on the axis floor
    const floor = Number(/y-axis "confidence" ([\d.]+) -->/.exec(series)![1]);
    expect(lines[0]!.slice(0, 28).every((v) => v === floor)).toBe(true);
    expect(lines[0]!.slice(-4)).toEqual(lines[1]!.slice(-4));
    expect(full).toContain('🟧 warn < 0.8 · 🟥 alert < 0.7');
    expect(categories).toContain('title "country: share per category"');
    expect(categories).toContain('x-axis ["de", "fr", "us", "other"]');
    expect(categories).toMatch(/bar \[30, 50, 20, 0\]\n {2}line \[30, 20, 50, 0\]/);
    // the latency (ms, a hundred times larger) stays in the table, off the chart
    expect(validation).toContain(
      '"accuracy · champion", "accuracy · challenger", "f1_macro · champion"',
    );
    expect(validation).not.toContain('latency');
    expect(full).toContain('1 metric on another scale only in the table');
  });

  it('leaves out a chart that cannot be drawn, never a broken one', async () => {
    const m = windows();
    m.current.series.confidence = {
      name: 'confidence',
      timestamps: new Float64Array([END - HOUR]),
      values: new Float64Array([NaN]),
    };
    m.reference!.series.confidence = { ...m.current.series.confidence };
    const md2 = renderSummary(base, m);
    expect(await parseMermaidBlocks(md2)).toBe(1); // the validation chart only
    const cold = renderSummary({
      ...base,
      verdict: {
        ...base.verdict!,
        table: [{ metric: 'accuracy', champion: null, challenger: 0.9, delta: null }],
      },
    });
    expect(mermaidBlocks(cold)).toHaveLength(0);
  });

  it('shows units and labels a p-value as one', () => {
    const md2 = renderSummary({
      ...withChi2,
      metrics: { ...base.metrics!, queries: [{ series: 'confidence', query: 'q', unit: 'ms' }] },
    });
    expect(md2).toContain(
      '| mean confidence | confidence | mean | 0.6123 ms | < 0.8 ms | < 0.7 ms |',
    );
    expect(md2).toContain(
      '| country mix | country | chi2 (p-value of the test) | p = 0.0004 | p < 0.05 | p < 0.01 |',
    );
  });

  it('shows a failing cell with its error, and the failure box keeps <placeholders>', () => {
    const failed = renderSummary({
      ...base,
      outcome: 'failed',
      error: 'metrics.json: add "<metric>": <number> to the file under <file under output_dir>',
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
    expect(failed).toContain(
      '> [!CAUTION]\n> metrics.json: add &quot;&lt;metric&gt;&quot;: &lt;number&gt; to the file under &lt;file under output\\_dir&gt;',
    );
    expect(failed.indexOf('### Training failed')).toBeLessThan(failed.indexOf('### Drift gate'));
  });

  it('a retrain held back by the cooldown tells one story: title, decision and gate heading', () => {
    const held: RunReport = {
      ...base,
      decision: 'skip',
      outcome: 'skipped',
      verdict: undefined,
      publication: undefined,
      guard: {
        blocked: true,
        by: 'cooldown',
        until: '2026-11-23T16:00:00.000Z',
        reason: 'cooldown: version 1 was published 2h ago; next retrain allowed in 4h',
      },
    };
    const text = renderSummary(held);
    expect(text).toContain(
      '## Model retrain · `reviews` · Held back: cooldown until 2026-11-23 16:00 UTC',
    );
    expect(text).toContain(
      '**Decision: `skip`** (alert, retrain held back: cooldown until 2026-11-23 16:00 UTC) — mean confidence',
    );
    expect(text).toContain('### Drift gate: ALERT (held back by cooldown)');
    expect(text).not.toContain('No retrain needed');
    expect(text).not.toContain('→ retrain');
    expect(runReportErrors(JSON.parse(JSON.stringify(held)))).toEqual([]);
    const checked = renderSummary({ ...held, mode: 'check', outcome: 'checked' });
    expect(checked).toContain('· Held back: cooldown until 2026-11-23 16:00 UTC');
    const served = renderSummary({
      ...held,
      guard: {
        blocked: true,
        by: 'duplicate',
        reason: 'alert cycle x already retrained: version 2',
      },
    });
    expect(served).toContain('· Held back: already retrained for this request');
    expect(served).toContain('### Drift gate: ALERT (held back by de-duplication)');
  });

  it('the failure box shows a fix command as code, and folded titles without Markdown escapes', () => {
    const text = renderSummary({
      ...base,
      outcome: 'failed',
      error:
        'the interpreter lacks nbclient; install them with `python -m pip install nbclient` <now>',
      trigger: {
        ...base.trigger,
        event: 'workflow_dispatch',
        reason: 'workflow_dispatch by octo_cat',
      },
    });
    expect(text).toContain(
      '> the interpreter lacks nbclient; install them with `python -m pip install nbclient` &lt;now&gt;',
    );
    expect(text).toContain('<summary>Trigger: workflow_dispatch by octo_cat</summary>');
  });

  it('escapes text from outside in every section', () => {
    const hostile = '<img src=x onerror=alert(1)> @octo-team [x](https://evil.example) | **b**';
    const md2 = renderSummary({
      ...base,
      error: hostile,
      guard: { blocked: true, reason: hostile },
      trigger: {
        ...base.trigger,
        reason: hostile,
        alert: { transition: 'Triggered', title: hostile, scope: hostile, extra: {} },
      },
      gate: {
        ...base.gate!,
        reasons: [hostile],
        checks: [{ ...base.gate!.checks[0]!, name: 'a|b', note: hostile }],
      },
      verdict: { ...base.verdict!, reason: hostile },
      notifications: { issue: { status: 'failed', error: hostile } },
    });
    expect(md2).toContain('| a\\|b |');
    expect(md2).not.toContain('<img');
    expect(md2).not.toContain('@octo');
    expect(md2).not.toContain('](https://evil');
    // A <summary> is HTML, where **b** is plain text; everywhere else it is escaped.
    expect(md2.replace(/<summary>.*?<\/summary>/g, '')).not.toContain('**b**');
    for (const line of md2
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))) {
      const header = md2
        .split('\n')
        .find((l) => l.startsWith('| ') && md2.indexOf(l) <= md2.indexOf(line));
      expect(header).toBeDefined();
    }
  });

  it('shows notifications as words and links, not JSON', () => {
    const md2 = renderSummary({
      ...base,
      notifications: {
        issue: {
          status: 'opened',
          number: 12,
          url: 'https://github.com/acme/reviews-model/issues/12',
        },
        deployment: { status: 'created', id: 5, environment: 'production', statusId: 9 },
        webhook: { status: 'failed', error: 'HTTP 500 from https://hooks.example/x' },
      },
    });
    expect(md2).toContain('| Channel | Result |');
    expect(md2).toContain(
      '| issue | **opened** · [#12](https://github.com/acme/reviews-model/issues/12) |',
    );
    expect(md2).toContain(
      '| deployment | **created** · id 5 · environment production · statusId 9 |',
    );
    expect(md2).toContain(
      '| webhook | **failed** · error HTTP 500 from https:&#8203;//hooks.example/x |',
    );
    expect(md2).not.toContain('{"status');
  });

  it('stays under 1 MiB by leaving out the least important parts first, and says so', () => {
    const big = renderSummary({ ...base, training: training(40_000) }, windows());
    expect(Buffer.byteLength(big)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(big).toContain(
      "Left out to stay under GitHub's 1 MiB job summary limit: training details.",
    );
    expect(big).toContain('```mermaid');
    expect(big).toContain('### Publication');
    // a smaller limit leaves out more, in order, and still ends in the footer note
    const small = renderSummary({ ...base, training: training(40) }, windows(), 3_000);
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(3_000);
    expect(small).toMatch(/Left out to stay under .*: training details, trigger/);
    expect(small).toContain('**Decision: `retrain`**');
  });

  it('cuts what does not fit even then, closing an open code fence', () => {
    const huge = renderSummary({ ...base, error: 'x'.repeat(3_000) }, undefined, 2_000);
    expect(Buffer.byteLength(huge)).toBeLessThanOrEqual(2_000);
    expect(huge).toContain("Cut to stay under GitHub's 1 MiB job summary limit.");
  });

  it('every report here validates against the published schema', () => {
    for (const r of [base, withChi2, { ...base, training: training(2) }])
      expect(runReportErrors(JSON.parse(JSON.stringify(r)))).toEqual([]);
    expect(
      runReportErrors({
        ...base,
        metrics: { ...base.metrics!, windows: { current: { start: 1, end: 2 } } },
      }),
    ).not.toEqual([]);
  });
});

describe('the warning issue', () => {
  it('leads with the decision and the chart; every chart parses; the footer renders', async () => {
    const { body } = renderIssue(
      { ...withChi2, severity: 'warn' },
      renderSummary(withChi2, windows()),
      base.runUrl!,
      windows(),
    );
    expect(body.indexOf('**Decision:')).toBeLessThan(body.indexOf('```mermaid'));
    expect(body.indexOf('```mermaid')).toBeLessThan(body.indexOf('| Run | Value |'));
    // the issue's own charts and those of the folded summary
    expect(await parseMermaidBlocks(body)).toBe(5);
    expect(body).toMatch(/<\/details>\n\n_Updated by model-retrain-action/);
  });

  it('stays under 65,536 characters with thousands of checks, leaving out the summary first', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({
      ...base.gate!.checks[0]!,
      name: `check ${i}`,
    }));
    const r: RunReport = { ...base, severity: 'warn', gate: { ...base.gate!, checks: many } };
    const { body } = renderIssue(r, renderSummary(r), base.runUrl!, windows());
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(
      /Left out to stay under GitHub's 65,536-character issue limit: run summary/,
    );
    expect(body).toContain('**Decision:');
    expect(body).toContain('\n\n_Updated by model-retrain-action');
  });
});

describe('the deployment description', () => {
  it('is one line of plain text, at most 140 characters', () => {
    const d = describe_({
      event: 'published',
      model: `m\n::error::x${'y'.repeat(200)}`,
      version: 3,
      uri: 'u',
      manifest: 'm',
      alias: 'production',
      previous: 2,
    });
    expect(d).not.toMatch(/\n|::/);
    expect(d.length).toBeLessThanOrEqual(140);
  });
});

function training(files: number): NonNullable<RunReport['training']> {
  return {
    engine: 'nbclient',
    executedNotebook: '/tmp/run/executed.ipynb',
    outputDir: '/tmp/run/train',
    modelDir: '/tmp/run/train/model',
    metrics: { challenger: { accuracy: 0.95 } },
    files: Array.from({ length: files }, (_, i) => ({
      path: `model/shard-${i}.bin`,
      size: 1024 * i,
    })),
    durationS: 65,
    slowestCells: [{ index: 4, executionCount: 3, durationS: 60, firstLine: 'model.fit(x, y)' }],
  };
}

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
      'gate-verdict': base.gate
        ? JSON.stringify({
            decision: 'retrain',
            severity: 'alert',
            reasons: base.gate.reasons,
            checks: base.gate.checks,
            ...(base.runUrl ? { run: base.runUrl } : {}),
            at: base.finishedAt ?? base.startedAt,
          })
        : '',
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
      ...action.slice(action.indexOf('\noutputs:')).matchAll(/^ {2}([a-z0-9-]+):$/gm),
    ].map((m) => m[1]);
    // A run sets the report's outputs; a plan (mode: plan) sets the fleet's.
    const produced = [...Object.keys(reportOutputs(base)), ...Object.keys(planOutputs([], 0, ''))];
    expect(declared.sort()).toEqual(produced.sort());
  });
});
