import { getOctokit } from '@actions/github';
import { UserError, errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { bodyExcerpt, redact, redactValue } from '../text/redact.js';
import {
  TransientError,
  retryAfterMs,
  withRetry,
  type RetryPolicy,
} from '../report/notify/retry.js';
import type { DeploymentRequest, DeploymentStatusRequest, IssueInfo, Permission } from './types.js';

export interface GitHubClientOptions {
  token: string;
  /** GITHUB_API_URL (https://api.github.com, a GHES /api/v3 URL, or a test stand-in). */
  apiUrl: string;
  /** "owner/name". */
  repository: string;
  logger: Logger;
  signal: AbortSignal;
  retry?: RetryPolicy;
  now?: () => Date;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseMs: 1000, maxMs: 60_000 };
/** Issues listed at most, to bound a repository full of open issues. */
const MAX_ISSUE_PAGES = 10;

type Octokit = ReturnType<typeof getOctokit>;

/** The GitHub REST calls notifications make, and nothing else. One instance per repository. */
export class GitHubClient {
  private readonly octokit: Octokit;
  private readonly owner: string;
  private readonly repo: string;

  constructor(private readonly options: GitHubClientOptions) {
    const [owner, repo] = options.repository.split('/');
    if (!owner || !repo) {
      throw new UserError(`GitHub repository "${options.repository}" is not "owner/name"`);
    }
    this.owner = owner;
    this.repo = repo;
    const log = options.logger;
    this.octokit = getOctokit(options.token, {
      baseUrl: options.apiUrl.replace(/\/+$/, ''),
      userAgent: 'model-retrain-action',
      request: { signal: options.signal },
      log: { debug: log.debug, info: log.debug, warn: log.warning, error: log.warning },
    });
  }

  /** Open issues carrying `label` (all open issues when none), newest first. */
  async listOpenIssues(label: string | undefined): Promise<IssueInfo[]> {
    return this.call('list issues', 'issues: write', async () => {
      const out: IssueInfo[] = [];
      let pages = 0;
      for await (const page of this.octokit.paginate.iterator(
        this.octokit.rest.issues.listForRepo,
        {
          owner: this.owner,
          repo: this.repo,
          state: 'open',
          per_page: 100,
          ...(label ? { labels: label } : {}),
        },
      )) {
        for (const i of page.data) if (!i.pull_request) out.push(toIssue(i));
        if (++pages >= MAX_ISSUE_PAGES) break;
      }
      return out;
    });
  }

  async createIssue(title: string, body: string, labels: string[]): Promise<IssueInfo> {
    return this.call('open an issue', 'issues: write', async () => {
      const res = await this.octokit.rest.issues.create({
        owner: this.owner,
        repo: this.repo,
        title: redact(title),
        body: redact(body),
        labels,
      });
      return toIssue(res.data);
    });
  }

  async updateIssue(
    number: number,
    patch: { title?: string; body?: string; state?: 'open' | 'closed'; stateReason?: 'completed' },
  ): Promise<IssueInfo> {
    return this.call(`update issue #${number}`, 'issues: write', async () => {
      const res = await this.octokit.rest.issues.update({
        owner: this.owner,
        repo: this.repo,
        issue_number: number,
        ...(patch.title !== undefined ? { title: redact(patch.title) } : {}),
        ...(patch.body !== undefined ? { body: redact(patch.body) } : {}),
        ...(patch.state ? { state: patch.state } : {}),
        ...(patch.stateReason ? { state_reason: patch.stateReason } : {}),
      });
      return toIssue(res.data);
    });
  }

  async comment(number: number, body: string): Promise<{ id: number; htmlUrl: string }> {
    return this.call(`comment on issue #${number}`, 'issues: write', async () => {
      const res = await this.octokit.rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number: number,
        body: redact(body),
      });
      return { id: res.data.id, htmlUrl: res.data.html_url };
    });
  }

  /** Creates a deployment record; auto-merge and required status contexts are off for models. */
  async createDeployment(req: DeploymentRequest): Promise<{ id: number; url: string }> {
    return this.call('create a deployment', 'deployments: write', async () => {
      const res = await this.octokit.rest.repos.createDeployment({
        owner: this.owner,
        repo: this.repo,
        ref: req.ref,
        task: req.task,
        auto_merge: false,
        required_contexts: [],
        payload: redactValue(req.payload) as { [key: string]: unknown },
        environment: req.environment,
        description: redact(req.description),
        transient_environment: false,
        ...(req.productionEnvironment !== undefined
          ? { production_environment: req.productionEnvironment }
          : {}),
      });
      // 202 means GitHub merged the default branch instead of deploying (auto_merge): not a deployment.
      if (res.status !== 201 || !('id' in res.data)) {
        const message = 'message' in res.data ? res.data.message : `HTTP ${res.status}`;
        throw new Error(`GitHub did not create the deployment: ${message}`);
      }
      return { id: res.data.id, url: res.data.url };
    });
  }

  async createDeploymentStatus(
    deploymentId: number,
    req: DeploymentStatusRequest,
  ): Promise<{ id: number; url: string }> {
    return this.call('set the deployment status', 'deployments: write', async () => {
      const res = await this.octokit.rest.repos.createDeploymentStatus({
        owner: this.owner,
        repo: this.repo,
        deployment_id: deploymentId,
        state: req.state,
        description: redact(req.description).slice(0, 140),
        auto_inactive: true,
        ...(req.logUrl ? { log_url: req.logUrl } : {}),
        ...(req.environmentUrl ? { environment_url: req.environmentUrl } : {}),
      });
      return { id: res.data.id, url: res.data.url };
    });
  }

  /** Retries transient faults, and turns GitHub's answers into messages that say what to fix. */
  private async call<T>(what: string, permission: Permission, fn: () => Promise<T>): Promise<T> {
    const now = this.options.now ?? (() => new Date());
    const attempt = async () => {
      try {
        return await fn();
      } catch (err) {
        throw classify(err, what, permission, this.options.repository, now());
      }
    };
    const { value } = await withRetry(
      attempt,
      this.options.retry ?? DEFAULT_RETRY,
      this.options.signal,
      (n, wait, err) =>
        this.options.logger.debug(
          `GitHub: ${what} failed (${err.message}); attempt ${n + 1} in ${wait} ms`,
        ),
    );
    return value;
  }
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
}

