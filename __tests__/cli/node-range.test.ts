import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/python.js';

// The range the README states is the range npm checks: `npm ci` on this machine's Node (20 in
// CI) installs the locked tree without one EBADENGINE warning.
describe('the supported Node range', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    engines: { node: string };
    devEngines: { runtime: { version: string } };
    dependencies?: Record<string, string>;
  };

  it('the package: Node 20 or newer, nothing to install beside the bundles', () => {
    expect(pkg.engines.node).toBe('>=20');
    expect(pkg.dependencies ?? {}).toEqual({});
    const action = readFileSync(join(repoRoot, 'action.yml'), 'utf8');
    expect(action).toMatch(/^ {2}using: 'node20'$/m);
  });

  it('npm ci prints no EBADENGINE warning on this Node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-engines-'));
    copyFileSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
    copyFileSync(join(repoRoot, 'package-lock.json'), join(dir, 'package-lock.json'));
    const r = spawnSync(
      'npm',
      ['ci', '--dry-run', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'],
      { cwd: dir, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/EBADENGINE|Unsupported engine/);
  });
});
