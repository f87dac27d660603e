import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { IssueInfo } from '../../src/github/types.js';
import { buildDatadogEvent, datadogBaseUrl } from '../../src/report/notify/datadog-event.js';
import {
  issueMarker,
  planIssue,
  recordedSeverity,
  renderIssue,
} from '../../src/report/notify/issue-body.js';
import { deliveryOf, runUrl } from '../../src/report/notify/links.js';
import { backoffMs, retryAfterMs } from '../../src/report/notify/retry.js';
import { redact, signBody } from '../../src/report/notify/webhook.js';
import type { RunReport } from '../../src/report/types.js';
import { pythonBin } from '../support/python.js';
import { published, report } from './fixtures.js';

const URL_7001 = 'https://github.com/acme/reviews-model/actions/runs/7001';
const issue = (number: number, body: string, state: 'open' | 'closed' = 'open'): IssueInfo => ({
  number,
  title: 'Model reviews: drift warning',
  body,
  state,
  htmlUrl: `https://github.com/acme/reviews-model/issues/${number}`,
  labels: ['model-retrain'],
});
const mine = (severity: string, n = 3) =>
  issue(
    n,
    `${issueMarker('reviews')}\n<!-- model-retrain-state:{"severity":"${severity}","run":"1"} -->\nbody`,
  );

