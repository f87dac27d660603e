import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built-in engine's file name: beside the bundle (dist/, dist/cli/) and in src/train/python/. */
export const DRIVER_FILE = 'nbclient_engine.py';
/** The interpreter preflight (src/train/python/engine_check.py). */
export const CHECK_FILE = 'engine_check.py';

/**
 * A Python file of the action: the built-in engine (papermill's execution model on plain
 * nbclient, for runners without papermill) or the interpreter preflight. They are real Python
 * files, linted and tested on their own; scripts/bundle.mjs copies them beside each bundle, and
 * the sources read them from src/train/python/.
 */
export function pythonFile(
  name: string,
  here: string = dirname(fileURLToPath(import.meta.url)),
): string {
  const candidates = [join(here, name), join(here, 'python', name)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `the action's ${name} is missing (looked in ${candidates.join(', ')}); rebuild the bundle with npm run bundle`,
    );
  }
  return found;
}

/** The built-in engine's script. */
export function driverPath(here?: string): string {
  return pythonFile(DRIVER_FILE, here);
}
