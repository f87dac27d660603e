/**
 * Performance checks with `source: estimated`: the metric estimated from the model's own
 * confidence on every prediction of the current window, labelled or not (label-free estimation,
 * src/performance/estimate/), judged against a floor, a drop from the reference's realized value
 * or the reference chunks' levels. An estimate that cannot be trusted is `insufficient` with
 * "unreliable: …" — never `ok`, and never a retrain by itself (on_warn: retrain included).
 */
import { UserError } from '../errors.js';
import type { PerformanceCheckConfig } from '../performance/config.js';
import { DEFAULT_MIN_LABELLED } from '../performance/config.js';
import { referenceChunkLevels } from '../performance/estimate/chunks.js';
import { fitEstimator } from '../performance/estimate/estimator.js';
import { logClasses, referenceProblem, windowFromLog } from '../performance/estimate/from-log.js';
import { judgeEstimated, type EstimatedCheck } from '../performance/estimate/judge.js';
import type { EstimatedMetricName, PerformanceEstimate } from '../performance/estimate/types.js';
import type { PerformanceCheckReport } from '../performance/report.js';
import type { MetricValue } from '../performance/types.js';
import { rowsIn } from '../performance/window.js';
import type { PerformanceInput, Windows } from './performance-check.js';
import type { CheckResult, Severity } from './types.js';

/** Config metric name → the estimated metric, per task. */
const ESTIMABLE: Record<
  string,
  { binary?: EstimatedMetricName; multiclass?: EstimatedMetricName }
> = {
  accuracy: { binary: 'accuracy', multiclass: 'accuracy' },
  precision: { binary: 'precision' },
  recall: { binary: 'recall' },
  f1: { binary: 'f1' },
  precision_macro: { multiclass: 'precision' },
  recall_macro: { multiclass: 'recall' },
  f1_macro: { multiclass: 'f1' },
  roc_auc: { binary: 'roc_auc', multiclass: 'roc_auc' },
};

export function estimatedMetric(
  check: PerformanceCheckConfig,
  task: string,
  i: number,
): EstimatedMetricName {
  const m = ESTIMABLE[check.metric]?.[task as 'binary' | 'multiclass'];
  if (!m) {
    const allowed = Object.entries(ESTIMABLE)
      .filter(([, v]) => v[task as 'binary' | 'multiclass'])
      .map(([k]) => k);
    throw new UserError(
      `gate.performance[${i}].metric: ${check.metric} cannot be estimated without labels for a ${task} model${allowed.length ? ` (estimable: ${allowed.join(', ')})` : ' (estimation covers classifiers)'}; use source: realized for it`,
    );
  }
  return m;
}

export function evaluateEstimatedCheck(
  check: PerformanceCheckConfig,
  i: number,
  input: PerformanceInput,
  _windows: Windows,
): { result: CheckResult; report: PerformanceCheckReport; estimate?: PerformanceEstimate } {
  const { log } = input;
  const metric = estimatedMetric(check, log.task, i);
  if (check.segment)
    throw new UserError(
      `gate.performance[${i}].segment: estimated checks judge the whole window; drop segment or use source: realized`,
    );
  const name = check.name ?? `estimated ${check.metric}`;
  const minRows = check.min_labelled ?? DEFAULT_MIN_LABELLED;
  const lc = logClasses(log);
  const curRows = rowsIn(log, input.current);
  const done = (
    status: Severity,
    reason: string,
    est?: PerformanceEstimate,
    level?: number | null,
    verdict: 'judged' | 'unreliable' | 'insufficient' = 'judged',
  ) => {
    const m = est?.metrics.find((x) => x.metric === metric);
    const current: MetricValue = {
      metric: check.metric,
      value: m?.value ?? null,
      n: curRows.length,
      ...(m?.interval ? { ci: m.interval, method: m.intervalMethod } : {}),
    };
    const report: PerformanceCheckReport = {
      name,
      metric: check.metric,
      source: 'estimated',
      sklearn: 'expected confusion matrix from calibrated scores (CBPE)',
      direction: 'higher',
      current,
      ...(m?.reference != null
        ? { reference: { metric: check.metric, value: m.reference, n: est!.referenceN } }
        : {}),
      ...(check.floor !== undefined ? { floor: check.floor } : {}),
      status,
      reason,
      ...(est ? { estimate: est } : {}),
    };
    const result: CheckResult = {
      name,
      series: 'predictions',
      statistic: `estimated ${check.metric}`,
      value: current.value,
      op: '<',
      ...(level != null ? { alert: level } : {}),
      status,
      samples: { current: curRows.length, ...(est ? { reference: est.referenceN } : {}) },
      detail: {
        source: 'estimated',
        verdict,
        ci_low: current.ci?.[0] ?? null,
        ci_high: current.ci?.[1] ?? null,
        reference: m?.reference ?? null,
        support_outside: est?.support.outsideShare ?? null,
        atc: est?.atc.accuracy ?? null,
        ece_before: est?.calibration.eceBefore ?? null,
        ece_after: est?.calibration.eceAfter ?? null,
        calibrated: est ? (est.calibration.applied ? 'isotonic' : 'raw scores') : null,
      },
      note: reason,
    };
    return { result, report, ...(est ? { estimate: est } : {}) };
  };

  if (!input.reference)
    return done(
      'insufficient',
      'no labelled reference window to calibrate the estimate on (set metrics.windows.reference)',
      undefined,
      null,
      'insufficient',
    );
  const refAll = windowFromLog(log, rowsIn(log, input.reference), lc);
  const keep: number[] = [];
  refAll.labels.forEach((l, j) => l >= 0 && keep.push(j));
  const ref = {
    scores: {
      n: keep.length,
      k: refAll.scores.k,
      p: Float64Array.from(
        keep.flatMap((j) =>
          Array.from(refAll.scores.p.subarray(j * refAll.scores.k, (j + 1) * refAll.scores.k)),
        ),
      ),
    },
    predicted: Int32Array.from(keep, (j) => refAll.predicted[j]!),
    labels: Int32Array.from(keep, (j) => refAll.labels[j]!),
  };
  const problem = referenceProblem(ref, lc.classes);
  if (problem) return done('insufficient', problem, undefined, null, 'insufficient');
  if (curRows.length < minRows)
    return done(
      'insufficient',
      `${curRows.length} predictions in the current window; an estimate needs at least ${minRows}`,
      undefined,
      null,
      'insufficient',
    );
  const estimator = fitEstimator(ref, lc.classes);
  const est = estimator.estimate(windowFromLog(log, curRows, lc));
  const rule: EstimatedCheck = { metric, minRows };
  if (check.floor !== undefined) rule.floor = check.floor;
  if (check.thresholds === 'auto') {
    const lv = referenceChunkLevels(estimator, metric, curRows.length);
    if ('fallback' in lv && check.floor === undefined && check.max_drop === undefined)
      return done('insufficient', `no auto levels: ${lv.fallback}`, est, null, 'insufficient');
    if (!('fallback' in lv)) rule.auto = lv;
  }
  if (check.max_drop !== undefined || (check.floor === undefined && check.thresholds !== 'auto'))
    rule.maxDrop = check.max_drop ?? 0;
  const judged = judgeEstimated(rule, est);
  const status: Severity =
    judged.status === 'unreliable' ? 'insufficient' : (judged.status as Severity);
  const reason = judged.status === 'unreliable' ? `unreliable: ${judged.message}` : judged.message;
  return done(
    status,
    reason,
    est,
    judged.level,
    judged.status === 'unreliable'
      ? 'unreliable'
      : judged.status === 'insufficient'
        ? 'insufficient'
        : 'judged',
  );
}