describe('planIssue', () => {
  it.each<[string, RunReport, IssueInfo[], string, Record<string, unknown>]>([
    [
      'warn, no issue → open',
      report('warn'),
      [],
      'open',
      { title: 'Model reviews: drift warning' },
    ],
    [
      'alert, no issue → open',
      report('alert'),
      [],
      'open',
      { title: 'Model reviews: drift alert' },
    ],
    [
      'warn, same severity → update without comment',
      report('warn'),
      [mine('warn')],
      'update',
      { number: 3, comment: undefined },
    ],
    [
      'warn → alert → update with comment',
      report('alert'),
      [mine('warn')],
      'update',
      { comment: `[run 7001](${URL_7001}): Severity is now **alert** (was warn).` },
    ],
    [
      'alert → warn → update with comment',
      report('warn'),
      [mine('alert')],
      'update',
      { comment: `[run 7001](${URL_7001}): Severity is now **warn** (was alert).` },
    ],
    [
      'held back by the guard → comment',
      report('alert', {
        guard: { blocked: true, reason: 'cooldown: version 7 was published 2h ago' },
      }),
      [mine('alert')],
      'update',
      {
        comment: `[run 7001](${URL_7001}): Retrain held back: cooldown: version 7 was published 2h ago.`,
      },
    ],
    [
      'training failed → comment',
      report('alert', { outcome: 'failed', error: 'cell 4 raised ValueError' }),
      [mine('alert')],
      'update',
      { comment: `[run 7001](${URL_7001}): The run failed: cell 4 raised ValueError.` },
    ],
    ['ok with an issue → close', report('ok'), [mine('warn')], 'close', { numbers: [3] }],
    [
      'ok with duplicates from an older version → close all',
      report('ok'),
      [mine('warn', 5), mine('warn', 2)],
      'close',
      { numbers: [5, 2] },
    ],
    ['ok without an issue → none', report('ok'), [], 'none', {}],
    ['insufficient → none', report('insufficient'), [mine('warn')], 'none', {}],
    [
      'failed before the gate → none',
      report('ok', { outcome: 'failed', gate: undefined }),
      [mine('warn')],
      'none',
      { reason: 'the run failed before the gate' },
    ],
    [
      'retrain job without checks, rejected → comment only',
      report('ok', {
        mode: 'retrain',
        outcome: 'rejected',
        gate: { ...report('ok').gate!, checks: [] },
        verdict: { reason: 'accuracy below floor 0.6' } as never,
      }),
      [mine('alert')],
      'comment',
      {
        numbers: [3],
        comment: `[run 7001](${URL_7001}): Retrained, but the challenger was rejected: accuracy below floor 0.6.`,
      },
    ],
    [
      'retrain job without checks, nothing notable → none',
      report('ok', {
        mode: 'retrain',
        outcome: 'skipped',
        gate: { ...report('ok').gate!, checks: [] },
      }),
      [mine('alert')],
      'none',
      { reason: 'no checks were evaluated; the issue is left as it is' },
    ],
    [
      'Recovered without checks → close',
      report('ok', { gate: undefined, trigger: { ...report('ok').trigger, intent: 'close' } }),
      [mine('warn')],
      'close',
      { numbers: [3] },
    ],
    [
      'promoted → close',
      published(8),
      [mine('alert')],
      'close',
      {
        comment: `Version 8 of \`reviews\` was promoted to \`production\` by [run 7001](${URL_7001}). Closing.`,
      },
    ],
    ['promoted, no issue → none', published(8), [], 'none', {}],
    [
      'another model’s issue is not ours → open',
      report('warn'),
      [issue(9, issueMarker('churn'))],
      'open',
      {},
    ],
    [
      'marker prefix of another model is not ours',
      report('warn'),
      [issue(9, issueMarker('reviews-v2'))],
      'open',
      {},
    ],
  ])('%s', (_d, r, open, action, fields) => {
    const plan = planIssue(r, open, '', URL_7001);
    expect(plan.action).toBe(action);
    for (const [k, v] of Object.entries(fields))
      expect((plan as Record<string, unknown>)[k]).toEqual(v);
  });

  it.each([
    ['<!-- model-retrain-state:{"severity":"alert","run":"9"} -->', 'alert'],
    ['<!-- model-retrain-state:{"severity":"bogus"} -->', undefined],
    ['<!-- model-retrain-state:{not json} -->', undefined],
    ['no state', undefined],
  ])('recordedSeverity(%s) = %s', (body, severity) => {
    expect(recordedSeverity(body)).toBe(severity);
  });

  it('renders a body that records its state and escapes table cells', () => {
    const r = report('warn', {
      trigger: { kind: 'manual', event: 'manual', reason: 'a | b\nc', forced: false, inputs: {} },
    });
    const { body } = renderIssue(r, '', undefined);
    expect(recordedSeverity(body)).toBe('warn');
    expect(body).toContain('| Trigger | a \\| b c |');
    expect(body).toContain('| Last run | 7001 at 2026-11-23 12:01 UTC |');
    expect(body).toContain('| Run | Value |');
    expect(body).not.toMatch(/^\| \| \|$/m);
  });

  it('renders its footer: a blank line after the folded summary', () => {
    const { body } = renderIssue(report('warn'), '## summary', URL_7001);
    expect(body).toMatch(/<\/details>\n\n_Updated by model-retrain-action/);
    expect(body.trimEnd().endsWith('is promoted._')).toBe(true);
  });

  it('keeps the body under GitHub’s limit by dropping an oversized summary', () => {
    const { body } = renderIssue(report('warn'), 'x'.repeat(70_000), URL_7001);
    expect(body.length).toBeLessThan(65_536);
    expect(body).not.toContain('<details>');
    expect(body).toContain('### Drift gate');
    expect(body).toContain(
      "Left out to stay under GitHub's 65,536-character issue limit: run summary.",
    );
  });
});

describe('deliveries and links', () => {
  it.each<[string, RunReport, string | null]>([
    ['published', published(8), 'published'],
    ['rolled back', published(6, { outcome: 'rolled-back' }), 'rolled-back'],
    [
      'shadow',
      published(8, {
        outcome: 'shadow',
        publication: { ...published(8).publication!, aliasMoved: false },
      }),
      null,
    ],
    ['checked', report('warn'), null],
  ])('%s → %s', (_d, r, event) => {
    expect(deliveryOf(r)?.event ?? null).toBe(event);
  });

  it.each([
    [
      { runId: '7001', repository: 'acme/m', serverUrl: 'https://ghe.example.com/' },
      'https://ghe.example.com/acme/m/actions/runs/7001',
    ],
    [
      { runId: 'local-1767229200000', repository: 'acme/m', serverUrl: 'https://github.com' },
      undefined,
    ],
    [{ runId: '7001', serverUrl: 'https://github.com' }, undefined],
  ])('runUrl(%j) = %s', (run, url) => {
    expect(runUrl({ runAttempt: 1, apiUrl: 'x', ...run })).toBe(url);
  });
});

