/**
 * One call from two tables of the prediction log to an estimate: the reference (labelled) and
 * the current window (labels not needed), both checked at the edge (input.ts).
 */
import { UserError } from '../../errors.js';
import { fitEstimator, type EstimateOptions } from './estimator.js';
import { readReference, readScores, type ScoreTable } from './input.js';
import type { PerformanceEstimate } from './types.js';

export interface EstimateResult extends PerformanceEstimate {
  /** Reference rows left out for want of a label. */
  referenceUnlabelled: number;
}

export function estimatePerformance(
  reference: ScoreTable,
  current: ScoreTable,
  options: EstimateOptions = {},
): EstimateResult {
  const same =
    reference.classes.length === current.classes.length &&
    reference.classes.every((c, i) => c === current.classes[i]);
  if (!same)
    throw new UserError(
      `the ${current.window} scores classes (${current.classes.join(', ')}) and the ${reference.window} scores classes (${reference.classes.join(', ')}); both windows must log the same classes in the same score columns`,
    );
  const { window: ref, unlabelled } = readReference(reference);
  const cur = readScores(current);
  const est = fitEstimator(ref, reference.classes, options).estimate(cur);
  return { ...est, referenceUnlabelled: unlabelled };
}
