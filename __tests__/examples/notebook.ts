import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathWithVenv, pythonBin, repoRoot } from '../support/python.js';

export interface Contract {
  challenger: Record<string, number>;
  champion?: Record<string, number>;
  predictions?: string;
}

export interface Run {
  status: number | null;
  stderr: string;
  metrics: Contract | null;
}

/**
 * Executes an example notebook for real (nbclient, the venv's python3 kernel), injecting
 * the contract's parameters after the `parameters` cell as the engine does.
 */
export function runNotebook(
  notebook: string,
  outputDir: string,
  params: Record<string, unknown>,
  championDir: string | null = null,
  cwd = repoRoot,
): Run {
  const injected = {
    ...params,
    output_dir: outputDir,
    champion_dir: championDir,
    run_id: String(params.run_id ?? 'test-run'),
    model_name: 'reviews',
    trigger: 'manual',
  };
  const r = spawnSync(
    pythonBin(),
    [
      resolve(import.meta.dirname, 'execute_notebook.py'),
      resolve(repoRoot, notebook),
      join(outputDir, 'executed.ipynb'),
      JSON.stringify(injected), // the runner renders each value with Python's repr
    ],
    { cwd, encoding: 'utf8', env: { ...process.env, PATH: pathWithVenv() }, timeout: 300_000 },
  );
  const file = join(outputDir, 'metrics.json');
  const metrics = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Contract) : null;
  return { status: r.status, stderr: r.stderr, metrics };
}
