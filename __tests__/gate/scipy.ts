import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pythonBin, repoRoot } from '../support/python.js';

/** Runs __tests__/fixtures/gate/scipy_reference.py on a spec; samples come back as raw float64 files. */
export function scipyReference<T>(spec: object): T {
  const dir = mkdtempSync(join(tmpdir(), 'gate-scipy-'));
  const script = resolve(repoRoot, '__tests__/fixtures/gate/scipy_reference.py');
  const r = spawnSync(pythonBin(), [script, dir], {
    input: JSON.stringify(spec),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`scipy_reference.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export function readF64(path: string): Float64Array {
  const buf = readFileSync(path);
  return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** |a − b| ≤ tol·|b|, with exact zeros required to match. */
export function relDiff(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.abs(b);
}
