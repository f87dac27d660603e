import type { Config } from '../config/types.js';
import type { StageContext } from '../context.js';
import { UserError, errorMessage } from '../errors.js';
import type { GitHubClient } from '../github/client.js';
import type { IssueInfo } from '../github/types.js';
import type { ReportConfig } from './config.js';
import type { NotifyConfig } from './notify/config.js';
import { buildDatadogEvent, datadogBaseUrl, postDatadogEvent } from './notify/datadog-event.js';
import { planIssue } from './notify/issue-body.js';
import { deliveryOf, runUrl, type Delivery } from './notify/links.js';
import { postWebhook } from './notify/webhook.js';
import type { MetricsResult } from '../metrics/types.js';
import { escapeLogText } from '../text/escape.js';
import type { RunReport } from './types.js';

export interface NotifyInput {
  config: Config;
  report: RunReport;
  summaryMarkdown: string;
  /** Lists open issues by label; a fleet plan passes one shared listing (one API search, not one per model). */
  listOpenIssues?: (label: string | undefined) => Promise<IssueInfo[]>;
  /** The windows' samples, for the issue's charts. */
  metrics?: MetricsResult;
}

type Target = 'issue' | 'deployment' | 'webhook' | 'datadog';
type Result = Record<string, unknown>;

/** `report.notify` of the config (absent until the section is used). */
export function notifyConfigOf(config: Config): NotifyConfig {
  return (config.report as ReportConfig & { notify?: NotifyConfig }).notify ?? {};
}

/**
 * Tells the outside world about the run: the model's GitHub issue, a GitHub deployment, the
 * serving webhook and a Datadog event. Each target is independent; a failure is a warning and
 * is recorded in the result, unless the target is `required`, in which case notify throws after
 * every target has been tried.
 */
export async function notify(input: NotifyInput, ctx: StageContext): Promise<Result> {
  const { config, report } = input;
  const cfg = notifyConfigOf(config);
  const url = runUrl(report.run ?? ctx.run);
  const delivery = deliveryOf(report);
  const results: Result = {};
  const failures: { target: Target; err: unknown }[] = [];
  let github: Promise<GitHubClient> | undefined;
  const gitHub = (): Promise<GitHubClient> => (github ??= makeGitHub(ctx));

  const attempt = async (
    target: Target,
    required: boolean | undefined,
    fn: () => Promise<Result>,
  ) => {
    try {
      results[target] = await fn();
    } catch (err) {
      const message = errorMessage(err);
      results[target] = { status: 'failed', error: message };
      ctx.logger.warning(`notify ${target}: ${message}`);
      if (required) failures.push({ target, err });
    }
  };

  const issueOn = cfg.issue?.enabled ?? config.gate?.on_warn === 'issue';
  if (issueOn) {
    await attempt('issue', cfg.issue?.required, async () => {
      const labels = cfg.issue?.labels ?? ['model-retrain'];
      return syncIssue(await gitHub(), labels, input, url);
    });
  }
  if (cfg.deployment && delivery) {
    const dep = cfg.deployment;
    await attempt('deployment', dep.required, async () => {
      const ref = ctx.run.sha ?? ctx.run.ref;
      if (!ref)
        return { status: 'skipped', reason: 'no commit or ref to deploy (GITHUB_SHA unset)' };
      const description = describe(delivery);
      const client = await gitHub();
      const created = await client.createDeployment({
        ref,
        environment: dep.environment,
        task: 'deploy:model',
        description,
        payload: payloadOf(delivery),
        ...(dep.production_environment !== undefined
          ? { productionEnvironment: dep.production_environment }
          : {}),
      });
      const status = await client.createDeploymentStatus(created.id, {
        state: 'success',
        description,
        ...(url ? { logUrl: url } : {}),
        ...(dep.url ? { environmentUrl: dep.url } : {}),
      });
      ctx.logger.info(`GitHub deployment ${created.id} to ${dep.environment}: success`);
      return {
        status: 'created',
        id: created.id,
        environment: dep.environment,
        statusId: status.id,
      };
    });
  }
  if (cfg.webhook && delivery) {
    const hook = cfg.webhook;
    await attempt('webhook', hook.required, async () => {
      const result = await postWebhook(
        hook,
        {
          ...delivery,
          run: {
            id: ctx.run.runId,
            ...(url ? { url } : {}),
            ...(ctx.run.repository ? { repository: ctx.run.repository } : {}),
            ...(ctx.run.sha ? { sha: ctx.run.sha } : {}),
          },
          trigger: report.trigger.reason,
          at: ctx.now().toISOString(),
        },
        ctx.secrets.webhookSecret,
        ctx,
      );
      ctx.logger.info(
        `webhook: delivered ${delivery.model} v${delivery.version} (HTTP ${result.http})`,
      );
      return { ...result };
    });
  }
  if (cfg.datadog && delivery) {
    const dd = cfg.datadog;
    await attempt('datadog', dd.required, async () => {
      const event = buildDatadogEvent(delivery, report, dd, url, ctx.now());
      const base = datadogBaseUrl(dd, config.metrics?.datadog?.site);
      const result = await postDatadogEvent(base, ctx.secrets.datadogApiKey, event, ctx);
      ctx.logger.info(`Datadog event ${result.id}: ${event.title}`);
      return { ...result };
    });
  }

  if (failures.length > 0) {
    const message = `required notification failed: ${failures.map((f) => `${f.target}: ${errorMessage(f.err)}`).join('; ')}`;
    throw failures.every((f) => f.err instanceof UserError)
      ? new UserError(message)
      : new Error(message);
  }
  return results;
}

