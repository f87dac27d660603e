import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Fails early with the fix when the test environment was not set up. */
export default function setup(): void {
  const root = resolve(import.meta.dirname, '..', '..');
  if (!existsSync(resolve(root, '.cache/venv/bin/python'))) {
    throw new Error(
      'The Python test environment is missing: run `npm test` (it runs scripts/setup.sh first).',
    );
  }
}
