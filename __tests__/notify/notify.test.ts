import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { notify } from '../../src/report/notify.js';
import { issueMarker } from '../../src/report/notify/issue-body.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-standin.js';
import { config, context, published, report, SHA, REPO } from './fixtures.js';
import {
  startDatadogEvents,
  startWebhookReceiver,
  type DatadogEventsStandIn,
  type WebhookReceiver,
} from './receivers.js';

const TOKEN = 'ghs_all';
const SECRET = 'whsec_3b7f0c';
const DD_KEY = 'dd-api-key-0123';
let gh: GitHubStandIn;

beforeEach(async () => {
  gh = await startGitHubStandIn({
    repository: REPO,
    commits: [SHA],
    tokens: {
      [TOKEN]: { issues: 'write', deployments: 'write' },
      ghs_read_only: { issues: 'read', deployments: 'read' },
      ghs_no_deploy: { issues: 'write' },
    },
  });
});
afterEach(async () => {
  await gh.close();
});

const ctx = (token: string | undefined = TOKEN, runId = '7001') =>
  context(gh.url, { githubToken: token, webhookSecret: SECRET, datadogApiKey: DD_KEY }, runId);

describe('notify: the model issue', () => {
  const cfg = config({ issue: { labels: ['model-retrain', 'ml'] } }, 'issue');

  it('opens, updates, escalates and closes one issue per model across runs', async () => {
    // warn: opened, with the marker, labels and the checks table
    let r = await notify(
      { config: cfg, report: report('warn'), summaryMarkdown: '## Summary' },
      ctx(),
    );
    expect(r.issue).toMatchObject({ status: 'opened', number: 1 });
    expect(gh.issues).toHaveLength(1);
    const issue = gh.issues[0]!;
    expect(issue).toMatchObject({
      state: 'open',
      title: 'Model reviews: drift warning',
      labels: ['model-retrain', 'ml'],
    });
    expect(issue.body).toContain(issueMarker('reviews'));
    expect(issue.body).toContain(
      '| auc-mean | auc | mean | 0.88 | < 0.9 | < 0.85 | 1440 | 10080 | WARN |',
    );
    expect(issue.body).toContain('[7001](https://github.com/acme/reviews-model/actions/runs/7001)');
    expect(issue.body).toContain('## Summary');

    // warn again: the same issue is edited, no duplicate, no comment (nothing changed)
    r = await notify(
      { config: cfg, report: report('warn', {}, '7002'), summaryMarkdown: '' },
      ctx(TOKEN, '7002'),
    );
    expect(r.issue).toMatchObject({ status: 'updated', number: 1, commented: false });
    expect(gh.issues).toHaveLength(1);
    expect(issue.body).toContain('actions/runs/7002');
    expect(issue.comments).toHaveLength(0);

    // alert: title and body change, a comment records the escalation
    r = await notify(
      {
        config: cfg,
        report: report(
          'alert',
          {
            outcome: 'rejected',
            verdict: { status: 'reject', reason: 'auc +0.001 < min_change 0.005' } as never,
          },
          '7003',
        ),
        summaryMarkdown: '',
      },
      ctx(TOKEN, '7003'),
    );
    expect(r.issue).toMatchObject({ status: 'updated', commented: true });
    expect(issue.title).toBe('Model reviews: drift alert');
    expect(issue.comments.map((c) => c.body)).toEqual([
      '[run 7003](https://github.com/acme/reviews-model/actions/runs/7003): Severity is now **alert** (was warn). Retrained, but the challenger was rejected: auc +0.001 &lt; min\\_change 0.005.',
    ]);

    // insufficient data: left alone
    r = await notify(
      { config: cfg, report: report('insufficient', {}, '7004'), summaryMarkdown: '' },
      ctx(TOKEN, '7004'),
    );
    expect(r.issue).toMatchObject({ status: 'unchanged' });
    expect(issue.state).toBe('open');

    // healthy: closed with a comment
    r = await notify(
      { config: cfg, report: report('ok', {}, '7005'), summaryMarkdown: '' },
      ctx(TOKEN, '7005'),
    );
    expect(r.issue).toMatchObject({ status: 'closed', numbers: [1] });
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(issue.comments.at(-1)?.body).toContain('`reviews` is healthy again');

    // a new warning after closing opens a fresh issue
    r = await notify(
      { config: cfg, report: report('warn', {}, '7006'), summaryMarkdown: '' },
      ctx(TOKEN, '7006'),
    );
    expect(r.issue).toMatchObject({ status: 'opened', number: 2 });
    expect(gh.issues.filter((i) => i.state === 'open').map((i) => i.number)).toEqual([2]);
  });

  it('closes the issue when a new version is promoted, leaving other models alone', async () => {
    await notify({ config: cfg, report: report('alert'), summaryMarkdown: '' }, ctx());
    // another model's issue with the same label
    const other = config({ issue: { labels: ['model-retrain'] } }, 'issue');
    other.model.name = 'churn';
    await notify(
      { config: other, report: { ...report('warn'), model: 'churn' }, summaryMarkdown: '' },
      ctx(),
    );
    expect(gh.issues.map((i) => i.state)).toEqual(['open', 'open']);

    const r = await notify(
      { config: cfg, report: published(8, {}, '7010'), summaryMarkdown: '' },
      ctx(TOKEN, '7010'),
    );
    expect(r.issue).toMatchObject({ status: 'closed', numbers: [1] });
    expect(gh.issues.map((i) => i.state)).toEqual(['closed', 'open']);
    expect(gh.issues[0]!.comments.at(-1)?.body).toBe(
      'Version 8 of `reviews` was promoted to `production` by [run 7010](https://github.com/acme/reviews-model/actions/runs/7010). Closing.',
    );
  });

  it.each([
    // on_warn, issue config, expect the issue target to run
    ['report', {}, false],
    ['issue', {}, true],
    ['report', { issue: { enabled: true } }, true],
    ['issue', { issue: { enabled: false } }, false],
  ] as const)('on_warn=%s, notify=%j → issue target runs: %s', async (onWarn, notifyCfg, runs) => {
    const r = await notify(
      { config: config(notifyCfg, onWarn), report: report('warn'), summaryMarkdown: '' },
      ctx(),
    );
    expect('issue' in r).toBe(runs);
    expect(gh.issues.length).toBe(runs ? 1 : 0);
  });

  it('a token without issues: write is a warning naming the permission, not a failure', async () => {
    const c = ctx('ghs_read_only');
    const r = await notify({ config: cfg, report: report('warn'), summaryMarkdown: '' }, c);
    expect(r.issue).toMatchObject({ status: 'failed' });
    const error = (r.issue as { error: string }).error;
    expect(error).toContain('the token lacks the "issues: write" permission');
    expect(error).toContain('permissions: issues: write');
    expect(c.logger.warnings).toEqual([`notify issue: ${error}`]);
    expect(gh.issues).toHaveLength(0);
  });

  it('a required issue notification fails the run with a user error', async () => {
    const strict = config({ issue: { enabled: true, required: true } });
    await expect(
      notify({ config: strict, report: report('warn'), summaryMarkdown: '' }, ctx('ghs_read_only')),
    ).rejects.toThrowError(UserError);
  });

  it('a bad token and a missing token say what to fix', async () => {
    let r = await notify(
      { config: cfg, report: report('warn'), summaryMarkdown: '' },
      ctx('ghs_revoked'),
    );
    expect((r.issue as { error: string }).error).toMatch(
      /token was rejected \(401 Bad credentials\); check the github-token input/,
    );
    r = await notify(
      { config: cfg, report: report('warn'), summaryMarkdown: '' },
      context(gh.url, {}),
    );
    expect((r.issue as { error: string }).error).toMatch(
      /no GitHub token; pass the github-token input/,
    );
  });

  it('retries a 5xx from GitHub and still opens exactly one issue', async () => {
    gh.failNext('POST', /\/issues$/, 502, 1, { message: 'Server Error' });
    const r = await notify({ config: cfg, report: report('warn'), summaryMarkdown: '' }, ctx());
    expect(r.issue).toMatchObject({ status: 'opened' });
    expect(gh.issues).toHaveLength(1);
    expect(gh.log.filter((l) => l.method === 'POST').map((l) => l.status)).toEqual([502, 201]);
  });
});