/** Maps an Octokit error to a transient error, a user error naming the fix, or a plain error. */
export function classify(
  err: unknown,
  what: string,
  permission: Permission,
  repository: string,
  now: Date,
): Error {
  const e = (err ?? {}) as HttpErrorLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const data = e.response?.data as { message?: string } | undefined;
  const message = bodyExcerpt(data?.message ?? errorMessage(err));
  const headers = e.response?.headers ?? {};
  const header = (name: string) => {
    const v = headers[name];
    return v === undefined ? undefined : String(v);
  };
  if (status === undefined || status >= 500 || status === 408) {
    return new TransientError(`GitHub: ${what}: ${status ? `HTTP ${status} ` : ''}${message}`);
  }
  // Rate limits: 429, or 403 with Retry-After / no requests left (primary limit resets at an epoch).
  const retryAfter = retryAfterMs(header('retry-after'), now);
  if (status === 429 || (status === 403 && retryAfter !== undefined)) {
    return new TransientError(`GitHub: ${what}: rate limited (${message})`, retryAfter);
  }
  if (status === 403 && header('x-ratelimit-remaining') === '0') {
    const reset = Number(header('x-ratelimit-reset'));
    const wait = Number.isFinite(reset) ? reset * 1000 - now.getTime() : undefined;
    return new TransientError(`GitHub: ${what}: rate limit exhausted`, wait);
  }
  if (status === 403 && /not accessible by (integration|personal access token)/i.test(message)) {
    return new UserError(
      `GitHub: cannot ${what} in ${repository}: the token lacks the "${permission}" permission (403 ${message}). Add \`permissions: ${permission}\` to the job, or use a token that has it.`,
    );
  }
  if (status === 401) {
    return new UserError(
      `GitHub: cannot ${what}: the token was rejected (401 ${message}); check the github-token input.`,
    );
  }
  if (status === 404) {
    return new UserError(
      `GitHub: cannot ${what}: ${repository} was not found or is not visible to the token (404 ${message}).`,
    );
  }
  return new Error(`GitHub: cannot ${what}: HTTP ${status} ${message}`);
}

function toIssue(i: {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  html_url: string;
  labels: (string | { name?: string })[];
}): IssueInfo {
  return {
    number: i.number,
    title: i.title,
    body: i.body ?? '',
    state: i.state === 'closed' ? 'closed' : 'open',
    htmlUrl: i.html_url,
    labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
  };
}
