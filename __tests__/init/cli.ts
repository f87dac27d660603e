import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathWithVenv, repoRoot } from '../support/python.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI (dist/cli/index.js) as a person would, without blocking in-process servers. */
export function runCli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist/cli/index.js'), ...args], {
      cwd,
      env: { ...process.env, PATH: pathWithVenv(), GITHUB_RUN_ID: `init-${Date.now()}`, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The outputs of a `--json` run: stdout must hold exactly one JSON object. */
export function jsonOutputs(run: CliRun): Record<string, string> {
  return JSON.parse(run.stdout) as Record<string, string>;
}
