import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathWithVenv, repoRoot } from './python.js';
import { checkRunArtifacts } from './run-report.js';

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The run report JSON, when the action wrote one (outputs.report). */
  report: Record<string, unknown> | null;
  /** Text of the ::error:: annotations. */
  errors: string[];
}

export interface RunActionOptions {
  /** Action inputs by their action.yml names (e.g. "mode", "config"). */
  inputs: Record<string, string>;
  eventName: string;
  payload: Record<string, unknown>;
  /** The workspace: the repository the action runs in. */
  workspace: string;
  /** Extra environment (AWS_*, GITHUB_API_URL, …). */
  env?: Record<string, string>;
  /** Which Node runs the bundle: the machine's (20) or .cache/node24. */
  node?: 'current' | 'node24';
  /** Bundle to run; default dist/index.js (MRA_BUNDLE overrides). */
  bundle?: string;
  timeoutMs?: number;
}

export const NODE24 = resolve(repoRoot, '.cache/node24/bin/node');

/** Runs the bundled action as the runner does: INPUT_* and GITHUB_* environment, an event file, output files. */
export async function runAction(opts: RunActionOptions): Promise<ActionRun> {
  const tmp = mkdtempSync(join(tmpdir(), 'mra-run-'));
  const eventPath = join(tmp, 'event.json');
  const outputPath = join(tmp, 'output');
  const summaryPath = join(tmp, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(opts.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const env: Record<string, string> = {
    PATH: pathWithVenv(),
    HOME: process.env.HOME ?? tmp,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_REPOSITORY: 'acme/reviews-model',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: String(Math.floor(Math.random() * 1e9)),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'retrain',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: tmp,
    RUNNER_OS: 'Linux',
    // Test workspaces are throwaway by design; __tests__/e2e/durability.test.ts unsets this.
    MODEL_RETRAIN_THROWAWAY_REGISTRY: 'true',
    ...opts.env,
  };
  for (const [k, v] of Object.entries(opts.inputs))
    env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const bundle = opts.bundle ?? process.env.MRA_BUNDLE ?? resolve(repoRoot, 'dist/index.js');
  const node = opts.node === 'node24' ? NODE24 : process.execPath;
  if (!existsSync(bundle)) throw new Error(`bundle ${bundle} missing: run npm run bundle`);

  const child = spawn(node, [bundle], {
    cwd: opts.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 180_000);
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  clearTimeout(timer);

  const outputs = parseOutputFile(readFileSync(outputPath, 'utf8'));
  const summary = readFileSync(summaryPath, 'utf8');
  let report: Record<string, unknown> | null = null;
  if (outputs.report && existsSync(outputs.report)) {
    report = JSON.parse(readFileSync(outputs.report, 'utf8')) as Record<string, unknown>;
  }
  // Every run of the suite: the report matches the published schema, every chart parses.
  await checkRunArtifacts(report, summary);
  const errors = stdout
    .split('\n')
    .filter((l) => l.startsWith('::error'))
    .map((l) =>
      l
        .replace(/^::error[^:]*::/, '')
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%'),
    );
  return { code, stdout, stderr, outputs, summary, report, errors };
}

/** Parses the runner's GITHUB_OUTPUT file (name<<DELIM … DELIM blocks, or name=value lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const m = /^([^=<]+)<<(.+)$/.exec(line);
    if (m) {
      const [, name, delim] = m as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] as string);
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}
