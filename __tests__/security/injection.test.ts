import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleConfig, makeWorkspace } from '../e2e/workspace.js';
import { runAction } from '../support/action.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-standin.js';

/**
 * Outside text (event payloads, the reason input, notebook errors) with line breaks, workflow
 * commands, HTML, Markdown links and images and @-mentions, through every text field that reaches
 * the log, the job summary or the warning issue. None may start a workflow command or reach
 * Markdown as live HTML, a link, an image or a mention.
 */

const HOSTILE = [
  'Drift INJ',
  '\n::error title=INJ::injected',
  '\r\n::add-mask::production',
  '\n##[error]INJ legacy',
  '<img src=x onerror=alert(1)>',
  '</details><h1>INJ</h1>',
  '<script>alert("INJ")</script>',
  '[INJ link](https://evil.example/x)',
  '![INJ img](https://evil.example/p.png)',
  '@acme/admins',
].join(' ');

/** Lines the runner would execute as commands that came from the hostile text. */
function injectedCommands(stdout: string): string[] {
  return stdout
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => /^::error title=INJ|^::add-mask::production|^##\[error\]INJ/.test(l));
}

/** Live HTML, links, images and mentions from the hostile text, outside code blocks. */
function liveMarkup(markdown: string): string[] {
  // Fenced blocks and code spans show text as is: markup inside them is inert.
  const prose = markdown.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '').replace(/`[^`\n]+`/g, '');
  return ['<img src=x', '<h1>INJ', '<script>', '](https://evil.example', '@acme/admins'].filter(
    (s) => prose.includes(s),
  );
}

const TOKEN = 'ghs_injection_token';
let gh: GitHubStandIn;
beforeAll(async () => {
  gh = await startGitHubStandIn({
    repository: 'acme/reviews-model',
    commits: ['0123456789abcdef0123456789abcdef01234567'],
    tokens: { [TOKEN]: { issues: 'write', deployments: 'write' } },
  });
});
afterAll(() => gh?.close());

const withIssue =
  exampleConfig({ metrics: 'drifted' }) + 'report:\n  notify:\n    issue:\n      enabled: true\n';
const notebook = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  cells: [
    {
      cell_type: 'code',
      execution_count: null,
      metadata: { tags: ['parameters'] },
      outputs: [],
      source: 'output_dir = "out"',
    },
    {
      cell_type: 'code',
      execution_count: null,
      metadata: {},
      outputs: [],
      source: `print(${JSON.stringify(HOSTILE)})\nraise ValueError(${JSON.stringify(HOSTILE)})`,
    },
  ],
});

interface Field {
  name: string;
  event: string;
  payload: Record<string, unknown>;
  inputs: Record<string, string>;
  config: string;
  files?: Record<string, string>;
  issue: boolean;
}

const fields: Field[] = [
  {
    name: 'Datadog alert title, scope and reason (repository_dispatch)',
    event: 'repository_dispatch',
    payload: {
      action: 'model-alert',
      client_payload: {
        transition: 'Triggered',
        title: HOSTILE,
        scope: HOSTILE,
        alert_id: '1',
        cycle_key: 'c1',
      },
    },
    inputs: { mode: 'check' },
    config: withIssue,
    issue: true,
  },
  {
    name: 'repository_dispatch reason',
    event: 'repository_dispatch',
    payload: { action: 'retrain', client_payload: { reason: HOSTILE } },
    inputs: { mode: 'check' },
    config: withIssue,
    issue: true,
  },
  {
    name: 'workflow_dispatch reason and alert title',
    event: 'workflow_dispatch',
    payload: { inputs: { reason: HOSTILE, transition: 'Warn', title: HOSTILE, scope: HOSTILE } },
    inputs: { mode: 'check' },
    config: withIssue,
    issue: true,
  },
  {
    name: 'the reason input',
    event: 'schedule',
    payload: {},
    inputs: { mode: 'check', reason: HOSTILE },
    config: withIssue,
    issue: true,
  },
  {
    name: 'a notebook error and its output',
    event: 'schedule',
    payload: {},
    inputs: { mode: 'full', force: 'true' },
    config: exampleConfig({ notebook: 'nb/hostile.ipynb' }),
    files: { 'nb/hostile.ipynb': notebook },
    issue: false,
  },
];

const tally = { commands: 0, markup: 0 };

describe('hostile text through every field', () => {
  it.each(fields)('$name', async (f) => {
    const ws = makeWorkspace(f.config, f.files ?? {});
    const res = await runAction({
      workspace: ws,
      eventName: f.event,
      payload: f.payload,
      inputs: { ...f.inputs, 'github-token': TOKEN },
      env: { GITHUB_API_URL: gh.url },
      timeoutMs: 170_000,
    });
    expect(res.code).not.toBeNull();
    // The hostile text did reach the outputs (escaped): the field is really exercised.
    expect(res.stdout + res.summary).toMatch(/Drift INJ/);
    const commands = injectedCommands(res.stdout);
    const markup = [...liveMarkup(res.summary)];
    if (f.issue) {
      // The first run opens the warning issue, later runs update it.
      const issues = gh.issues.filter((i) => i.state === 'open');
      expect(issues.length, res.stdout).toBeGreaterThan(0);
      for (const i of issues) {
        const text = [i.title, i.body, ...i.comments.map((c) => c.body)].join('\n');
        markup.push(...liveMarkup(text));
      }
    }
    tally.commands += commands.length;
    tally.markup += markup.length;
    expect(commands).toEqual([]);
    expect(markup).toEqual([]);
  });

  afterAll(() => {
    console.log(
      `injection: ${fields.length} fields, ${tally.commands} workflow command(s), ${tally.markup} live markup from outside text`,
    );
  });
});
