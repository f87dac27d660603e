import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ActionRun } from '../support/action.js';
import { pathWithVenv, repoRoot } from '../support/python.js';

/** Every regular file under dir (relative paths); none when dir does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const ent of readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(join(abs, ent.name), r);
      else out.push(r);
    }
  };
  walk(dir, '');
  return out;
}

/** A Node stack frame ("    at fn (file:12:3)"): a person-facing error never shows one. */
export const STACK = /^\s+at .+(:\d+:\d+\)?|<anonymous>\)?)$/m;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds the process ran. */
  ms: number;
}

/** Runs the bundled CLI (dist/cli/index.js) in `cwd`. */
export async function runCli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliRun> {
  const bundle = resolve(repoRoot, 'dist/cli/index.js');
  const started = Date.now();
  const child = spawn(process.execPath, [bundle, ...args], {
    cwd,
    env: { PATH: pathWithVenv(), HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  clearTimeout(timer);
  return { code, stdout, stderr, ms: Date.now() - started };
}

/** The annotation line of the first ::error command (its `line=` property), if any. */
export function annotationLine(res: ActionRun): number | undefined {
  const annotation = res.stdout.split('\n').find((l) => l.startsWith('::error'));
  const m = /line=(\d+)/.exec(annotation ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Every byte the run wrote that we can find: its streams, outputs, summary, and every file under dirs. */
export function everythingWritten(
  res: { stdout: string; stderr: string; summary?: string; outputs?: Record<string, string> },
  dirs: string[],
): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [
    // ::add-mask:: lines are consumed by the runner (they are how masking is asked for).
    {
      where: 'stdout',
      text: res.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    },
    { where: 'stderr', text: res.stderr },
    { where: 'summary', text: res.summary ?? '' },
    { where: 'outputs', text: JSON.stringify(res.outputs ?? {}) },
  ];
  for (const dir of dirs) {
    for (const rel of filesUnder(dir)) {
      const abs = join(dir, rel);
      if (!statSync(abs).isFile()) continue;
      out.push({ where: abs, text: readFileSync(abs, 'utf8') });
    }
  }
  return out;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