describe('Datadog event', () => {
  it('is a deployment marker within Datadog’s limits', () => {
    const r = published(8);
    r.trigger.reason = 'y'.repeat(5000);
    const d = deliveryOf(r)!;
    const e = buildDatadogEvent(
      { ...d, model: 'm'.repeat(120) },
      r,
      {},
      URL_7001,
      new Date('2026-11-23T12:00:00.900Z'),
    );
    expect(e.text.length).toBeLessThanOrEqual(4000);
    expect(e.text.startsWith('%%% \n')).toBe(true);
    expect(e.text.endsWith('\n %%%')).toBe(true);
    expect(e.aggregation_key.length).toBe(100);
    expect(e.date_happened).toBe(1795435200);
  });

  it.each([
    [{}, undefined, 'https://api.datadoghq.com'],
    [{}, 'datadoghq.eu', 'https://api.datadoghq.eu'],
    [{ site: 'us5.datadoghq.com' }, 'datadoghq.eu', 'https://api.us5.datadoghq.com'],
    [{ url: 'http://127.0.0.1:8126/' }, 'datadoghq.eu', 'http://127.0.0.1:8126'],
  ])('base URL for %j (metrics site %s) = %s', (cfg, site, url) => {
    expect(datadogBaseUrl(cfg, site)).toBe(url);
  });
});

describe('retry arithmetic', () => {
  const policy = { attempts: 5, baseMs: 1000, maxMs: 30_000 };
  it.each([
    [1, undefined, 1000],
    [2, undefined, 2000],
    [4, undefined, 8000],
    [6, undefined, 30_000],
    [1, 5000, 5000],
    [1, 120_000, 30_000],
    [3, 0, 0],
  ])('backoffMs(attempt %d, hint %s) = %d', (attempt, hint, ms) => {
    expect(backoffMs(attempt, policy, hint)).toBe(ms);
  });

  const now = new Date('2026-11-23T12:00:00Z');
  it.each([
    ['3', 3000],
    ['0.5', 500],
    ['Mon, 23 Nov 2026 12:00:10 GMT', 10_000],
    ['Mon, 23 Nov 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('retryAfterMs(%s) = %s', (value, ms) => {
    expect(retryAfterMs(value, now)).toBe(ms);
  });
});

describe('webhook signature', () => {
  it.each([
    ['{"model":"reviews","version":8}', 'whsec_3b7f0c'],
    ['{"title":"AUC ↓ — ünïcode"}', 's3cr3t with spaces'],
    ['', 'k'],
  ])('matches Python’s hmac for %s', (body, secret) => {
    const py = spawnSync(
      pythonBin(),
      [
        '-c',
        'import hmac,hashlib,sys; print("sha256="+hmac.new(sys.argv[1].encode(), sys.argv[2].encode(), hashlib.sha256).hexdigest())',
        secret,
        body,
      ],
      { encoding: 'utf8' },
    );
    expect(py.status, py.stderr).toBe(0);
    expect(signBody(body, secret)).toBe(py.stdout.trim());
  });

  it.each([
    ['https://user:pass@hooks.example.com/a/b?token=xyz', 'https://hooks.example.com/a/b'],
    ['http://127.0.0.1:8080/hook', 'http://127.0.0.1:8080/hook'],
    ['not a url', '(invalid URL)'],
  ])('redact(%s) = %s', (url, shown) => {
    expect(redact(url)).toBe(shown);
  });
});
