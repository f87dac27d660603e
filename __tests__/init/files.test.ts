import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mergeGitignore } from '../../src/init/gitignore.js';
import { parseInitArgs } from '../../src/init/options.js';
import { runCli } from './cli.js';

const opts = (args: string[]) => parseInitArgs(args, () => 'churn');

describe('init: .gitignore', () => {
  it.each([
    [null, ['--registry', 'registry'], ['/.model-retrain/', '/registry/']],
    ['node_modules/\n/.model-retrain/\n', ['--registry', './models/'], ['/models/']],
    ['x', ['--registry', 's3://b-1/p'], []],
  ] as const)('existing %j, %j: adds %j, keeps every line', (existing, args, added) => {
    const out = mergeGitignore(existing, opts([...args])) ?? (existing as string);
    for (const line of (existing ?? '').split('\n').filter(Boolean))
      expect(out.split('\n')).toContain(line);
    for (const line of added) expect(out.split('\n')).toContain(line);
    // Comments sit on lines of their own: `#` after a pattern would be part of it.
    for (const line of out.split('\n'))
      expect(line.startsWith('#') || !line.includes('#')).toBe(true);
    expect(mergeGitignore(out, opts([...args]))).toBeNull();
  });

  it('a real run: the block is added once; the local registry and reports are ignored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-files-'));
    writeFileSync(join(dir, '.gitignore'), 'node_modules/');
    const first = await runCli(['init', '--model', 'm'], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^updated \.gitignore/m);
    const text = readFileSync(join(dir, '.gitignore'), 'utf8');
    expect(text.startsWith('node_modules/\n')).toBe(true);
    const again = await runCli(['init', '--model', 'm', '--force'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(text);
    // git agrees: what a run leaves behind is ignored.
    const { spawnSync } = await import('node:child_process');
    spawnSync('git', ['init', '-q'], { cwd: dir });
    const ignored = spawnSync(
      'git',
      ['check-ignore', '.model-retrain/run-report-1.json', 'registry/m/versions/1/manifest.json'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(ignored.stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('init --gpu: actionlint knows the runner label', () => {
  it('writes .github/actionlint.yaml with the gpu label', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-files-'));
    const run = await runCli(['init', '--gpu', '--registry', 's3://acme-models/r'], dir);
    expect(run.code, run.stderr).toBe(0);
    const conf = parse(readFileSync(join(dir, '.github/actionlint.yaml'), 'utf8')) as {
      'self-hosted-runner': { labels: string[] };
    };
    expect(conf['self-hosted-runner'].labels).toEqual(['gpu']);
    const wf = parse(readFileSync(join(dir, '.github/workflows/model-retrain.yml'), 'utf8')) as {
      jobs: { retrain: { 'runs-on': string[] } };
    };
    for (const label of wf.jobs.retrain['runs-on'].filter((l) => l !== 'self-hosted'))
      expect(conf['self-hosted-runner'].labels).toContain(label);
    // An S3 registry: no warning about a registry that would be thrown away.
    expect(run.stderr).not.toMatch(/warning: publish\.registry/);
    expect(run.stdout).not.toMatch(/before you push: give the workflow a durable registry/);
  });

  it('without --gpu, no actionlint file; a local registry is said in the workflow too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-files-'));
    expect((await runCli(['init'], dir)).code).toBe(0);
    expect(() => readFileSync(join(dir, '.github/actionlint.yaml'))).toThrow();
    const wf = readFileSync(join(dir, '.github/workflows/model-retrain.yml'), 'utf8');
    expect(wf).toMatch(/# NOT DURABLE YET: publish\.registry is a folder of the checkout/);
  });
});
