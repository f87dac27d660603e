/**
 * Performance checks: realized metrics of the current window against a floor, the reference
 * window (a drop beyond noise) or limits from the reference's own chunks. Pure.
 */
import { UserError } from '../errors.js';
import {
  DEFAULT_ALPHA,
  DEFAULT_MIN_COVERAGE,
  DEFAULT_MIN_LABELLED,
  DEFAULT_MIN_SEGMENT,
  type PerformanceCheckConfig,
} from '../performance/config.js';
import { chunkLimits, dropTest, floorTest, type TestResult } from '../performance/compare.js';
import type { JoinedLog } from '../performance/join.js';
import { metricSpec, type MetricSpec } from '../performance/metrics.js';
import type { PerformanceCheckReport } from '../performance/report.js';
import type { MetricValue } from '../performance/types.js';
import { rowsIn, windowOf } from '../performance/window.js';
import { DEFAULT_AUTO_ALERT, DEFAULT_AUTO_WARN } from './auto-thresholds.js';
import { fmt } from './format.js';
import type { PerformanceInput, Windows } from './performance-input.js';
import { judgeSegments } from './performance-segments.js';
import type { CheckResult, Severity } from './types.js';

export type { PerformanceInput, Windows } from './performance-input.js';

const pct = (x: number): string => `${Math.round(x * 100)} %`;

/** A check's metric, or a configuration error naming what is allowed for this log. */
export function specFor(check: PerformanceCheckConfig, log: JoinedLog, i: number): MetricSpec {
  const spec = metricSpec(check.metric);
  const field = `gate.performance[${i}].metric`;
  if (!spec) throw new UserError(`${field}: "${check.metric}" is not a performance metric`);
  if (!spec.tasks.includes(log.task))
    throw new UserError(
      `${field}: ${check.metric} does not apply to a ${log.task} model (it applies to ${spec.tasks.join(', ')}); pick another metric or fix metrics.predictions.task`,
    );
  if (spec.scores && log.task !== 'regression' && log.scoreWidth === 0)
    throw new UserError(
      `${field}: ${check.metric} needs the model's scores; set metrics.predictions.${log.task === 'binary' ? 'score_column' : 'score_columns'}`,
    );
  return spec;
}

/** Evaluates one realized check; the report entry carries what the summary shows. */
export function evaluatePerformanceCheck(
  check: PerformanceCheckConfig,
  i: number,
  input: PerformanceInput,
  windows: Windows,
): { result: CheckResult; report: PerformanceCheckReport } {
  const spec = specFor(check, input.log, i);
  const name = check.name ?? `${check.metric}${check.segment ? ` by ${check.segment}` : ''}`;
  const alpha = check.alpha ?? DEFAULT_ALPHA;
  const cur = windows.current;
  const base = {
    name,
    metric: spec.name,
    source: 'realized' as const,
    sklearn: spec.sklearn,
    direction: spec.direction,
  };
  const op = spec.direction === 'higher' ? ('<' as const) : ('>' as const);
  const done = (
    status: Severity,
    reason: string,
    current: MetricValue,
    extra: Partial<PerformanceCheckReport> = {},
    thresholds: { warn?: number; alert?: number } = {},
  ) => {
    const report: PerformanceCheckReport = { ...base, current, status, reason, ...extra };
    const result: CheckResult = {
      name,
      series: 'predictions',
      statistic: spec.name,
      value: current.value,
      op,
      ...thresholds,
      status,
      samples: {
        current: cur.labelled,
        ...(windows.reference ? { reference: windows.reference.labelled } : {}),
      },
      detail: {
        source: 'realized',
        labelled: cur.labelled,
        predictions: cur.predictions,
        coverage: cur.coverage,
        ci_low: current.ci?.[0] ?? null,
        ci_high: current.ci?.[1] ?? null,
        reference: extra.reference?.value ?? null,
        p_value: extra.p ?? null,
      },
      note: reason,
    };
    return { result, report };
  };

  const minLabelled = check.min_labelled ?? DEFAULT_MIN_LABELLED;
  const minCoverage = check.min_coverage ?? DEFAULT_MIN_COVERAGE;
  const empty: MetricValue = { metric: spec.name, value: null, n: cur.labelled };
  if (cur.predictions === 0)
    return done('insufficient', 'no predictions in the current window', empty);
  if ((cur.coverage ?? 0) < minCoverage)
    return done(
      'insufficient',
      `labels for ${pct(cur.coverage ?? 0)} of the window so far (need ${pct(minCoverage)})`,
      empty,
    );
  if (cur.labelled < minLabelled)
    return done(
      'insufficient',
      `${cur.labelled} labelled predictions in the window (need ${minLabelled})`,
      empty,
    );
  const current = spec.compute(cur.data);
  if (current.value === null)
    return done(
      'insufficient',
      current.note ?? `${spec.name} is undefined in this window`,
      current,
    );

  const refWin = windows.reference;
  const reference =
    refWin && refWin.labelled >= minLabelled ? spec.compute(refWin.data) : undefined;
  const margin = check.max_drop ?? 0;
  const verdicts: { status: Severity; reason: string; p?: number }[] = [];
  const thresholds: { warn?: number; alert?: number } = {};
  const extra: Partial<PerformanceCheckReport> = reference ? { reference } : {};
  const shown = (v: number) => fmt(v);

  if (check.floor !== undefined) {
    const t = floorTest(current, check.floor, spec.direction);
    thresholds.alert = check.floor;
    extra.floor = check.floor;
    verdicts.push(floorVerdict(t, check.floor, alpha, spec.name, current, shown));
  }
  if (check.thresholds === 'auto') {
    const lim = refWin && input.reference ? autoLimits(spec, input, minLabelled) : null;
    if (!lim)
      verdicts.push({
        status: 'insufficient',
        reason: `fewer than 3 reference chunks with ${minLabelled} labelled predictions: no auto limits`,
      });
    else {
      extra.limits = lim;
      thresholds.warn = lim.warn;
      thresholds.alert = lim.alert;
      const v = current.value;
      const bad = (x: number) => (spec.direction === 'higher' ? v < x : v > x);
      const status: Severity = bad(lim.alert) ? 'alert' : bad(lim.warn) ? 'warn' : 'ok';
      verdicts.push({
        status,
        reason: `${spec.name} ${shown(v)} against the reference chunks' ${shown(lim.mean)} ± ${shown(lim.sd)} (${lim.chunks} chunks; alert ${op} ${shown(lim.alert)})`,
      });
    }
  } else if (check.floor === undefined || check.max_drop !== undefined) {
    if (!refWin)
      verdicts.push({
        status: 'insufficient',
        reason: 'no reference window to compare with (set metrics.windows.reference or a floor)',
      });
    else if (!reference || reference.value === null)
      verdicts.push({
        status: 'insufficient',
        reason:
          reference?.note ??
          `${refWin.labelled} labelled predictions in the reference window (need ${minLabelled})`,
      });
    else {
      const t = dropTest(current, reference, spec.direction, margin);
      thresholds.alert = reference.value + (spec.direction === 'higher' ? -margin : margin);
      verdicts.push(dropVerdict(t, reference.value, margin, alpha, spec.name, shown));
    }
  }
  const judged = verdicts.filter((v) => v.status !== 'insufficient');
  let status: Severity = judged.length ? worstOf(judged.map((v) => v.status)) : 'insufficient';
  const ps = verdicts.map((v) => v.p).filter((p): p is number => p !== undefined);
  if (ps.length) extra.p = Math.min(...ps);
  let reason = verdicts.map((v) => v.reason).join('; ');

  if (check.segment) {
    const seg = judgeSegments(check, spec, input, {
      minSegment: check.min_segment_size ?? DEFAULT_MIN_SEGMENT,
      alpha,
      margin,
      reference: reference?.value ?? null,
    });
    extra.segment = seg.summary;
    if (seg.status === 'alert' || seg.status === 'warn')
      status = worstOf([status === 'insufficient' ? 'ok' : status, seg.status]);
    reason += `; ${seg.reason}`;
  }
  return done(status, reason, current, extra, thresholds);
}

