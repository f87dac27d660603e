import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/logger.js';
import { runSmoke, type SmokeResult } from '../../src/validate/smoke.js';
import { pythonBin, repoRoot } from '../support/python.js';

/** Runs an example's configured serving check (validate.smoke) against a trained model folder. */
export function exampleSmoke(
  configPath: string,
  modelDir: string,
  outputDir: string,
): Promise<SmokeResult> {
  const config = loadConfig(configPath, repoRoot);
  if (!config.validate.smoke) throw new Error(`${configPath} has no validate.smoke`);
  return runSmoke(
    config.validate.smoke,
    { modelDir, outputDir },
    { python: pythonBin(), env: [] },
    { root: repoRoot, logger: silentLogger, signal: new AbortController().signal, secrets: {} },
  );
}
