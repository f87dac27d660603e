import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the GitHub REST API: just the endpoints the action calls (issues,
 * comments, deployments, deployment statuses) and the two dispatch endpoints Datadog calls,
 * following GitHub's documented contract (facts/apis.md §4): status codes, bodies, auth,
 * `Resource not accessible by integration` for a token lacking a permission, rate-limit
 * headers. It holds state so tests assert outcomes (the issues it holds), not call counts.
 */

export type Scope = 'issues' | 'deployments' | 'contents' | 'actions';
export type Level = 'read' | 'write';

export interface StandInIssue {
  id: number;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  comments: { id: number; body: string; user: string; created_at: string }[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  user: string;
}

export interface StandInDeployment {
  id: number;
  ref: string;
  sha: string;
  task: string;
  environment: string;
  description: string | null;
  payload: unknown;
  production_environment: boolean;
  transient_environment: boolean;
  statuses: {
    id: number;
    state: string;
    description: string;
    log_url: string;
    environment_url: string;
  }[];
}

/** What a dispatch would start: the `github.event` payload of the triggered run. */
export interface StandInDispatch {
  eventName: 'repository_dispatch' | 'workflow_dispatch';
  payload: Record<string, unknown>;
}

export interface GitHubStandIn {
  /** Base URL, for GITHUB_API_URL. */
  url: string;
  issues: StandInIssue[];
  deployments: StandInDeployment[];
  dispatches: StandInDispatch[];
  /** Every request, for diagnostics in failure messages. */
  log: { method: string; path: string; status: number }[];
  /** Answer the next `times` requests matching method and path with `status` (and an optional body and headers). */
  failNext(
    method: string,
    path: RegExp,
    status: number,
    times?: number,
    body?: unknown,
    headers?: Record<string, string>,
  ): void;
  /** A workflow file and its declared workflow_dispatch inputs (name → default). */
  declareWorkflow(file: string, inputs: Record<string, string | undefined>): void;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** "owner/name" of the only repository it serves. */
  repository: string;
  /** Accepted tokens and what each may do. */
  tokens: Record<string, Partial<Record<Scope, Level>>>;
  defaultBranch?: string;
  /** Commit SHAs the repository knows (deployments to other refs → 422). */
  commits?: string[];
}

export async function startGitHubStandIn(options: StandInOptions): Promise<GitHubStandIn> {
  const defaultBranch = options.defaultBranch ?? 'main';
  const issues: StandInIssue[] = [];
  const deployments: StandInDeployment[] = [];
  const dispatches: StandInDispatch[] = [];
  const log: GitHubStandIn['log'] = [];
  const faults: {
    method: string;
    path: RegExp;
    status: number;
    times: number;
    body: unknown;
    headers: Record<string, string>;
  }[] = [];
  const workflows = new Map<string, Record<string, string | undefined>>();
  let nextId = 1000;
  let rateUsed = 0;
  let base = '';
  const [owner, repo] = options.repository.split('/') as [string, string];
  const repository = {
    id: 812345678,
    name: repo,
    full_name: options.repository,
    owner: { login: owner, type: 'Organization' },
    default_branch: defaultBranch,
    html_url: `https://github.com/${options.repository}`,
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
        log.push({ method: req.method ?? '', path: url.pathname, status });
        rateUsed++;
        res.writeHead(status, {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': String(Math.max(0, 5000 - rateUsed)),
          'x-ratelimit-used': String(rateUsed),
          'x-ratelimit-resource': 'core',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
          'x-github-api-version-selected': '2022-11-28',
          ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
          ...headers,
        });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      try {
        route(req, url, Buffer.concat(chunks).toString('utf8'), send, res);
      } catch (err) {
        send(500, { message: `stand-in error: ${(err as Error).message}` });
      }
    });
  });

  type Send = (status: number, body?: unknown, headers?: Record<string, string>) => void;
  const docs = (path: string) => `https://docs.github.com/rest/${path}`;
  const error = (send: Send, status: number, message: string, doc: string, extra = {}) =>
    send(status, { message, documentation_url: docs(doc), status: String(status), ...extra });

  function route(req: IncomingMessage, url: URL, raw: string, send: Send, _res: ServerResponse) {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const fault = faults.find((f) => f.method === method && f.path.test(path) && f.times > 0);
    if (fault) {
      fault.times--;
      return send(fault.status, fault.body ?? { message: 'Server Error' }, fault.headers);
    }
    if (!req.headers['user-agent']) {
      return send(403, {
        message:
          'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.',
      });
    }
    const auth = req.headers.authorization;
    if (!auth)
      return error(send, 401, 'Requires authentication', 'overview/authenticating-to-the-rest-api');
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(auth)?.[1];
    const grants = token ? options.tokens[token] : undefined;
    if (!grants)
      return error(send, 401, 'Bad credentials', 'overview/authenticating-to-the-rest-api');

    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    if (!m || `${m[1]}/${m[2]}` !== options.repository)
      return error(send, 404, 'Not Found', 'repos');
    const rest = m[3] ?? '/';
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return error(send, 400, 'Problems parsing JSON', 'overview');
      }
    }
    const need = (scope: Scope, level: Level, doc: string): boolean => {
      const has = grants[scope];
      if (has === 'write' || (level === 'read' && has === 'read')) return true;
      error(send, 403, 'Resource not accessible by integration', doc);
      return false;
    };
    const now = new Date().toISOString();
    let r: RegExpExecArray | null;

    // Issues
    if (rest === '/issues' && method === 'GET') {
      if (!need('issues', 'read', 'issues/issues#list-repository-issues')) return;
      const state = url.searchParams.get('state') ?? 'open';
      const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
      const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const all = issues
        .filter((i) => state === 'all' || i.state === state)
        .filter((i) => labels.every((l) => i.labels.includes(l)))
        .sort((a, b) => b.number - a.number);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const links: string[] = [];
      const pageUrl = (p: number) => {
        const u = new URL(url);
        u.searchParams.set('page', String(p));
        return `<${u.toString()}>`;
      };
      if (page < last)
        links.push(`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(last)}; rel="last"`);
      if (page > 1) links.push(`${pageUrl(1)}; rel="first"`, `${pageUrl(page - 1)}; rel="prev"`);
      return send(
        200,
        all.slice((page - 1) * perPage, page * perPage).map(issueJson),
        links.length ? { link: links.join(', ') } : {},
      );
    }
    if (rest === '/issues' && method === 'POST') {
      if (!need('issues', 'write', 'issues/issues#create-an-issue')) return;
      if (typeof body.title !== 'string' || body.title === '') {
        return error(send, 422, 'Validation Failed', 'issues/issues#create-an-issue', {
          errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
        });
      }
      const labels = Array.isArray(body.labels)
        ? body.labels.map((l) =>
            typeof l === 'string' ? l : String((l as { name?: string }).name),
          )
        : [];
      const issue: StandInIssue = {
        id: nextId++,
        number: issues.length + 1,
        title: body.title,
        body: typeof body.body === 'string' ? body.body : '',
        state: 'open',
        state_reason: null,
        labels,
        comments: [],
        created_at: now,
        updated_at: now,
        closed_at: null,
        user: 'github-actions[bot]',
      };
      issues.push(issue);
      return send(201, issueJson(issue), {
        location: `${base}/repos/${options.repository}/issues/${issue.number}`,
      });
    }
    if ((r = /^\/issues\/(\d+)$/.exec(rest))) {
      const issue = issues.find((i) => i.number === Number(r![1]));
      if (method === 'GET') {
        if (!need('issues', 'read', 'issues/issues#get-an-issue')) return;
        return issue
          ? send(200, issueJson(issue))
          : error(send, 404, 'Not Found', 'issues/issues#get-an-issue');
      }
      if (method === 'PATCH') {
        if (!need('issues', 'write', 'issues/issues#update-an-issue')) return;
        if (!issue) return error(send, 404, 'Not Found', 'issues/issues#update-an-issue');
        if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') {
          return error(send, 422, 'Validation Failed', 'issues/issues#update-an-issue', {
            errors: [{ resource: 'Issue', code: 'invalid', field: 'state' }],
          });
        }
        const reasons = ['completed', 'not_planned', 'duplicate', 'reopened', null];
        if (
          body.state_reason !== undefined &&
          !reasons.includes(body.state_reason as string | null)
        ) {
          return error(send, 422, 'Validation Failed', 'issues/issues#update-an-issue', {
            errors: [{ resource: 'Issue', code: 'invalid', field: 'state_reason' }],
          });
        }
        if (typeof body.title === 'string') issue.title = body.title;
        if (typeof body.body === 'string') issue.body = body.body;
        if (Array.isArray(body.labels)) issue.labels = body.labels.map(String);
        if (body.state === 'closed' && issue.state === 'open') {
          issue.state = 'closed';
          issue.closed_at = now;
          issue.state_reason = (body.state_reason as string | undefined) ?? 'completed';
        } else if (body.state === 'open' && issue.state === 'closed') {
          issue.state = 'open';
          issue.closed_at = null;
          issue.state_reason = 'reopened';
        }
        issue.updated_at = now;
        return send(200, issueJson(issue));
      }
    }
    if ((r = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = issues.find((i) => i.number === Number(r![1]));
      if (method === 'GET') {
        if (!need('issues', 'read', 'issues/comments#list-issue-comments')) return;
        if (!issue) return error(send, 404, 'Not Found', 'issues/comments');
        return send(
          200,
          issue.comments.map((c) => commentJson(issue, c)),
        );
      }
      if (method === 'POST') {
        if (!need('issues', 'write', 'issues/comments#create-an-issue-comment')) return;
        if (!issue) return error(send, 404, 'Not Found', 'issues/comments#create-an-issue-comment');
        if (typeof body.body !== 'string' || body.body === '') {
          return error(send, 422, 'Validation Failed', 'issues/comments#create-an-issue-comment', {
            errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }],
          });
        }
        const c = { id: nextId++, body: body.body, user: 'github-actions[bot]', created_at: now };
        issue.comments.push(c);
        issue.updated_at = now;
        return send(201, commentJson(issue, c), {
          location: `${base}/repos/${options.repository}/issues/comments/${c.id}`,
        });
      }
    }

    // Deployments
    if (rest === '/deployments' && method === 'POST') {
      const doc = 'deployments/deployments#create-a-deployment';
      if (!need('deployments', 'write', doc)) return;
      if (typeof body.ref !== 'string' || body.ref === '') {
        return error(send, 422, 'Invalid request.\n\n"ref" wasn\'t supplied.', doc);
      }
      const ref = body.ref;
      const known = options.commits ?? [];
      const sha =
        known.find((c) => c === ref) ??
        (ref === defaultBranch || ref === `refs/heads/${defaultBranch}` ? known[0] : undefined);
      if (!sha) return error(send, 422, `No ref found for: ${ref}`, doc);
      if (body.auto_merge !== false && ref !== sha) {
        return send(202, { message: `Auto-merged ${defaultBranch} into ${ref} on deployment.` });
      }
      if (!Array.isArray(body.required_contexts)) {
        return error(send, 409, 'Conflict: Commit status checks failed for ' + ref + '.', doc);
      }
      const environment = typeof body.environment === 'string' ? body.environment : 'production';
      const d: StandInDeployment = {
        id: nextId++,
        ref,
        sha,
        task: typeof body.task === 'string' ? body.task : 'deploy',
        environment,
        description: typeof body.description === 'string' ? body.description : null,
        payload: typeof body.payload === 'string' ? body.payload : (body.payload ?? {}),
        production_environment:
          typeof body.production_environment === 'boolean'
            ? body.production_environment
            : environment === 'production',
        transient_environment: body.transient_environment === true,
        statuses: [],
      };
      deployments.push(d);
      return send(201, deploymentJson(d));
    }
    if ((r = /^\/deployments\/(\d+)\/statuses$/.exec(rest)) && method === 'POST') {
      const doc = 'deployments/statuses#create-a-deployment-status';
      if (!need('deployments', 'write', doc)) return;
      const d = deployments.find((x) => x.id === Number(r![1]));
      if (!d) return error(send, 404, 'Not Found', doc);
      const states = [
        'error',
        'failure',
        'inactive',
        'in_progress',
        'queued',
        'pending',
        'success',
      ];
      if (typeof body.state !== 'string' || !states.includes(body.state)) {
        return error(send, 422, 'Validation Failed', doc, {
          errors: [{ resource: 'DeploymentStatus', code: 'invalid', field: 'state' }],
        });
      }
      const description = typeof body.description === 'string' ? body.description : '';
      if (description.length > 140) {
        return error(send, 422, 'Validation Failed', doc, {
          errors: [
            {
              resource: 'DeploymentStatus',
              code: 'custom',
              field: 'description',
              message: 'description is too long (maximum is 140 characters)',
            },
          ],
        });
      }
      if (body.auto_inactive !== false && body.state === 'success') {
        for (const other of deployments) {
          if (other !== d && other.environment === d.environment && !other.transient_environment) {
            const last = other.statuses[other.statuses.length - 1];
            if (last?.state === 'success')
              other.statuses.push({ ...last, id: nextId++, state: 'inactive' });
          }
        }
      }
      const s = {
        id: nextId++,
        state: body.state,
        description,
        log_url:
          typeof body.log_url === 'string'
            ? body.log_url
            : typeof body.target_url === 'string'
              ? body.target_url
              : '',
        environment_url: typeof body.environment_url === 'string' ? body.environment_url : '',
      };
      d.statuses.push(s);
      const statusUrl = `${base}/repos/${options.repository}/deployments/${d.id}/statuses/${s.id}`;
      return send(
        201,
        {
          ...s,
          url: statusUrl,
          target_url: s.log_url,
          environment: d.environment,
          deployment_url: `${base}/repos/${options.repository}/deployments/${d.id}`,
        },
        { location: statusUrl },
      );
    }
    if (rest === '/deployments' && method === 'GET') {
      if (!need('deployments', 'read', 'deployments/deployments#list-deployments')) return;
      return send(200, [...deployments].reverse().map(deploymentJson));
    }

    // Dispatches (called by Datadog, not by the action): validate and record the event
    if (rest === '/dispatches' && method === 'POST') {
      const doc = 'repos/repos#create-a-repository-dispatch-event';
      if (!need('contents', 'write', doc)) return;
      const type = body.event_type;
      if (typeof type !== 'string' || type.length < 1 || type.length > 100) {
        return error(
          send,
          422,
          "Invalid request.\n\nFor 'properties/event_type', " +
            JSON.stringify(type ?? null) +
            ' is not a string of 1..100 characters.',
          doc,
        );
      }
      const payload = body.client_payload ?? {};
      if (typeof payload !== 'object' || Array.isArray(payload)) {
        return error(
          send,
          422,
          "Invalid request.\n\nFor 'properties/client_payload', value is not an object.",
          doc,
        );
      }
      if (Object.keys(payload).length > 10) {
        return error(
          send,
          422,
          'Invalid request.\n\nNo more than 10 properties are allowed; ' +
            Object.keys(payload).length +
            ' were supplied.',
          doc,
        );
      }
      if (JSON.stringify(payload).length >= 65_536) {
        return error(send, 422, 'client_payload is too large', doc);
      }
      dispatches.push({
        eventName: 'repository_dispatch',
        payload: {
          action: type,
          branch: defaultBranch,
          client_payload: payload,
          repository,
          sender: { login: 'datadog-retrain[bot]', type: 'Bot' },
        },
      });
      return send(204);
    }
    if ((r = /^\/actions\/workflows\/([^/]+)\/dispatches$/.exec(rest)) && method === 'POST') {
      const doc = 'actions/workflows#create-a-workflow-dispatch-event';
      if (!need('actions', 'write', doc)) return;
      const file = decodeURIComponent(r[1] as string);
      const declared = workflows.get(file);
      if (!declared) return error(send, 404, 'Not Found', doc);
      if (typeof body.ref !== 'string' || body.ref === '') {
        return error(send, 422, 'Invalid request.\n\n"ref" wasn\'t supplied.', doc);
      }
      const branch = body.ref.replace(/^refs\/heads\//, '');
      if (branch !== defaultBranch) return error(send, 422, `No ref found for: ${body.ref}`, doc);
      const inputs = (body.inputs ?? {}) as Record<string, unknown>;
      if (typeof inputs !== 'object' || Array.isArray(inputs)) {
        return error(
          send,
          422,
          "Invalid request.\n\nFor 'properties/inputs', value is not an object.",
          doc,
        );
      }
      if (Object.keys(inputs).length > 25) {
        return error(
          send,
          422,
          'Invalid request.\n\nNo more than 25 properties are allowed; ' +
            Object.keys(inputs).length +
            ' were supplied.',
          doc,
        );
      }
      if (JSON.stringify(inputs).length > 65_535)
        return error(send, 422, 'inputs are too large', doc);
      const unexpected = Object.keys(inputs).filter((k) => !(k in declared));
      if (unexpected.length) {
        return error(send, 422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`, doc);
      }
      const eventInputs: Record<string, string> = {};
      for (const [k, def] of Object.entries(declared)) {
        const v = inputs[k];
        if (v !== undefined) eventInputs[k] = String(v);
        else if (def !== undefined) eventInputs[k] = def;
      }
      dispatches.push({
        eventName: 'workflow_dispatch',
        payload: {
          inputs: eventInputs,
          ref: `refs/heads/${branch}`,
          workflow: `.github/workflows/${file}`,
          repository,
          sender: { login: 'datadog-retrain[bot]', type: 'Bot' },
        },
      });
      const runId = nextId++;
      const details =
        body.return_run_details === true || req.headers['x-github-api-version'] === '2026-03-10';
      if (!details) return send(204);
      return send(200, {
        workflow_run_id: runId,
        run_url: `${base}/repos/${options.repository}/actions/runs/${runId}`,
        html_url: `https://github.com/${options.repository}/actions/runs/${runId}`,
      });
    }
    return error(send, 404, 'Not Found', 'rest');
  }

  function issueJson(i: StandInIssue) {
    const api = `${base}/repos/${options.repository}/issues/${i.number}`;
    return {
      id: i.id,
      node_id: `I_${i.id}`,
      url: api,
      repository_url: `${base}/repos/${options.repository}`,
      comments_url: `${api}/comments`,
      html_url: `https://github.com/${options.repository}/issues/${i.number}`,
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      state_reason: i.state_reason,
      locked: false,
      labels: i.labels.map((name, k) => ({ id: 5000 + k, name, color: 'ededed', default: false })),
      user: { login: i.user, type: 'Bot' },
      assignees: [],
      comments: i.comments.length,
      created_at: i.created_at,
      updated_at: i.updated_at,
      closed_at: i.closed_at,
      author_association: 'NONE',
    };
  }

  function commentJson(i: StandInIssue, c: StandInIssue['comments'][number]) {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${base}/repos/${options.repository}/issues/comments/${c.id}`,
      html_url: `https://github.com/${options.repository}/issues/${i.number}#issuecomment-${c.id}`,
      issue_url: `${base}/repos/${options.repository}/issues/${i.number}`,
      body: c.body,
      user: { login: c.user, type: 'Bot' },
      created_at: c.created_at,
      updated_at: c.created_at,
      author_association: 'NONE',
    };
  }

  function deploymentJson(d: StandInDeployment) {
    const api = `${base}/repos/${options.repository}/deployments/${d.id}`;
    return {
      id: d.id,
      node_id: `DE_${d.id}`,
      url: api,
      sha: d.sha,
      ref: d.ref,
      task: d.task,
      payload: d.payload,
      environment: d.environment,
      original_environment: d.environment,
      description: d.description,
      creator: { login: 'github-actions[bot]', type: 'Bot' },
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
      statuses_url: `${api}/statuses`,
      repository_url: `${base}/repos/${options.repository}`,
      transient_environment: d.transient_environment,
      production_environment: d.production_environment,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    issues,
    deployments,
    dispatches,
    log,
    failNext(method, path, status, times = 1, body, headers = {}) {
      faults.push({ method, path, status, times, body, headers });
    },
    declareWorkflow(file, inputs) {
      workflows.set(file, inputs);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
