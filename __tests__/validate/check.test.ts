import { describe, expect, it } from 'vitest';
import { checkValidateConfig } from '../../src/validate/check.js';
import type { ValidateConfig } from '../../src/validate/config.js';

const sig = { level: 0.05, required: true, resamples: 2000, seed: 1 };

describe('checkValidateConfig', () => {
  it.each<[string, ValidateConfig, string | null, RegExp | null]>([
    [
      'a valid policy',
      {
        primary: 'accuracy',
        metrics: {
          accuracy: { direction: 'higher', floor: 0.8, min_change: 0.01 },
          latency: { direction: 'lower', tolerance: 5 },
        },
        significance: { test: 'mcnemar', ...sig },
      },
      null,
      null,
    ],
    [
      'primary without policy',
      { primary: 'auc', metrics: { accuracy: { direction: 'higher' } } },
      'validate.primary',
      /"auc" has no policy/,
    ],
    [
      'floor above ceiling',
      { primary: 'x', metrics: { x: { direction: 'higher', floor: 2, ceiling: 1 } } },
      'validate.metrics.x',
      /no value can pass/,
    ],
    [
      'min_change on a guard',
      {
        primary: 'accuracy',
        metrics: {
          accuracy: { direction: 'higher' },
          f1_macro: { direction: 'higher', min_change: 0.1 },
        },
      },
      'validate.metrics.f1_macro.min_change',
      /primary metric \(accuracy\) only/,
    ],
    [
      'tolerance on the primary',
      { primary: 'accuracy', metrics: { accuracy: { direction: 'higher', tolerance: 0.1 } } },
      'validate.metrics.accuracy.tolerance',
      /guard metrics/,
    ],
    [
      'known metric with the wrong direction',
      { primary: 'rmse', metrics: { rmse: { direction: 'higher' } } },
      'validate.metrics.rmse.direction',
      /lower-is-better/,
    ],
    [
      'significance on a metric with no per-example form',
      {
        primary: 'auc',
        metrics: { auc: { direction: 'higher' } },
        significance: { test: 'bootstrap', ...sig },
      },
      'validate.significance.metric',
      /set validate\.significance\.metric/,
    ],
    [
      '... unless significance.metric names one',
      {
        primary: 'auc',
        metrics: { auc: { direction: 'higher' } },
        significance: { test: 'bootstrap', metric: 'accuracy', ...sig },
      },
      null,
      null,
    ],
    [
      'mcnemar on a regression metric',
      {
        primary: 'mae',
        metrics: { mae: { direction: 'lower' } },
        significance: { test: 'mcnemar', ...sig },
      },
      'validate.significance.test',
      /use "bootstrap"/,
    ],
  ])('%s', (_name, config, field, message) => {
    const problem = checkValidateConfig(config);
    if (field === null) {
      expect(problem).toBeNull();
      return;
    }
    expect(problem?.path.join('.')).toBe(field);
    expect(problem?.message).toMatch(message as RegExp);
  });
});
