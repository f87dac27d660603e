import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root (tests run from anywhere). */
export const repoRoot = resolve(import.meta.dirname, '..', '..');

/** The venv that scripts/setup.sh builds; falls back to python3 on PATH. */
export function pythonBin(): string {
  const venv = resolve(repoRoot, '.cache/venv/bin/python');
  return existsSync(venv) ? venv : 'python3';
}

/** PATH with the venv first, for child processes that look up python3, jupyter or moto_server. */
export function pathWithVenv(): string {
  return `${resolve(repoRoot, '.cache/venv/bin')}:${process.env.PATH ?? ''}`;
}
