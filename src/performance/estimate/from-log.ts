/**
 * Windows of the joined prediction log as the estimator takes them: the model's scores for
 * every prediction in the current window (labelled or not), and the labelled rows of the
 * reference. A binary log's single score column is P(positive); the estimator's class 1 is the
 * positive class.
 */
import { UserError } from '../../errors.js';
import type { JoinedLog } from '../join.js';
import { MIN_REFERENCE_PER_CLASS, MIN_REFERENCE_ROWS } from './input.js';
import type { LabelledWindow, ScoredWindow } from './types.js';

const SUM_TOLERANCE = 1e-6;

export interface LogClasses {
  /** Class names in the estimator's order (binary: [negative, positive]). */
  classes: string[];
  /** Log class code → estimator class index. */
  code: (c: number) => number;
}

export function logClasses(log: JoinedLog): LogClasses {
  if (log.task === 'binary') {
    const pos = Math.max(0, log.classes.indexOf(log.positive ?? '1'));
    if (log.classes.length !== 2)
      throw new UserError(
        `metrics.predictions: a binary model's log has ${log.classes.length} classes (${log.classes.join(', ')}); estimation needs exactly two (set task: multiclass with score_columns otherwise)`,
      );
    return {
      classes: [log.classes[1 - pos]!, log.classes[pos]!],
      code: (c) => (c === pos ? 1 : 0),
    };
  }
  return { classes: log.classes, code: (c) => c };
}

function scoreField(log: JoinedLog): string {
  return log.task === 'binary'
    ? 'metrics.predictions.score_column'
    : 'metrics.predictions.score_columns';
}

/** The rows' scores, predictions and (where asked) labels; refuses scores that are not probabilities. */
export function windowFromLog(
  log: JoinedLog,
  rows: ArrayLike<number>,
  lc: LogClasses,
): ScoredWindow & { labels: Int32Array } {
  const n = rows.length;
  const k = lc.classes.length;
  const w = log.scoreWidth;
  if (w === 0)
    throw new UserError(
      `${scoreField(log)}: estimating performance needs the model's scores; name the column${log.task === 'binary' ? ' holding P(positive)' : 's holding each class’s probability'}`,
    );
  const p = new Float64Array(n * k);
  const predicted = new Int32Array(n);
  const labels = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = rows[j]!;
    let sum = 0;
    for (let c = 0; c < w; c++) {
      const x = log.scores[i * w + c]!;
      if (!(x >= 0 && x <= 1))
        throw new UserError(
          `${scoreField(log)}: a score of ${x} in the prediction log; scores must be probabilities in [0, 1] (log predict_proba's output, not margins or logits)`,
        );
      sum += x;
    }
    if (w === 1) {
      p[j * 2 + 1] = log.scores[i]!;
      p[j * 2] = 1 - log.scores[i]!;
    } else {
      if (Math.abs(sum - 1) > SUM_TOLERANCE)
        throw new UserError(
          `${scoreField(log)}: a row's scores sum to ${sum}, not 1; they must be one probability per class (softmax output), a column for every class`,
        );
      for (let c = 0; c < w; c++) p[j * k + c] = log.scores[i * w + c]!;
    }
    predicted[j] = lc.code(log.pred[i]!);
    labels[j] = log.labelled[i] ? lc.code(log.truth[i]!) : -1;
  }
  return { scores: { n, k, p }, predicted, labels };
}

/** Why the labelled reference cannot calibrate the estimator, in words; null when it can. */
export function referenceProblem(ref: LabelledWindow, classes: readonly string[]): string | null {
  const n = ref.scores.n;
  const counts = new Array<number>(classes.length).fill(0);
  for (const l of ref.labels) counts[l]!++;
  if (n === 0)
    return 'the reference window has no labelled predictions yet: pick a reference old enough for its labels to have arrived (metrics.windows.reference)';
  if (counts.filter((c) => c > 0).length < 2)
    return `every label in the reference window is "${classes[counts.findIndex((c) => c > 0)]}": estimation needs both outcomes; widen the reference window`;
  if (n < MIN_REFERENCE_ROWS)
    return `${n} labelled predictions in the reference window; calibration needs at least ${MIN_REFERENCE_ROWS} (3 folds): widen the reference window`;
  const thin = counts.findIndex((c) => c < MIN_REFERENCE_PER_CLASS);
  if (thin >= 0)
    return `${counts[thin]} reference predictions labelled "${classes[thin]}"; calibration needs at least ${MIN_REFERENCE_PER_CLASS} of every class: widen the reference window`;
  return null;
}
