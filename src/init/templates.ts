import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the starter's notebook and requirements: src/init/templates beside this file,
 * or dist/cli/templates beside the bundle (scripts/bundle.mjs copies it there).
 */
export function templatesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = join(here, 'templates');
  if (!existsSync(join(dir, 'train.ipynb'))) {
    throw new Error(`init: the starter templates are missing from ${dir}; rebuild the bundle`);
  }
  return dir;
}

export function readTemplate(name: 'train.ipynb' | 'requirements.txt'): string {
  return readFileSync(join(templatesDir(), name), 'utf8');
}
