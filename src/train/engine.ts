import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { UserError } from '../errors.js';
import type { TrainConfig } from './config.js';

/** The first executable named `name` on PATH, or null. */
export function which(name: string, path: string | undefined): string | null {
  if (isAbsolute(name)) return executable(name) ? name : null;
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (executable(candidate)) return candidate;
  }
  return null;
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** train.python, else MODEL_RETRAIN_PYTHON, else python3 on PATH. */
export function pythonFor(config: Pick<TrainConfig, 'python'>, env: NodeJS.ProcessEnv): string {
  return config.python || env.MODEL_RETRAIN_PYTHON || 'python3';
}

export type ResolvedEngine =
  | { engine: 'papermill'; papermill: string; viaPython: boolean }
  | { engine: 'nbclient'; python: string };

/**
 * auto: papermill when it is on PATH, else the built-in engine. An explicit papermill with
 * train.python set runs as `python -m papermill` in that interpreter.
 */
export function resolveEngine(
  config: Pick<TrainConfig, 'engine' | 'python'>,
  env: NodeJS.ProcessEnv,
  lookup: (name: string) => string | null = (n) => which(n, env.PATH),
): ResolvedEngine {
  const engine = config.engine ?? 'auto';
  if (engine === 'nbclient') return { engine: 'nbclient', python: pythonFor(config, env) };
  if (engine === 'papermill' && config.python) {
    return { engine: 'papermill', papermill: config.python, viaPython: true };
  }
  const papermill = lookup('papermill');
  if (papermill) return { engine: 'papermill', papermill, viaPython: false };
  if (engine === 'papermill') {
    throw new UserError(
      'train.engine is papermill but no `papermill` is on PATH: install it on the runner (pip install papermill), set train.python to an interpreter that has it, or use train.engine: nbclient',
    );
  }
  return { engine: 'nbclient', python: pythonFor(config, env) };
}

/**
 * Variables the notebook does not see unless train.env names them: the action's inputs (its
 * tokens and keys among them), the runner's tokens, GitHub tokens, and the environment names the
 * CLI reads its secrets from.
 */
const HIDDEN =
  /^(INPUT_.*|ACTIONS_RUNTIME_TOKEN|ACTIONS_ID_TOKEN_REQUEST_TOKEN|ACTIONS_ID_TOKEN_REQUEST_URL|ACTIONS_RUNTIME_URL|ACTIONS_RESULTS_URL|ACTIONS_CACHE_URL|GITHUB_TOKEN|GH_TOKEN|GH_ENTERPRISE_TOKEN|GITHUB_ENTERPRISE_TOKEN|DATADOG_API_KEY|DATADOG_APP_KEY|DD_API_KEY|DD_APP_KEY|PROMETHEUS_USERNAME|PROMETHEUS_PASSWORD|PROMETHEUS_TOKEN|MODEL_RETRAIN_WEBHOOK_SECRET)$/i;

/**
 * The environment of the engine (and so of the kernel). `pass` (train.env) names variables
 * that go through even when hidden; any other variable whose value is one of the action's
 * `secrets` is dropped too, whatever its name.
 */
export function engineEnv(
  env: NodeJS.ProcessEnv,
  pass: readonly string[] = [],
  secrets: readonly string[] = [],
): NodeJS.ProcessEnv {
  const named = new Set(pass);
  const secretValues = new Set(secrets.filter((s) => s.length >= 4));
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (named.has(k) || (!HIDDEN.test(k) && !(v !== undefined && secretValues.has(v)))) out[k] = v;
  }
  out.PYTHONUNBUFFERED = '1';
  out.PYDEVD_DISABLE_FILE_VALIDATION ??= '1';
  return out;
}
