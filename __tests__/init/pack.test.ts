import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { THROWAWAY_ENV } from '../../src/registry-durability.js';
import { repoRoot } from '../support/python.js';

// The package as npm would publish it: `npm pack`, then `npx model-retrain-action@0 …` from an
// empty folder, with no network (npm exec --offline installs the tarball from disk).
let tarball: string;
let cache: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm exec --package=TARBALL -- model-retrain ARGS` in `cwd`, as `npx` runs the published bin. */
function npx(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('GITHUB_') && !k.startsWith('RUNNER_') && k !== THROWAWAY_ENV,
    ),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(
      'npm',
      ['exec', '--offline', '--yes', `--package=${tarball}`, '--', 'model-retrain', ...args],
      {
        cwd,
        env: { ...clean, npm_config_cache: cache, npm_config_update_notifier: 'false', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'mra-pack-'));
  cache = join(out, 'npm-cache');
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  expect(pack.status, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string }[];
  tarball = join(out, (info as { filename: string }).filename);
});

describe('the packed package', () => {
  it('holds both bundles, the templates and the schema, and needs nothing installed', () => {
    const list = spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' }).stdout.split('\n');
    for (const f of [
      'package/dist/index.js',
      'package/dist/cli/index.js',
      'package/dist/cli/templates/train.ipynb',
      'package/dist/cli/nbclient_engine.py',
      'package/schema/model-retrain.schema.json',
      'package/action.yml',
      'package/README.md',
    ])
      expect(list, f).toContain(f);
    expect(list.some((f) => f.startsWith('package/src/'))).toBe(false);
    const pkg = JSON.parse(
      spawnSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }).stdout,
    ) as { bin: Record<string, string>; dependencies?: Record<string, string> };
    expect(pkg.bin).toEqual({ 'model-retrain': 'dist/cli/index.js' });
    // The bundles carry their dependencies: npx installs one tarball, nothing else.
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('npx … init, then npx … --mode check, in an empty folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-npx-'));
    const init = await npx(['init', '--model', 'starter'], dir);
    expect(init.code, init.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.github', '.gitignore', 'monitoring', 'training']);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\/\.model-retrain\/$/m);
    // The next step names the command that works here, after npx: not a bare `model-retrain`.
    expect(init.stdout).toContain('npx model-retrain-action@0 --mode check');
    expect(init.stdout).not.toMatch(/try it here: model-retrain\b/);
    // A local registry is said loudly: the workflow would keep no model.
    expect(init.stderr).toMatch(/warning: publish\.registry is "registry".*fresh checkout/s);

    const check = await npx(['--mode', 'check', '--json'], dir);
    expect(check.code, check.stderr).toBe(0);
    const outputs = JSON.parse(check.stdout) as Record<string, string>;
    expect(outputs).toMatchObject({ decision: 'retrain', outcome: 'checked' });
    expect(JSON.parse(outputs['gate-verdict'] as string)).toMatchObject({ decision: 'retrain' });
    expect(existsSync(outputs.report as string)).toBe(true);

    const versions = await npx(['versions'], dir);
    expect(versions.code, versions.stderr).toBe(0);
    expect(versions.stdout).toMatch(/no version published yet/);
  });

  it('inside GitHub Actions, the starter without an S3 registry fails and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-npx-'));
    expect((await npx(['init'], dir)).code).toBe(0);
    const run = await npx(['--mode', 'check'], dir, {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: dir,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/publish\.registry: "registry" is a local folder/);
    expect(run.stderr).toContain('s3://BUCKET/PREFIX');
    expect(run.stderr).toContain(`${THROWAWAY_ENV}: 'true'`);
    // The explicit opt-in runs it.
    const optIn = await npx(['--mode', 'check'], dir, {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: dir,
      [THROWAWAY_ENV]: 'true',
    });
    expect(optIn.code, optIn.stderr).toBe(0);
  });
});