/** Octokit is loaded only by runs that talk to GitHub (it is a large part of the bundle's start). */
async function makeGitHub(ctx: StageContext): Promise<GitHubClient> {
  if (!ctx.secrets.githubToken) {
    throw new UserError(
      'no GitHub token; pass the github-token input (default: ${{ github.token }})',
    );
  }
  if (!ctx.run.repository) {
    throw new UserError('no repository (GITHUB_REPOSITORY is unset)');
  }
  const { GitHubClient } = await import('../github/client.js');
  return new GitHubClient({
    token: ctx.secrets.githubToken,
    apiUrl: ctx.run.apiUrl,
    repository: ctx.run.repository,
    logger: ctx.logger,
    signal: ctx.signal,
    now: ctx.now,
  });
}

async function syncIssue(
  client: GitHubClient,
  labels: string[],
  input: NotifyInput,
  url: string | undefined,
): Promise<Result> {
  const open = await (input.listOpenIssues ?? ((l) => client.listOpenIssues(l)))(labels[0]);
  const plan = planIssue(input.report, open, input.summaryMarkdown, url, input.metrics);
  switch (plan.action) {
    case 'open': {
      const issue = await client.createIssue(plan.title, plan.body, labels);
      return { status: 'opened', number: issue.number, url: issue.htmlUrl };
    }
    case 'update': {
      const issue = await client.updateIssue(plan.number, { title: plan.title, body: plan.body });
      if (plan.comment) await client.comment(plan.number, plan.comment);
      return {
        status: 'updated',
        number: issue.number,
        url: issue.htmlUrl,
        commented: Boolean(plan.comment),
      };
    }
    case 'close': {
      for (const n of plan.numbers) {
        await client.comment(n, plan.comment);
        await client.updateIssue(n, { state: 'closed', stateReason: 'completed' });
      }
      return { status: 'closed', numbers: plan.numbers };
    }
    case 'comment': {
      for (const n of plan.numbers) await client.comment(n, plan.comment);
      return { status: 'commented', numbers: plan.numbers };
    }
    case 'none':
      return { status: 'unchanged', reason: plan.reason };
  }
}

/** A deployment's description: plain text on one line, at most GitHub's 140 characters. */
export function describe(d: Delivery): string {
  const text =
    d.event === 'rolled-back'
      ? `${d.model} rolled back to v${d.version}`
      : `${d.model} v${d.version}${d.alias ? ` → ${d.alias}` : ''}`;
  const line = escapeLogText(text);
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}

function payloadOf(d: Delivery): Record<string, unknown> {
  return {
    model: d.model,
    version: d.version,
    uri: d.uri,
    manifest: d.manifest,
    alias: d.alias,
    previous: d.previous,
  };
}
