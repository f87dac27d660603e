import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleConfig, makeWorkspace } from '../e2e/workspace.js';
import { runAction, type ActionRun } from '../support/action.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-standin.js';
import { repoRoot } from '../support/python.js';
import { startWebhookReceiver, type WebhookReceiver } from './receivers.js';

// Every trigger and monitor transition through the bundle, against the GitHub API stand-in
// (GITHUB_API_URL) and a serving webhook that verifies signatures: what the repository's
// issues, deployments and the serving platform hold after each run.

const bundle = process.env.MRA_BUNDLE ?? resolve(repoRoot, 'dist/index.js');
// The notify room is a chunk of its own (loaded by dynamic import) beside the bundle.
const wired =
  existsSync(bundle) &&
  readdirSync(dirname(bundle))
    .filter((f) => f.endsWith('.js'))
    .some((f) => readFileSync(join(dirname(bundle), f), 'utf8').includes('model-retrain-state'));
const SHA = '0123456789abcdef0123456789abcdef01234567';
const TOKEN = 'ghs_e2e_all';
const SECRET = 'whsec_e2e';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(join(repoRoot, '__tests__/fixtures/events', `${name}.json`), 'utf8'),
  ) as Record<string, unknown>;

function config(
  hookUrl: string,
  opts: { metrics: 'healthy' | 'drifted'; trust?: boolean },
): string {
  return (
    exampleConfig({ metrics: opts.metrics, drift: opts.metrics === 'drifted' }) +
    (opts.trust ? '  trust_alert: true\n' : '') +
    `report:
  notify:
    issue:
      enabled: true
      labels: [model-retrain, ml]
    deployment:
      environment: production
      url: https://models.acme.example/reviews
    webhook:
      url: ${hookUrl}
      retry_delay: 50ms
`
  );
}