describe('notify: GitHub rate limits', () => {
  const cfg = config({ issue: { enabled: true } });
  it.each([
    [
      'secondary limit (403 + Retry-After)',
      403,
      { 'retry-after': '0' },
      'You have exceeded a secondary rate limit.',
    ],
    ['429 + Retry-After', 429, { 'retry-after': '0' }, 'Too Many Requests'],
    [
      'primary limit exhausted (reset already passed)',
      403,
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' },
      'API rate limit exceeded for installation ID 51234567.',
    ],
  ])('waits out a %s and opens the issue', async (_d, status, headers, message) => {
    gh.failNext(
      'GET',
      /\/issues$/,
      status,
      1,
      { message, documentation_url: 'https://docs.github.com/rest' },
      headers,
    );
    const r = await notify({ config: cfg, report: report('warn'), summaryMarkdown: '' }, ctx());
    expect(r.issue).toMatchObject({ status: 'opened' });
    expect(gh.log.filter((l) => l.method === 'GET').map((l) => l.status)).toEqual([status, 200]);
  });

  it('a plain 403 is not retried', async () => {
    gh.failNext('GET', /\/issues$/, 403, 1, { message: 'Must have admin rights to Repository.' });
    const r = await notify({ config: cfg, report: report('warn'), summaryMarkdown: '' }, ctx());
    expect(r.issue).toMatchObject({
      status: 'failed',
      error: 'GitHub: cannot list issues: HTTP 403 Must have admin rights to Repository.',
    });
    expect(gh.log).toHaveLength(1);
  });
});

