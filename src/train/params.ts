import { UserError } from '../errors.js';
import { floatLiteral, PyFloat } from './pyvalue.js';
import type { TrainRequest } from './types.js';

/** Names the engine always injects (the notebook contract); the user's parameters may not use them. */
export const CONTRACT_PARAMETERS = [
  'output_dir',
  'champion_dir',
  'run_id',
  'model_name',
  'trigger',
] as const;

const PYTHON_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The mapping injected into the notebook: the user's parameters first (in their order), then
 * the contract values, which always win.
 */
export function notebookParameters(
  userParameters: Record<string, unknown>,
  request: TrainRequest,
): Record<string, unknown> {
  for (const name of Object.keys(userParameters)) {
    if (!PYTHON_NAME.test(name)) {
      throw new UserError(
        `train.parameters.${name}: "${name}" is not a valid Python variable name; use letters, digits and underscores, not starting with a digit`,
      );
    }
    if ((CONTRACT_PARAMETERS as readonly string[]).includes(name)) {
      throw new UserError(
        `train.parameters.${name}: "${name}" is set by the action itself (one of ${CONTRACT_PARAMETERS.join(', ')}); rename the parameter`,
      );
    }
  }
  return {
    ...userParameters,
    output_dir: request.outputDir,
    champion_dir: request.championDir,
    run_id: request.runId,
    model_name: request.modelName,
    trigger: request.trigger,
  };
}

/**
 * JSON as Python's json module reads it: bare NaN/Infinity tokens for non-finite numbers, so a
 * `.nan` from the config reaches the notebook as float('nan'), as papermill renders it.
 */
export function toPythonJson(value: unknown): string {
  return render(value, (n, float) => {
    if (Number.isNaN(n)) return 'NaN';
    if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
    return float ? floatLiteral(n) : JSON.stringify(n);
  });
}

/**
 * YAML that papermill's loader (PyYAML, YAML 1.1, timestamps off) reads back as the same values:
 * flow style with JSON-quoted strings; every float is tagged `!!float` (YAML 1.1 reads `1e-7`
 * as a string, and a float written `1.0` must stay one); non-finite numbers become `.nan`/`.inf`.
 */
export function toPapermillYaml(value: unknown): string {
  return (
    render(value, (n, float) => {
      if (Number.isNaN(n)) return '.nan';
      if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
      const text = float ? floatLiteral(n) : JSON.stringify(n);
      return /^-?\d+$/.test(text) ? text : `!!float ${text}`;
    }) + '\n'
  );
}

/** `float`: the config wrote the number as a float (PyFloat), so Python must get a float. */
function render(value: unknown, num: (n: number, float: boolean) => string): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof PyFloat) return num(value.value, true);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return num(value, false);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => render(v, num)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${JSON.stringify(k)}: ${render(v, num)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return JSON.stringify(String(value));
}
