import { defaultSignificance, type ValidateConfig } from './config.js';
import { scoreKernel, scoreNames } from './scores.js';

export interface ConfigProblem {
  /** Path under the config file's root, e.g. ['validate', 'metrics', 'f1', 'min_change']. */
  path: (string | number)[];
  message: string;
}

/**
 * What the JSON Schema cannot say about `validate`, checked when the config loads so a
 * mistake fails before an hour of training rather than after it. Pure.
 */
export function checkValidateConfig(config: ValidateConfig): ConfigProblem | null {
  const at = (...p: (string | number)[]): (string | number)[] => ['validate', ...p];
  const primary = config.metrics[config.primary];
  if (!primary) {
    return {
      path: at('primary'),
      message: `primary metric "${config.primary}" has no policy under validate.metrics`,
    };
  }
  for (const [name, policy] of Object.entries(config.metrics)) {
    if (
      policy.floor !== undefined &&
      policy.ceiling !== undefined &&
      policy.floor > policy.ceiling
    ) {
      return {
        path: at('metrics', name),
        message: `floor ${policy.floor} is above ceiling ${policy.ceiling}: no value can pass`,
      };
    }
    const isPrimary = name === config.primary;
    for (const key of ['min_change', 'min_relative_change'] as const) {
      if (!isPrimary && policy[key] !== undefined) {
        return {
          path: at('metrics', name, key),
          message: `${key} applies to the primary metric (${config.primary}) only; a guard metric uses tolerance or relative_tolerance`,
        };
      }
    }
    for (const key of ['tolerance', 'relative_tolerance'] as const) {
      if (isPrimary && policy[key] !== undefined) {
        return {
          path: at('metrics', name, key),
          message: `${key} applies to guard metrics; the primary metric uses min_change or min_relative_change`,
        };
      }
    }
    const known = scoreKernel(name);
    if (known && known.direction !== policy.direction) {
      return {
        path: at('metrics', name, 'direction'),
        message: `${name} is ${known.direction === 'higher' ? 'higher' : 'lower'}-is-better, but direction is "${policy.direction}"`,
      };
    }
  }
  const sig = { ...defaultSignificance, ...config.significance };
  if (sig.test === 'none') return null;
  const metric = sig.metric ?? config.primary;
  const kernel = scoreKernel(metric);
  if (!kernel) {
    return {
      path: at('significance', 'metric'),
      message: `the primary metric "${config.primary}" cannot be recomputed from per-example predictions; set validate.significance.metric to one of ${scoreNames.join(', ')}`,
    };
  }
  if (sig.test === 'mcnemar' && kernel.name !== 'accuracy' && kernel.name !== 'error_rate') {
    return {
      path: at('significance', 'test'),
      message: `mcnemar compares right/wrong per example and suits accuracy or error_rate, not ${kernel.name}; use "bootstrap"`,
    };
  }
  return null;
}
