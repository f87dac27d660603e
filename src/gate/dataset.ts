import type { GateConfig } from './config.js';
import { isDistribution } from './measure.js';
import { worst } from './threshold.js';
import type { CheckResult, Severity } from './types.js';

export const DEFAULT_DRIFT_SHARE = 0.5;

export interface GateSeverity {
  severity: Severity;
  /** One line: why the severity is what it is. */
  reason: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The gate's severity. By default the worst check status (alert > warn > insufficient > ok).
 * With critical_series or drift_share set, distribution checks follow the dataset rule
 * (drift.md §5): they alert the gate when a critical series alerts or when the share of tested
 * series that alert reaches drift_share; otherwise an alerting series only warns.
 */
export function gateSeverity(config: GateConfig, checks: CheckResult[]): GateSeverity {
  const datasetRule = config.critical_series !== undefined || config.drift_share !== undefined;
  if (!datasetRule) {
    const severity = worst(checks.map((c) => c.status));
    return { severity, reason: countReason(checks, severity) };
  }
  const plain = checks.filter((c) => !isDistribution(c.statistic));
  const bySeries = new Map<string, Severity>();
  for (const c of checks) {
    if (!isDistribution(c.statistic)) continue;
    bySeries.set(c.series, worst([bySeries.get(c.series) ?? 'ok', c.status]));
  }
  const tested = [...bySeries].filter(([, s]) => s !== 'insufficient');
  const alerting = tested.filter(([, s]) => s === 'alert').map(([name]) => name);
  const critical = alerting.filter((s) => config.critical_series?.includes(s));
  const share = config.drift_share ?? DEFAULT_DRIFT_SHARE;
  const ratio = tested.length ? alerting.length / tested.length : 0;
  let dist: Severity;
  let distReason: string;
  if (critical.length) {
    dist = 'alert';
    distReason = `critical series ${critical.join(', ')} drifted`;
  } else if (tested.length && ratio >= share) {
    dist = 'alert';
    distReason = `${alerting.length} of ${tested.length} tested series drifted (${pct(ratio)} ≥ drift share ${pct(share)})`;
  } else if (tested.some(([, s]) => s === 'alert' || s === 'warn')) {
    dist = 'warn';
    distReason = alerting.length
      ? `${alerting.length} of ${tested.length} tested series drifted (${pct(ratio)} < drift share ${pct(share)}, none critical)`
      : 'distribution checks warn';
  } else if (bySeries.size && !tested.length) {
    dist = 'insufficient';
    distReason = 'no series had enough data for the distribution checks';
  } else {
    dist = 'ok';
    distReason = '';
  }
  const plainSeverity = worst(plain.map((c) => c.status));
  const severity = worst([plainSeverity, dist]);
  if (severity === dist && distReason) return { severity, reason: distReason };
  return { severity, reason: countReason(plain.length ? plain : checks, severity) };
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

function countReason(checks: CheckResult[], severity: Severity): string {
  const n = checks.filter((c) => c.status === severity).length;
  const of = `${n} of ${plural(checks.length, 'check')}`;
  switch (severity) {
    case 'alert':
      return `${of} alert`;
    case 'warn':
      return `${of} warn`;
    case 'insufficient':
      return `no check breached; ${of} had insufficient data`;
    default:
      return `all ${plural(checks.length, 'check')} ok`;
  }
}
