import type { Series } from '../metrics/types.js';
import { aggregateStreamed } from './aggregate-streamed.js';
import { aggregate, isAggregate, type Aggregate, type AggregateResult } from './aggregate.js';
import { sortFinite, type Sorter } from './stats/clean.js';
import type { CheckConfig } from './config.js';
import { checkName } from './naming.js';
import { classify, type Op } from './threshold.js';
import type { CheckResult } from './types.js';

/** Side of an aggregate check: "below" unless configured (a falling quality metric is the usual worry). */
export function aggregateOp(check: CheckConfig): Op {
  return (check.direction ?? 'below') === 'below' ? '<' : '>';
}

function ignoredDetail(r: AggregateResult, prefix = ''): Record<string, number> {
  return { [`${prefix}nan`]: r.nan, [`${prefix}inf`]: r.inf };
}

/**
 * Threshold check on an aggregate of the current window. Below `minSamples` finite samples the
 * status is insufficient (the value is still shown); "count" is always judged, since a thin
 * window is exactly what it measures.
 */
export function evaluateAggregateCheck(
  check: CheckConfig,
  current: Series | undefined,
  minSamples: number,
  sort: Sorter = sortFinite,
): CheckResult {
  const stat = check.statistic as Aggregate;
  const op = aggregateOp(check);
  const base = baseResult(check, op);
  if (!current)
    return { ...base, note: `no data for series "${check.series}" in the current window` };
  const r = aggregateOf(stat, current, sort);
  const result: CheckResult = {
    ...base,
    value: r.value,
    samples: { current: r.samples },
    detail: { ...ignoredDetail(r), ...r.approximate },
  };
  if (stat !== 'count' && r.samples < minSamples) {
    return { ...result, note: `${r.samples} finite samples < min_samples ${minSamples}` };
  }
  if (r.value === null) return { ...result, note: 'no finite samples' };
  return { ...result, status: classify(r.value, op, check.warn, check.alert) };
}

/**
 * Relative change of an aggregate against the reference window, in percent:
 * 100·(current − reference)/|reference|. A "% decrease" rule is direction below with negative
 * thresholds (warn: -5, alert: -10).
 */
export function evaluatePctChangeCheck(
  check: CheckConfig,
  current: Series | undefined,
  reference: Series | undefined,
  minSamples: number,
  sort: Sorter = sortFinite,
): CheckResult {
  const of = (check.of ?? 'mean') as Aggregate;
  const op = aggregateOp(check);
  const base = baseResult(check, op);
  if (!isAggregate(of)) return { ...base, note: `unknown aggregate "${of}"` };
  if (!current)
    return { ...base, note: `no data for series "${check.series}" in the current window` };
  if (!reference) return { ...base, note: `no reference window for series "${check.series}"` };
  const c = aggregateOf(of, current, sort);
  const r = aggregateOf(of, reference, sort);
  const detail = {
    of,
    current: c.value,
    reference: r.value,
    ...ignoredDetail(c),
    ...ignoredDetail(r, 'reference_'),
    ...prefixed(c.approximate, 'current_'),
    ...prefixed(r.approximate, 'reference_'),
  };
  const result: CheckResult = {
    ...base,
    samples: { current: c.samples, reference: r.samples },
    detail,
  };
  if (of !== 'count' && Math.min(c.samples, r.samples) < minSamples) {
    return {
      ...result,
      note: `${Math.min(c.samples, r.samples)} finite samples < min_samples ${minSamples}`,
    };
  }
  if (c.value === null || r.value === null) return { ...result, note: 'no finite samples' };
  if (r.value === 0) return { ...result, note: 'the reference value is 0: no relative change' };
  const value = (100 * (c.value - r.value)) / Math.abs(r.value);
  return { ...result, value, status: classify(value, op, check.warn, check.alert) };
}

/** A window held in memory, or streamed into summaries (src/gate/aggregate-streamed.ts). */
function aggregateOf(
  stat: Aggregate,
  s: Series,
  sort: Sorter,
): ReturnType<typeof aggregateStreamed> {
  return s.streamed
    ? aggregateStreamed(stat, s.streamed)
    : aggregate(stat, s.values, s.timestamps, sort);
}

function prefixed(
  d: Record<string, number | string> | undefined,
  prefix: string,
): Record<string, number | string> {
  if (!d) return {};
  const out: Record<string, number | string> = { approximate: d.approximate as string };
  for (const [k, v] of Object.entries(d)) if (k !== 'approximate') out[prefix + k] = v;
  return out;
}

function baseResult(check: CheckConfig, op: Op): CheckResult {
  return {
    name: checkName(check),
    series: check.series,
    statistic: check.statistic,
    value: null,
    op,
    ...(check.warn !== undefined ? { warn: check.warn } : {}),
    ...(check.alert !== undefined ? { alert: check.alert } : {}),
    status: 'insufficient',
    samples: { current: 0 },
  };
}
