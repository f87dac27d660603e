import type { TrainConfig } from './config.js';
import { CONTRACT_PARAMETERS } from './params.js';

const PYTHON_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * train rules JSON Schema cannot say, checked when the config is read (so in check mode too,
 * before any GPU job): the path points at the offending key, whose line the error names.
 */
export function trainConfigProblem(
  train: Pick<TrainConfig, 'parameters'>,
): { path: (string | number)[]; message: string } | null {
  for (const name of Object.keys(train.parameters ?? {})) {
    if ((CONTRACT_PARAMETERS as readonly string[]).includes(name)) {
      return {
        path: ['train', 'parameters', name],
        message: `"${name}" is set by the action itself (the notebook contract injects ${CONTRACT_PARAMETERS.join(', ')}); rename the parameter, e.g. my_${name}`,
      };
    }
    if (!PYTHON_NAME.test(name)) {
      return {
        path: ['train', 'parameters', name],
        message: `"${name}" is not a valid Python variable name; use letters, digits and underscores, not starting with a digit`,
      };
    }
  }
  return null;
}
