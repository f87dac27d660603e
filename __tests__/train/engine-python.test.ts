/**
 * The action's Python files (the built-in engine, the interpreter preflight) checked as Python:
 * linted with pyflakes (else compiled), and their own unit tests run with the venv's python.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driverPath, pythonFile } from '../../src/train/driver.js';
import { pythonBin, repoRoot } from '../support/python.js';

const sources = [join(repoRoot, 'src/train/python'), join(repoRoot, '__tests__/train/python')];

function py(args: string[]) {
  return spawnSync(pythonBin(), args, { cwd: repoRoot, encoding: 'utf8' });
}

describe('the Python side of the training engine', () => {
  it('is lint-clean (pyflakes when installed, else it compiles)', () => {
    const hasPyflakes = py(['-c', 'import pyflakes']).status === 0;
    const res = hasPyflakes
      ? py(['-m', 'pyflakes', ...sources])
      : py(['-m', 'compileall', '-q', ...sources]);
    expect(`${res.stdout}${res.stderr}`).toBe('');
    expect(res.status).toBe(0);
  });

  it('passes its own unit tests', () => {
    const res = py(['-m', 'unittest', 'discover', '-s', sources[1] as string, '-p', 'test_*.py']);
    expect(res.stderr).toMatch(/\nOK\s*$/);
    expect(res.status).toBe(0);
  });

  it('is read from its own folder, as each bundle reads it from beside itself', () => {
    expect(driverPath()).toBe(join(repoRoot, 'src/train/python/nbclient_engine.py'));
    expect(pythonFile('engine_check.py', join(repoRoot, 'src/train/python'))).toBe(
      join(repoRoot, 'src/train/python/engine_check.py'),
    );
    expect(() => pythonFile('engine_check.py', '/nonexistent')).toThrow(
      /engine_check\.py is missing \(looked in \/nonexistent\/engine_check\.py, .*npm run bundle/,
    );
  });
});
