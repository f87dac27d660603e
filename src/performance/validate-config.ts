/** Rules of metrics.predictions and gate.performance that JSON Schema cannot say. */
import type { Config } from '../config/types.js';
import { metricSpec } from './metrics.js';

export function performanceConfigProblem(
  config: Config,
): { path: (string | number)[]; message: string } | null {
  const log = config.metrics.predictions;
  const checks = config.gate.performance ?? [];
  if (config.metrics.series.length === 0 && !log)
    return {
      path: ['metrics', 'series'],
      message:
        'no series and no predictions: list at least one series, or set metrics.predictions (a prediction log with labels)',
    };
  if (config.gate.checks.length === 0 && checks.length === 0)
    return {
      path: ['gate', 'checks'],
      message: 'no checks: add drift checks (gate.checks) or performance checks (gate.performance)',
    };
  if (config.gate.decide_on === 'performance' && checks.length === 0)
    return {
      path: ['gate', 'decide_on'],
      message: '"performance" needs performance checks: add gate.performance, or decide_on: all',
    };
  if (checks.length && !log)
    return {
      path: ['gate', 'performance'],
      message:
        'performance checks need a prediction log with labels: set metrics.predictions (log, labels, task)',
    };
  if (!log) return null;
  if (log.task === 'binary' && log.score_columns)
    return {
      path: ['metrics', 'predictions', 'score_columns'],
      message:
        'a binary model has one score column: set score_column (the probability of positive_label)',
    };
  if (log.task === 'multiclass' && log.score_column)
    return {
      path: ['metrics', 'predictions', 'score_column'],
      message:
        'a multiclass model has one score column per class: set score_columns (class: column)',
    };
  if (log.task === 'regression' && (log.score_column || log.score_columns || log.positive_label))
    return {
      path: ['metrics', 'predictions', 'task'],
      message: 'a regression log has no scores or positive label; remove them or fix the task',
    };
  for (const [i, c] of checks.entries()) {
    const spec = metricSpec(c.metric)!;
    if (!spec.tasks.includes(log.task))
      return {
        path: ['gate', 'performance', i, 'metric'],
        message: `${c.metric} does not apply to a ${log.task} model (it applies to ${spec.tasks.join(', ')})`,
      };
    if (spec.scores && !log.score_column && !log.score_columns)
      return {
        path: ['gate', 'performance', i, 'metric'],
        message: `${c.metric} needs the model's scores: set metrics.predictions.${log.task === 'binary' ? 'score_column' : 'score_columns'}`,
      };
    if (c.segment && !(log.segments ?? []).includes(c.segment))
      return {
        path: ['gate', 'performance', i, 'segment'],
        message: `"${c.segment}" is not one of metrics.predictions.segments (${(log.segments ?? []).join(', ') || 'none'}); add it there`,
      };
    if (c.thresholds === 'auto' && !config.metrics.windows.reference)
      return {
        path: ['gate', 'performance', i, 'thresholds'],
        message: 'auto limits come from the reference window: set metrics.windows.reference',
      };
    if (c.floor === undefined && c.thresholds !== 'auto' && !config.metrics.windows.reference)
      return {
        path: ['gate', 'performance', i],
        message: 'this check can never fire: without metrics.windows.reference it needs a floor',
      };
  }
  return null;
}