describe('notify: publication targets', () => {
  let hook: WebhookReceiver;
  let dd: DatadogEventsStandIn;
  beforeAll(async () => {
    dd = await startDatadogEvents(DD_KEY);
  });
  afterAll(async () => {
    await dd.close();
  });
  beforeEach(async () => {
    hook = await startWebhookReceiver(SECRET);
    dd.events.length = 0;
  });
  afterEach(async () => {
    await hook.close();
  });

  const all = () =>
    config({
      deployment: { environment: 'production', url: 'https://models.acme.example/reviews' },
      webhook: { url: hook.url, retry_delay: '20ms' },
      datadog: { url: dd.url, tags: ['env:prod'] },
    });

  it('records a deployment, calls the serving webhook and posts a Datadog marker', async () => {
    const r = await notify({ config: all(), report: published(8), summaryMarkdown: '' }, ctx());
    expect(r.deployment).toMatchObject({ status: 'created', environment: 'production' });
    expect(gh.deployments).toHaveLength(1);
    const d = gh.deployments[0]!;
    expect(d).toMatchObject({
      ref: SHA,
      sha: SHA,
      environment: 'production',
      task: 'deploy:model',
      production_environment: true,
      payload: {
        model: 'reviews',
        version: 8,
        uri: 's3://models/registry/reviews/versions/8/files/',
        manifest: 's3://models/registry/reviews/versions/8/manifest.json',
        alias: 'production',
        previous: 7,
      },
    });
    expect(d.statuses).toEqual([
      expect.objectContaining({
        state: 'success',
        log_url: 'https://github.com/acme/reviews-model/actions/runs/7001',
        environment_url: 'https://models.acme.example/reviews',
      }),
    ]);

    expect(r.webhook).toMatchObject({ status: 'delivered', http: 200, attempts: 1, signed: true });
    expect(hook.accepted).toHaveLength(1);
    expect(hook.accepted[0]!.body).toMatchObject({
      event: 'published',
      model: 'reviews',
      version: 8,
      uri: 's3://models/registry/reviews/versions/8/files/',
      manifest: 's3://models/registry/reviews/versions/8/manifest.json',
      alias: 'production',
      previous: 7,
      run: { id: '7001', repository: REPO, sha: SHA },
    });
    expect(hook.accepted[0]!.headers['x-model-retrain-event']).toBe('published');

    expect(r.datadog).toMatchObject({ status: 'posted', id: '7716548234011234567' });
    expect(dd.events).toEqual([
      expect.objectContaining({
        title: 'Deployed reviews v8 to production',
        tags: [
          'deployment',
          'service:reviews',
          'model:reviews',
          'version:8',
          'alias:production',
          'env:prod',
        ],
        alert_type: 'info',
        aggregation_key: 'model-retrain-reviews',
      }),
    ]);
  });

  it('a second deployment marks the earlier one inactive', async () => {
    await notify({ config: all(), report: published(8), summaryMarkdown: '' }, ctx());
    await notify({ config: all(), report: published(9), summaryMarkdown: '' }, ctx(TOKEN, '7002'));
    expect(gh.deployments.map((d) => d.statuses.at(-1)?.state)).toEqual(['inactive', 'success']);
  });

  it.each([
    ['checked', report('warn')],
    [
      'shadow',
      published(8, {
        outcome: 'shadow',
        publication: { ...published(8).publication!, aliasMoved: false },
      }),
    ],
  ])('nothing is delivered when the alias did not move (%s)', async (_what, r) => {
    const out = await notify({ config: all(), report: r, summaryMarkdown: '' }, ctx());
    expect(out).toEqual({});
    expect(gh.deployments).toHaveLength(0);
    expect(hook.seen).toBe(0);
    expect(dd.events).toHaveLength(0);
  });

  it('a rollback is delivered as such', async () => {
    const r = published(6, { outcome: 'rolled-back', mode: 'rollback' });
    r.publication!.previousVersion = 8;
    await notify({ config: all(), report: r, summaryMarkdown: '' }, ctx());
    expect(hook.accepted[0]!.body).toMatchObject({ event: 'rolled-back', version: 6, previous: 8 });
    expect(dd.events[0]).toMatchObject({
      title: 'Rolled back reviews to v6 (production)',
      alert_type: 'warning',
    });
    expect(gh.deployments[0]!.description).toBe('reviews rolled back to v6');
  });

  it.each([
    ['503 twice', 503, 2, 'delivered', 3],
    ['a dropped connection', 0, 1, 'delivered', 2],
    ['429 with Retry-After', 429, 1, 'delivered', 2],
    ['503 beyond the attempts', 503, 5, 'failed', 5],
    ['400 (not retried)', 400, 1, 'failed', 1],
  ])('webhook after %s: %s', async (_d, status, times, outcome, seen) => {
    hook.failNext(status, times, status === 429 ? { 'retry-after': '0' } : {});
    const c = ctx();
    const r = await notify(
      {
        config: config({ webhook: { url: hook.url, retry_delay: '10ms' } }),
        report: published(8),
        summaryMarkdown: '',
      },
      c,
    );
    expect(r.webhook).toMatchObject({ status: outcome });
    expect(hook.seen).toBe(seen);
    expect(hook.accepted).toHaveLength(outcome === 'delivered' ? 1 : 0);
    expect(c.logger.warnings).toHaveLength(outcome === 'failed' ? 1 : 0);
  });

  it('the receiver rejects a body signed with another secret', async () => {
    const c = context(gh.url, { githubToken: TOKEN, webhookSecret: 'not-the-secret' });
    const r = await notify(
      { config: config({ webhook: { url: hook.url } }), report: published(8), summaryMarkdown: '' },
      c,
    );
    expect(r.webhook).toMatchObject({ status: 'failed' });
    expect((r.webhook as { error: string }).error).toContain('HTTP 401 bad signature');
    expect(hook.rejected).toBe(1);
    expect(JSON.stringify(r)).not.toContain('not-the-secret');
  });

  it('a required webhook that fails fails the run', async () => {
    hook.failNext(404, 1);
    await expect(
      notify(
        {
          config: config({ webhook: { url: hook.url, required: true } }),
          report: published(8),
          summaryMarkdown: '',
        },
        ctx(),
      ),
    ).rejects.toThrow(
      /required notification failed: webhook: webhook http:\/\/127\.0\.0\.1:\d+\/hooks\/model: HTTP 404/,
    );
  });

  it('a token without deployments: write names the permission; other targets still run', async () => {
    const r = await notify(
      { config: all(), report: published(8), summaryMarkdown: '' },
      ctx('ghs_no_deploy'),
    );
    expect((r.deployment as { error: string }).error).toContain('permissions: deployments: write');
    expect(r.webhook).toMatchObject({ status: 'delivered' });
    expect(r.datadog).toMatchObject({ status: 'posted' });
  });

  it('Datadog: waits out a 429 and needs the API key', async () => {
    dd.rateLimitNext(1, 0);
    let r = await notify(
      { config: config({ datadog: { url: dd.url } }), report: published(8), summaryMarkdown: '' },
      ctx(),
    );
    expect(r.datadog).toMatchObject({ status: 'posted', attempts: 2 });
    const c = context(gh.url, { githubToken: TOKEN });
    r = await notify(
      { config: config({ datadog: { url: dd.url } }), report: published(9), summaryMarkdown: '' },
      c,
    );
    expect((r.datadog as { error: string }).error).toMatch(
      /no Datadog API key; pass the datadog-api-key input/,
    );
    const bad = context(gh.url, { datadogApiKey: 'wrong' });
    r = await notify(
      { config: config({ datadog: { url: dd.url } }), report: published(9), summaryMarkdown: '' },
      bad,
    );
    expect((r.datadog as { error: string }).error).toMatch(
      /API key was rejected \(403 Forbidden\)/,
    );
    expect(dd.events).toHaveLength(1);
  });
});
