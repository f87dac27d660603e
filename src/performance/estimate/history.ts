/**
 * The run's side of the estimate history, pure: records from this run's estimated checks, the
 * realized value of a stored window from the joined log once enough of its labels arrived
 * (scikit-learn's definition, the same code as the realized checks), and the warning when the
 * reference window overlaps the data window the champion's manifest records.
 */
import type { PerformanceCheckConfig } from '../config.js';
import { DEFAULT_MIN_COVERAGE, DEFAULT_MIN_LABELLED } from '../config.js';
import type { JoinedLog } from '../join.js';
import { metricSpec } from '../metrics.js';
import type { PerformanceCheckReport } from '../report.js';
import { rowsIn, windowOf } from '../window.js';
import type { EstimateRecord, RealizedValue } from './record.js';

export interface Range {
  start: number;
  end: number;
}

const iso = (t: number) => new Date(t).toISOString();

/** One record per estimated check that produced a value with an interval. */
export function recordsFromChecks(
  checks: readonly PerformanceCheckReport[],
  current: Range,
  run: { runId: string; at: string },
): EstimateRecord[] {
  const out: EstimateRecord[] = [];
  for (const c of checks) {
    const est = c.estimate;
    if (c.source !== 'estimated' || !est) continue;
    const v = c.current;
    if (v.value === null || !v.ci) continue;
    out.push({
      start: iso(current.start),
      end: iso(current.end),
      metric: c.metric,
      value: v.value,
      interval: [v.ci[0], v.ci[1]],
      level: 0.95,
      reliable: est.reliability.reliable,
      n: est.n,
      runId: run.runId,
      recordedAt: run.at,
    });
  }
  return out;
}

/**
 * The realized value of a stored window from this run's log: null unless the window lies
 * inside what the log holds and its labels reach the check's coverage and count.
 */
export function realizedFromLog(
  log: JoinedLog,
  span: Range,
  checks: readonly PerformanceCheckConfig[],
  at: string,
): (r: EstimateRecord) => RealizedValue | null {
  return (r) => {
    const range = { start: Date.parse(r.start), end: Date.parse(r.end) };
    if (!(range.start >= span.start && range.end <= span.end)) return null;
    const spec = metricSpec(r.metric);
    if (!spec || !spec.tasks.includes(log.task)) return null;
    const check = checks.find((c) => c.metric === r.metric && c.source === 'estimated');
    const w = windowOf(log, rowsIn(log, range));
    const minCoverage = check?.min_coverage ?? DEFAULT_MIN_COVERAGE;
    const minLabelled = check?.min_labelled ?? DEFAULT_MIN_LABELLED;
    if ((w.coverage ?? 0) < minCoverage || w.labelled < minLabelled) return null;
    const v = spec.compute(w.data).value;
    return v === null ? null : { value: v, labelled: w.labelled, coverage: w.coverage ?? 0, at };
  };
}

/**
 * The estimate is calibrated on the reference; a reference that is the model's own training
 * data looks better calibrated than production (NannyML's docs say the same). The manifest
 * records the windows of the run that trained the champion.
 */
export function trainingOverlap(
  reference: Range,
  champion: { version: number; windows: unknown } | null,
): string | null {
  const w = champion?.windows as
    | { current?: { start?: string; end?: string }; reference?: { start?: string; end?: string } }
    | null
    | undefined;
  const start = Date.parse(w?.reference?.start ?? w?.current?.start ?? '');
  const end = Date.parse(w?.current?.end ?? '');
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  if (reference.end <= start || reference.start >= end) return null;
  return `the reference window (${iso(reference.start)} – ${iso(reference.end)}) overlaps the data window of the run that trained version ${champion!.version} (${iso(start)} – ${iso(end)}): if the model was trained or calibrated on it, its scores look better calibrated there than in production and the estimate errs high; move metrics.windows.reference after ${iso(end)}`;
}