function worstOf(statuses: Severity[]): Severity {
  const rank: Record<Severity, number> = { ok: 0, insufficient: 1, warn: 2, alert: 3 };
  return statuses.reduce((w, s) => (rank[s] > rank[w] ? s : w), 'ok' as Severity);
}

function floorVerdict(
  t: TestResult | null,
  floor: number,
  alpha: number,
  metric: string,
  cur: MetricValue,
  shown: (v: number) => string,
) {
  const v = shown(cur.value!);
  if (!t)
    return { status: 'insufficient' as Severity, reason: `${metric} has no standard error here` };
  if (t.worse > 0 && t.p < alpha)
    return {
      status: 'alert' as Severity,
      p: t.p,
      reason: `${metric} ${v} is below the floor ${shown(floor)} beyond noise (p = ${t.p.toPrecision(2)} < α ${alpha})`,
    };
  if (t.worse > 0)
    return {
      status: 'warn' as Severity,
      p: t.p,
      reason: `${metric} ${v} is below the floor ${shown(floor)}, within noise (p = ${t.p.toPrecision(2)})`,
    };
  return {
    status: 'ok' as Severity,
    p: t.p,
    reason: `${metric} ${v} meets the floor ${shown(floor)}`,
  };
}

function dropVerdict(
  t: TestResult | null,
  ref: number,
  margin: number,
  alpha: number,
  metric: string,
  shown: (v: number) => string,
) {
  if (!t)
    return { status: 'insufficient' as Severity, reason: `${metric} has no standard error here` };
  const by = margin ? ` by more than ${shown(margin)}` : '';
  if (t.p < alpha)
    return {
      status: 'alert' as Severity,
      p: t.p,
      reason: `${metric} dropped ${shown(t.worse)} from the reference ${shown(ref)}${by}, beyond noise (p = ${t.p.toPrecision(2)} < α ${alpha})`,
    };
  return {
    status: 'ok' as Severity,
    p: t.p,
    reason: `${metric} ${t.worse > 0 ? `is ${shown(t.worse)} below` : 'is at or above'} the reference ${shown(ref)}${t.worse > 0 ? `, within noise (p = ${t.p.toPrecision(2)})` : ''}`,
  };
}

/** The reference cut into slices as long as the current window; the metric on each. */
function autoLimits(spec: MetricSpec, input: PerformanceInput, minLabelled: number) {
  const ref = input.reference!;
  const len = input.current.end - input.current.start;
  const values: number[] = [];
  for (let s = ref.start; s + len <= ref.end + 1; s += len) {
    const w = windowOf(input.log, rowsIn(input.log, { start: s, end: s + len }));
    if (w.labelled < minLabelled) continue;
    const v = spec.compute(w.data).value;
    if (v !== null) values.push(v);
  }
  const lim = chunkLimits(
    values,
    spec.direction,
    input.sigmas?.warn ?? DEFAULT_AUTO_WARN,
    input.sigmas?.alert ?? DEFAULT_AUTO_ALERT,
  );
  return lim ? { ...lim, chunks: values.length } : null;
}
