import type { MetricsResult } from '../metrics/types.js';
import type { Trigger } from '../trigger/types.js';
import { UserError } from '../errors.js';
import { evaluateChecks } from './checks.js';
import { evaluatePerformance } from './performance.js';
import { gateSeverity } from './dataset.js';
import type { GateConfig } from './config.js';
import { fmt } from './format.js';
import { decide } from './policy.js';
import type { CheckResult, GateReport } from './types.js';

export interface GateInput {
  metrics: MetricsResult;
  trigger: Trigger;
  /** force input or a forced trigger: retrain whatever the checks say. */
  forced: boolean;
  dryRun: boolean;
  /** Age of the serving model in ms, or null when there is none (cold start). */
  championAgeMs: number | null;
}

/** Pure: checks + policy → report and decision. */
export function evaluateGate(config: GateConfig, input: GateInput): GateReport {
  const drift = (config.checks ?? []).length ? evaluateChecks(config, input.metrics) : [];
  const perf = performanceStage(config, input.metrics);
  const checks = [...drift, ...(perf?.results ?? [])];
  // decide_on: performance — drift is measured and reported, performance alone decides.
  const deciding = config.decide_on === 'performance' ? (perf?.results ?? []) : checks;
  const { severity, reason } = gateSeverity(config, deciding);
  const { decision, reasons } = decide(config, {
    severity,
    forced: input.forced,
    forcedBy: input.trigger.reason,
    dryRun: input.dryRun,
    championAgeMs: input.championAgeMs,
    severityReason: reason,
  });
  for (const c of checks) if (c.status !== 'ok') reasons.push(checkLine(c));
  if (config.decide_on === 'performance') {
    const drifted = drift.filter((c) => c.status === 'warn' || c.status === 'alert');
    if (drifted.length)
      reasons.push(
        `drift in ${drifted.map((c) => c.name).join(', ')} is reported, not acted on: gate.decide_on is "performance" and performance ${severity === 'ok' ? 'holds' : `is ${severity}`}`,
      );
  }
  return {
    checks,
    severity,
    decision,
    reasons,
    ...(config.decide_on === 'performance' ? { decideOn: 'performance' as const } : {}),
    forced: input.forced,
    dryRun: input.dryRun,
    ...(perf ? { performance: perf.report } : {}),
  };
}

function performanceStage(config: GateConfig, metrics: MetricsResult) {
  const checks = config.performance ?? [];
  if (checks.length === 0) return undefined;
  if (!metrics.predictions)
    throw new UserError(
      'gate.performance: performance checks need a prediction log with labels; set metrics.predictions (log, labels, task)',
    );
  return evaluatePerformance(checks, {
    log: metrics.predictions,
    current: metrics.current.range,
    ...(metrics.reference ? { reference: metrics.reference.range } : {}),
    ...(config.auto_thresholds ? { sigmas: config.auto_thresholds } : {}),
  });
}

/** "alert: latency p95 = 812 > 800 (alert threshold)" */
export function checkLine(c: CheckResult): string {
  if (c.status === 'insufficient') return `insufficient: ${c.name}${c.note ? ` (${c.note})` : ''}`;
  const threshold = c.status === 'alert' ? c.alert : c.warn;
  const note = c.note ? `; ${c.note}` : '';
  return `${c.status}: ${c.name} = ${fmt(c.value)} ${c.op} ${fmt(threshold)} (${c.status} threshold${note})`;
}
