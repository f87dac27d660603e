import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { TriggerIntent } from '../../src/trigger/types.js';
import { readTrigger } from '../../src/trigger/read.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-standin.js';
import { repoRoot } from '../support/python.js';

// The webhook templates in docs/triggers.md, filled in as Datadog fills them, sent to a GitHub
// API stand-in that enforces the dispatch contract, and the resulting event read by the action.

const doc = readFileSync(join(repoRoot, 'docs/triggers.md'), 'utf8');

/** The fenced block right after `<!-- template: name -->`. */
function template(name: string): string {
  const re = new RegExp(`<!-- template: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``);
  const m = re.exec(doc);
  if (!m) throw new Error(`docs/triggers.md has no template "${name}"`);
  return m[1] as string;
}

/** Datadog's substitution: `$NAME` replaced as raw text; unknown variables stay as they are. */
function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\$([A-Z][A-Z0-9_]*)/g, (all, name: string) => vars[name] ?? all);
}

const TOKEN = 'github_pat_11ABCDEFG_dispatch';
const CYCLE = 'd2b5c7e1f0a94c3e8b6d5f4a3c2b1e0f';

function datadogVars(transition: string, alertType: string): Record<string, string> {
  return {
    GH_DISPATCH_TOKEN: TOKEN,
    ALERT_TRANSITION: transition,
    ALERT_CYCLE_KEY: CYCLE,
    ALERT_ID: '148213377',
    ALERT_TITLE: `[${transition} on {model:reviews}] Review model confidence dropped`,
    ALERT_METRIC: 'ml.model.confidence',
    ALERT_SCOPE: 'model:reviews, env:prod',
    ALERT_TYPE: alertType,
    ALERT_PRIORITY: 'P2',
    DATE: '1767229200000',
    LINK: 'https://app.datadoghq.com/event/event?id=7716548234011234567',
  };
}

const TRANSITIONS: [string, string, TriggerIntent][] = [
  ['Triggered', 'error', 'retrain'],
  ['Re-Triggered', 'error', 'retrain'],
  ['Warn', 'warning', 'warn'],
  ['Re-Warn', 'warning', 'warn'],
  ['Recovered', 'success', 'close'],
  ['No Data', 'error', 'insufficient'],
  ['Re-No Data', 'error', 'insufficient'],
  ['Renotify', 'warning', 'warn'],
];

describe('docs/triggers.md webhook templates', () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn({
      repository: 'acme/reviews-model',
      tokens: { [TOKEN]: { contents: 'write', actions: 'write' } },
    });
    // Declare the workflow exactly as the documented `on:` block does.
    const on = (parse(template('workflow_dispatch-workflow')) as { on: Record<string, unknown> })
      .on;
    const inputs = (on.workflow_dispatch as { inputs: Record<string, { default?: unknown }> })
      .inputs;
    gh.declareWorkflow(
      'model-retrain.yml',
      Object.fromEntries(
        Object.entries(inputs).map(([k, v]) => [
          k,
          v.default === undefined ? undefined : String(v.default),
        ]),
      ),
    );
  });
  afterAll(async () => {
    await gh.close();
  });

  async function send(path: string, body: string, vars: Record<string, string>): Promise<Response> {
    const headers = JSON.parse(substitute(template('headers'), vars)) as Record<string, string>;
    return fetch(`${gh.url}${path}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body,
    });
  }

  it.each(TRANSITIONS)('repository_dispatch, %s → %s', async (transition, alertType, intent) => {
    const vars = datadogVars(transition, alertType);
    const body = substitute(template('repository_dispatch'), vars);
    const res = await send('/repos/acme/reviews-model/dispatches', body, vars);
    expect(res.status, await res.text()).toBe(204);
    const started = gh.dispatches.at(-1)!;
    expect(started.eventName).toBe('repository_dispatch');
    const on = (
      parse(template('repository_dispatch-workflow')) as {
        on: Record<string, { types?: string[] }>;
      }
    ).on;
    expect(on.repository_dispatch?.types).toContain(started.payload.action);

    const t = readTrigger(started.eventName, started.payload, { force: false }, {});
    expect(t.intent).toBe(intent);
    expect(t.alert).toMatchObject({
      transition,
      cycleKey: CYCLE,
      id: '148213377',
      metric: 'ml.model.confidence',
      scope: 'model:reviews, env:prod',
    });
    expect(t.dedupeKey).toBe(`datadog:${CYCLE}`);
  });

  it.each(TRANSITIONS)('workflow_dispatch, %s → %s', async (transition, alertType, intent) => {
    const vars = datadogVars(transition, alertType);
    const body = substitute(template('workflow_dispatch'), vars);
    const res = await send(
      '/repos/acme/reviews-model/actions/workflows/model-retrain.yml/dispatches',
      body,
      vars,
    );
    expect(res.status, await res.text()).toBe(204);
    const started = gh.dispatches.at(-1)!;
    expect(started.eventName).toBe('workflow_dispatch');
    // Declared defaults fill what Datadog does not send.
    expect(started.payload.inputs).toMatchObject({ force: 'false', mode: 'full', reason: '' });

    const t = readTrigger(started.eventName, started.payload, { force: false }, {});
    expect(t.intent).toBe(intent);
    expect(t.forced).toBe(false);
    expect(t.alert).toMatchObject({ transition, cycleKey: CYCLE, id: '148213377' });
    expect(t.dedupeKey).toBe(`datadog:${CYCLE}`);
  });

  it('the templates stay within GitHub limits', () => {
    const rd = JSON.parse(template('repository_dispatch')) as { client_payload: object };
    expect(Object.keys(rd.client_payload).length).toBeLessThanOrEqual(10);
    const wd = JSON.parse(template('workflow_dispatch')) as { inputs: object };
    expect(Object.keys(wd.inputs).length).toBeLessThanOrEqual(25);
    const on = (
      parse(template('workflow_dispatch-workflow')) as {
        on: { workflow_dispatch: { inputs: object } };
      }
    ).on;
    expect(Object.keys(on.workflow_dispatch.inputs).length).toBeLessThanOrEqual(25);
  });

  it('the stand-in refuses what GitHub refuses, so the checks above can fail', async () => {
    const vars = datadogVars('Triggered', 'error');
    const undeclared = JSON.stringify({ ref: 'main', inputs: { severity: 'high' } });
    let res = await send(
      '/repos/acme/reviews-model/actions/workflows/model-retrain.yml/dispatches',
      undeclared,
      vars,
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toBe(
      'Unexpected inputs provided: ["severity"]',
    );
    const eleven = JSON.stringify({
      event_type: 'model-alert',
      client_payload: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i])),
    });
    res = await send('/repos/acme/reviews-model/dispatches', eleven, vars);
    expect(res.status).toBe(422);
    res = await send('/repos/acme/reviews-model/dispatches', '{}', {
      ...vars,
      GH_DISPATCH_TOKEN: 'revoked',
    });
    expect(res.status).toBe(401);
    // A monitor title with a double quote breaks the JSON, as docs/triggers.md warns.
    const broken = substitute(template('repository_dispatch'), {
      ...vars,
      ALERT_TITLE: 'AUC "dropped"',
    });
    res = await send('/repos/acme/reviews-model/dispatches', broken, vars);
    expect(res.status).toBe(400);
  });
});