describe.skipIf(!wired).each(['current', 'node24'] as const)(
  'notifications through the bundle on %s',
  (node) => {
    let gh: GitHubStandIn;
    let hook: WebhookReceiver;
    let ws: string;
    beforeAll(async () => {
      gh = await startGitHubStandIn({
        repository: 'acme/reviews-model',
        commits: [SHA],
        tokens: {
          [TOKEN]: { issues: 'write', deployments: 'write' },
          ghs_e2e_read: { issues: 'read', deployments: 'read' },
        },
      });
      hook = await startWebhookReceiver(SECRET);
      ws = makeWorkspace(config(hook.url, { metrics: 'healthy' }));
    });
    afterAll(async () => {
      await gh?.close();
      await hook?.close();
    });

    const run = async (
      eventName: string,
      payload: Record<string, unknown>,
      mode: string,
      token = TOKEN,
    ): Promise<ActionRun> => {
      const res = await runAction({
        node,
        workspace: ws,
        eventName,
        payload,
        inputs: { mode, 'github-token': token, 'webhook-secret': SECRET },
        env: { GITHUB_API_URL: gh.url },
      });
      expect(res.code, res.stdout).toBe(0);
      return res;
    };
    const open = () => gh.issues.filter((i) => i.state === 'open');

    it('cold start: the published version 1 gets a deployment and a signed webhook', async () => {
      const res = await run('schedule', fixture('schedule'), 'full');
      expect(res.outputs).toMatchObject({ outcome: 'published', version: '1' });
      expect(gh.deployments).toHaveLength(1);
      expect(gh.deployments[0]).toMatchObject({
        environment: 'production',
        sha: SHA,
        payload: { model: 'reviews', version: 1, previous: null },
      });
      expect(gh.deployments[0]!.statuses.at(-1)?.state).toBe('success');
      expect(hook.accepted.map((a) => a.body.version)).toEqual([1]);
      expect(hook.rejected).toBe(0);
      expect(gh.issues).toHaveLength(0);
      expect(
        (res.report as { notifications: Record<string, unknown> }).notifications,
      ).toMatchObject({
        issue: { status: 'unchanged' },
        deployment: { status: 'created' },
        webhook: { status: 'delivered' },
      });
    });

    it('Warn opens the issue, Re-Warn updates it, No Data leaves it, Recovered closes it', async () => {
      let res = await run('repository_dispatch', fixture('repository_dispatch-warn'), 'check');
      expect(res.outputs).toMatchObject({ decision: 'warn', severity: 'warn' });
      expect(open()).toHaveLength(1);
      const issue = open()[0]!;
      expect(issue.title).toBe('Model reviews: drift warning');
      expect(issue.labels).toEqual(['model-retrain', 'ml']);
      expect(issue.body).toContain('<!-- model-retrain:reviews -->');
      expect(issue.body).toContain('Datadog Warn');

      await run('repository_dispatch', fixture('repository_dispatch-re-warn'), 'check');
      expect(gh.issues).toHaveLength(1);
      // Outside text (the alert title) reaches the issue escaped.
      expect(issue.body).toContain('Datadog Re-Warn');

      res = await run('repository_dispatch', fixture('repository_dispatch-no-data'), 'check');
      expect(res.outputs.severity).toBe('insufficient');
      expect(issue.state).toBe('open');

      res = await run('repository_dispatch', fixture('repository_dispatch-recovered'), 'check');
      expect(res.outputs).toMatchObject({ decision: 'skip', severity: 'ok' });
      expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' });
      expect(issue.comments.at(-1)?.body).toContain('is healthy again');
      expect(gh.deployments).toHaveLength(1);
    });

    it('a token without issues: write warns and names the permission; the run succeeds', async () => {
      const res = await run(
        'workflow_dispatch',
        fixture('workflow_dispatch-datadog-triggered'),
        'check',
        'ghs_e2e_read',
      );
      // Healthy metrics: the gate does not confirm the alert (trust_alert is off) → skip, ok → close; none open.
      expect(res.outputs.decision).toBe('skip');
      const warn = await run(
        'repository_dispatch',
        fixture('repository_dispatch-warn'),
        'check',
        'ghs_e2e_read',
      );
      expect(warn.stdout).toMatch(/::warning.*issues: write/);
      expect(open()).toHaveLength(0);
    });

    it('Triggered on drift retrains, publishes v2, closes the issue; the same cycle is not retrained again', async () => {
      await run('repository_dispatch', fixture('repository_dispatch-warn'), 'check');
      expect(open()).toHaveLength(1);
      const warned = open()[0]!;

      writeFileSync(
        join(ws, '.github/model-retrain.yml'),
        config(hook.url, { metrics: 'drifted', trust: true }),
      );
      const res = await run(
        'repository_dispatch',
        fixture('repository_dispatch-triggered'),
        'full',
      );
      expect(res.outputs).toMatchObject({
        decision: 'retrain',
        outcome: 'published',
        version: '2',
      });
      expect(warned.state).toBe('closed');
      expect(warned.comments.at(-1)?.body).toContain(
        'Version 2 of `reviews` was promoted to `production`',
      );
      expect(gh.deployments.map((d) => d.statuses.at(-1)?.state)).toEqual(['inactive', 'success']);
      expect(hook.accepted.at(-1)?.body).toMatchObject({
        event: 'published',
        version: 2,
        previous: 1,
      });

      // Re-Triggered in the same alert cycle: held back, and the open alert says so.
      const again = await run(
        'repository_dispatch',
        fixture('repository_dispatch-re-triggered'),
        'full',
      );
      expect(again.outputs).toMatchObject({ decision: 'skip', version: '' });
      expect(gh.deployments).toHaveLength(2);
      expect(hook.accepted).toHaveLength(2);
      expect(open()).toHaveLength(1);
      expect(open()[0]!.title).toBe('Model reviews: drift alert');
      expect(open()[0]!.body).toContain('already retrained');
    });
  },
);
