/**
 * The gate's performance stage: every gate.performance check on the joined prediction log, and
 * the report the summary and the run report show (join counts, coverage, lag, confusion
 * matrices, the metric over time). Checks read numbers through a source: realized from labels
 * here; another source (an estimate from the model's confidence) registers beside it.
 */
import { UserError } from '../errors.js';
import { confusionMatrix } from '../performance/classification.js';
import type { PerformanceCheckConfig } from '../performance/config.js';
import type { JoinedLog } from '../performance/join.js';
import { metricSpec } from '../performance/metrics.js';
import type {
  Bucket,
  PerformanceCheckReport,
  PerformanceReport,
  WindowCoverage,
} from '../performance/report.js';
import type { ClassData } from '../performance/types.js';
import { rowsIn, windowOf, type LogWindow } from '../performance/window.js';
import { evaluateEstimatedCheck } from './performance-estimated.js';
import {
  evaluatePerformanceCheck,
  specFor,
  type PerformanceInput,
  type Windows,
} from './performance-check.js';
import type { CheckResult } from './types.js';

type Evaluator = (
  check: PerformanceCheckConfig,
  i: number,
  input: PerformanceInput,
  windows: Windows,
) => { result: CheckResult; report: PerformanceCheckReport };

/** Where a check's numbers come from, by its `source`. */
export const PERFORMANCE_EVALUATORS: Record<string, Evaluator> = {
  realized: evaluatePerformanceCheck,
  estimated: evaluateEstimatedCheck,
};

const BUCKETS = 24;

export function evaluatePerformance(
  checks: PerformanceCheckConfig[],
  input: PerformanceInput,
): { results: CheckResult[]; report: PerformanceReport } {
  const { log } = input;
  const windows: Windows = {
    current: windowOf(log, rowsIn(log, input.current)),
    ...(input.reference ? { reference: windowOf(log, rowsIn(log, input.reference)) } : {}),
  };
  const results: CheckResult[] = [];
  const reports: PerformanceCheckReport[] = [];
  checks.forEach((check, i) => {
    const source = check.source ?? 'realized';
    const evaluate = PERFORMANCE_EVALUATORS[source];
    if (!evaluate)
      throw new UserError(
        `gate.performance[${i}].source: "${source}" is not available (available: ${Object.keys(PERFORMANCE_EVALUATORS).join(', ')})`,
      );
    if (check.segment && !log.segments.some((s) => s.column === check.segment))
      throw new UserError(
        `gate.performance[${i}].segment: "${check.segment}" is not one of metrics.predictions.segments (${log.segments.map((s) => s.column).join(', ') || 'none'}); add it there`,
      );
    const r = evaluate(check, i, input, windows);
    results.push(r.result);
    reports.push(r.report);
  });
  const metrics = [...new Set(checks.map((c, i) => specFor(c, log, i).name))];
  return {
    results,
    report: {
      task: log.task,
      ...(log.task !== 'regression' ? { classes: log.classes } : {}),
      join: joinSummary(log),
      windows: {
        current: coverageOf(windows.current),
        ...(windows.reference ? { reference: coverageOf(windows.reference) } : {}),
      },
      checks: reports,
      ...(log.task !== 'regression' && log.classes.length <= 20
        ? { confusion: confusion(log, windows) }
        : {}),
      buckets: buckets(log, input, metrics),
      notes: log.notes ?? [],
    },
  };
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

function coverageOf(w: LogWindow): WindowCoverage {
  return {
    predictions: w.predictions,
    labelled: w.labelled,
    coverage: w.coverage,
    lag: w.lag ? { median: seconds(w.lag.median), p90: seconds(w.lag.p90) } : null,
  };
}

function joinSummary(log: JoinedLog): PerformanceReport['join'] {
  const s = log.stats;
  let joined = 0;
  for (let i = 0; i < log.rows; i++) joined += log.labelled[i]!;
  const all = windowOf(log, rowsIn(log, { start: -Infinity, end: Infinity }));
  const line = (t: { count: number; first?: number }) => ({
    count: t.count,
    ...(t.first !== undefined ? { firstLine: t.first } : {}),
  });
  return {
    predictions: s.predictions,
    inWindows: log.rows,
    labels: s.labels,
    joined,
    unknownIds: line(s.unknownIds),
    labelsOutsideWindows: s.labelsOutside,
    duplicateLabels: {
      count: s.duplicateLabels.count,
      conflicting: s.conflictingLabels.count,
      kept: log.duplicatePolicy,
    },
    duplicatePredictions: line(s.duplicatePredictions),
    missingLabelValues: line(s.missingLabelValues),
    unknownClasses: [...s.unknownClasses].map(([value, t]) => ({ value, ...line(t) })),
    newestLabel: s.newestLabel === null ? null : new Date(s.newestLabel).toISOString(),
    lag: all.lag ? { median: seconds(all.lag.median), p90: seconds(all.lag.p90) } : null,
  };
}

function matrix(d: ClassData): number[][] {
  const k = d.classes.length;
  const m = confusionMatrix(d);
  return Array.from({ length: k }, (_, r) => Array.from(m.subarray(r * k, r * k + k)));
}

function confusion(log: JoinedLog, windows: Windows): NonNullable<PerformanceReport['confusion']> {
  return {
    classes: log.classes,
    current: matrix(windows.current.data as ClassData),
    ...(windows.reference ? { reference: matrix(windows.reference.data as ClassData) } : {}),
  };
}

/** The checked metrics over time, by prediction time, across the reference and current windows. */
function buckets(log: JoinedLog, input: PerformanceInput, metrics: string[]): Bucket[] {
  const start = Math.min(input.current.start, input.reference?.start ?? Infinity);
  const end = input.current.end;
  if (!Number.isFinite(start) || !(end > start)) return [];
  const width = (end - start) / BUCKETS;
  const out: Bucket[] = [];
  for (let b = 0; b < BUCKETS; b++) {
    const range = {
      start: start + b * width,
      end: b === BUCKETS - 1 ? end : start + (b + 1) * width,
    };
    const w = windowOf(log, rowsIn(log, range));
    const values: Bucket['values'] = {};
    for (const name of metrics) {
      const m = w.labelled >= 2 ? metricSpec(name)!.compute(w.data) : null;
      values[name] = { value: m?.value ?? null, ...(m?.ci ? { ci: m.ci } : {}) };
    }
    out.push({
      start: new Date(range.start).toISOString(),
      end: new Date(range.end).toISOString(),
      predictions: w.predictions,
      labelled: w.labelled,
      coverage: w.coverage,
      values,
    });
  }
  return out;
}
