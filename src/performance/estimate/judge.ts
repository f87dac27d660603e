/**
 * A check on an estimated metric, judged like the gate's other checks: a fixed floor, a drop
 * from the reference's realized value, or levels from the reference's own chunks; alert only
 * when the whole interval lies beyond the level (the drop is beyond noise), warn when the
 * estimate alone does. An estimate that cannot be trusted is `unreliable` — never `ok`, and
 * never a reason to retrain by itself; a window too small, or an estimate that failed, is
 * `insufficient`, in words.
 */
import type { EstimatedMetric, EstimatedMetricName, PerformanceEstimate } from './types.js';

export interface ChunkLevels {
  /** Mean and standard deviation of the estimate over reference chunks; lower = mean − k·sd. */
  mean: number;
  sd: number;
  lower: number;
  chunks: number;
  chunkSize: number;
}

export interface EstimatedCheck {
  metric: EstimatedMetricName;
  /** Alert below this value. */
  floor?: number;
  /** Alert more than this far (in metric units) below the reference's realized value. */
  maxDrop?: number;
  /** Levels from reference chunks (referenceChunkLevels). */
  auto?: ChunkLevels;
  /** Fewer predictions in the window than this: insufficient. */
  minRows: number;
}

export type EstimatedStatus = 'ok' | 'warn' | 'alert' | 'unreliable' | 'insufficient';

export interface EstimatedCheckResult {
  metric: EstimatedMetricName;
  status: EstimatedStatus;
  value: number | null;
  interval: [number, number] | null;
  /** The highest level the estimate is held to, and where it comes from. */
  level: number | null;
  levelFrom: 'floor' | 'reference drop' | 'reference chunks' | null;
  message: string;
  /** Why the estimate is unreliable, when it is. */
  reasons: string[];
}

const f3 = (x: number) => x.toFixed(3);

function levelOf(
  check: EstimatedCheck,
  m: EstimatedMetric,
): [number, EstimatedCheckResult['levelFrom']][] {
  const out: [number, EstimatedCheckResult['levelFrom']][] = [];
  if (check.floor !== undefined) out.push([check.floor, 'floor']);
  if (check.maxDrop !== undefined && m.reference !== null)
    out.push([m.reference - check.maxDrop, 'reference drop']);
  if (check.auto) out.push([check.auto.lower, 'reference chunks']);
  return out;
}

export function judgeEstimated(
  check: EstimatedCheck,
  est: PerformanceEstimate,
): EstimatedCheckResult {
  const m = est.metrics.find((x) => x.metric === check.metric);
  const base = {
    metric: check.metric,
    value: m?.value ?? null,
    interval: m?.interval ?? null,
    level: null,
    levelFrom: null,
    reasons: [],
  };
  if (est.n < check.minRows)
    return {
      ...base,
      status: 'insufficient',
      message: `estimated ${check.metric}: ${est.n} predictions in the window; an estimate needs at least ${check.minRows}`,
    };
  if (!m || m.value === null || m.interval === null)
    return {
      ...base,
      status: 'insufficient',
      message: `estimated ${check.metric} could not be computed: ${m?.note ?? 'no value'}`,
    };
  const levels = levelOf(check, m);
  if (levels.length === 0)
    throw new Error(`estimated ${check.metric}: a check needs a floor, a max drop or auto levels`);
  const [level, levelFrom] = levels.reduce((a, b) => (b[0] > a[0] ? b : a));
  const [lo, hi] = m.interval;
  const band = `${f3(m.value)} [${f3(lo)}, ${f3(hi)}]`;
  const breach: EstimatedStatus = hi < level ? 'alert' : m.value < level ? 'warn' : 'ok';
  const said =
    breach === 'alert'
      ? `below ${f3(level)} (${levelFrom}) beyond its interval`
      : breach === 'warn'
        ? `below ${f3(level)} (${levelFrom}) but within its interval`
        : `at or above ${f3(level)} (${levelFrom})`;
  if (!est.reliability.reliable)
    return {
      ...base,
      level,
      levelFrom,
      status: 'unreliable',
      reasons: est.reliability.reasons,
      message: `estimated ${check.metric} ${band} cannot be trusted (it would read ${said}): ${est.reliability.reasons.join('; ')}`,
    };
  return {
    ...base,
    level,
    levelFrom,
    status: breach,
    message: `estimated ${check.metric} ${band} is ${said}`,
  };
}
