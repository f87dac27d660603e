/**
 * Confidence-based performance estimation (CBPE; NannyML, docs/how_it_works/
 * performance_estimation.rst; accuracy estimator and its exact interval: Kivimäki et al. 2024,
 * arXiv 2407.08649), fitted once on a labelled reference and applied to any window of the same
 * model: calibrate, take the expected confusion matrix, bound each metric, then check the
 * assumptions (support, ATC cross-check, calibration) and say whether the estimate can be
 * trusted.
 */
import { atcAccuracy, fitAtc, type AtcFit } from './atc.js';
import { applyCalibrator, fitCalibrator, type Calibrator } from './calibrate.js';
import { confusionMetrics, labelMetrics, rankScores, type MetricValues } from './confusion.js';
import { metricIntervals } from './intervals.js';
import { DEFAULT_SUPPORT_LIMIT, supportCheck } from './support.js';
import {
  ESTIMATED_METRICS,
  type EstimatedMetric,
  type LabelledWindow,
  type PerformanceEstimate,
  type ScoredWindow,
} from './types.js';
import { atcTolerance, judgeReliability, DEFAULT_MAX_ECE } from './reliability.js';

export interface EstimateOptions {
  /** Interval level (default 0.95). */
  level?: number;
  /** Label draws behind the intervals of precision, recall, F1 and ROC AUC (default 200). */
  draws?: number;
  seed?: number;
  /** Share of rows outside the reference's range that makes the estimate unreliable. */
  supportLimit?: number;
  /** Largest |CBPE − ATC| accuracy gap, in accuracy units, before rounding noise. */
  atcBase?: number;
  /** Largest cross-validated ECE of the scores used. */
  maxEce?: number;
}

export interface Estimator {
  classes: readonly string[];
  calibrator: Calibrator;
  atc: AtcFit;
  reference: LabelledWindow;
  /** Realized metrics on the reference. */
  referenceMetrics: MetricValues;
  estimate(current: ScoredWindow): PerformanceEstimate;
  /** Point estimates alone (no intervals or checks), for reference chunks. */
  point(current: ScoredWindow): MetricValues['values'];
}

export const ASSUMPTIONS = [
  'the scores, after calibration on the reference, are calibrated probabilities',
  'P(label | inputs) is the same now as in the reference (covariate shift only; concept drift is invisible without labels)',
  'the window lies inside what the reference covered',
  'the reference is not the data the model was trained on',
];

export function fitEstimator(
  reference: LabelledWindow,
  classes: readonly string[],
  options: EstimateOptions = {},
): Estimator {
  const calibrator = fitCalibrator(reference, classes, { seed: options.seed ?? 1 });
  const referenceMetrics = labelMetrics(reference.labels, reference.predicted, reference.scores);
  const atc = fitAtc(reference.scores, referenceMetrics.values.accuracy ?? 0);
  const level = options.level ?? 0.95;

  function estimate(current: ScoredWindow): PerformanceEstimate {
    const { n, k } = current.scores;
    const prob = applyCalibrator(calibrator, current.scores);
    const ranked = (k === 2 ? [1] : Array.from({ length: k }, (_, c) => c)).reduce<
      ReturnType<typeof rankScores>[]
    >((acc, c) => ((acc[c] = rankScores(current.scores, c)), acc), []);
    const point = confusionMetrics(prob, current.predicted, current.scores, ranked);
    const intervals = metricIntervals(
      prob,
      current.predicted,
      current.scores,
      ranked,
      point.values,
      {
        level,
        draws: options.draws ?? 200,
        seed: options.seed ?? 1,
        referenceN: reference.scores.n,
      },
    );
    const metrics: EstimatedMetric[] = ESTIMATED_METRICS.map((m) => ({
      metric: m,
      average: k === 2 ? 'binary' : 'macro',
      value: point.values[m],
      interval: intervals[m],
      level,
      intervalMethod: m === 'accuracy' ? 'poisson-binomial' : 'label-simulation',
      reference: referenceMetrics.values[m],
      ...(point.notes[m] ? { note: point.notes[m] } : {}),
    }));
    const support = supportCheck(
      reference,
      current,
      classes,
      options.supportLimit ?? DEFAULT_SUPPORT_LIMIT,
    );
    const cbpeAcc = point.values.accuracy ?? 0;
    const atcAcc = atcAccuracy(atc, current.scores);
    const atcReport = {
      accuracy: atcAcc,
      threshold: atc.threshold,
      difference: Math.abs(cbpeAcc - atcAcc),
      tolerance: atcTolerance(cbpeAcc, n, options.atcBase),
    };
    const reliability = judgeReliability({
      n,
      support,
      atc: atcReport,
      calibration: calibrator.report,
      maxEce: options.maxEce ?? DEFAULT_MAX_ECE,
    });
    return {
      task: k === 2 ? 'binary' : 'multiclass',
      classes: [...classes],
      n,
      referenceN: reference.scores.n,
      metrics,
      calibration: calibrator.report,
      support,
      atc: atcReport,
      reliability,
      assumptions: ASSUMPTIONS,
    };
  }
  function point(current: ScoredWindow): MetricValues['values'] {
    const prob = applyCalibrator(calibrator, current.scores);
    return confusionMetrics(prob, current.predicted, current.scores).values;
  }
  return { classes, calibrator, atc, reference, referenceMetrics, estimate, point };
}
