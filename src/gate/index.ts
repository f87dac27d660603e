import type { MetricsResult } from '../metrics/types.js';
import type { Trigger } from '../trigger/types.js';
import { evaluateChecks } from './checks.js';
import type { GateConfig } from './config.js';
import { fmt } from './format.js';
import { decide } from './policy.js';
import { worst } from './threshold.js';
import type { CheckResult, GateReport, Severity } from './types.js';

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
  const checks = evaluateChecks(config, input.metrics);
  const severity = worst(checks.map((c) => c.status));
  const { decision, reasons } = decide(config, {
    severity,
    forced: input.forced,
    dryRun: input.dryRun,
    championAgeMs: input.championAgeMs,
    severityReason: severityReason(checks, severity),
  });
  for (const c of checks) if (c.status !== 'ok') reasons.push(checkLine(c));
  return { checks, severity, decision, reasons, forced: input.forced, dryRun: input.dryRun };
}

function severityReason(checks: CheckResult[], severity: Severity): string {
  const n = checks.filter((c) => c.status === severity).length;
  const of = `${n} of ${checks.length} check${checks.length === 1 ? '' : 's'}`;
  switch (severity) {
    case 'alert':
      return `${of} alert`;
    case 'warn':
      return `${of} warn`;
    case 'insufficient':
      return `no check breached; ${of} had insufficient data`;
    default:
      return `all ${checks.length} check${checks.length === 1 ? '' : 's'} ok`;
  }
}

/** "alert: latency p95 = 812 > 800 (alert threshold)" */
export function checkLine(c: CheckResult): string {
  if (c.status === 'insufficient') return `insufficient: ${c.name}${c.note ? ` (${c.note})` : ''}`;
  const threshold = c.status === 'alert' ? c.alert : c.warn;
  const note = c.note ? `; ${c.note}` : '';
  return `${c.status}: ${c.name} = ${fmt(c.value)} ${c.op} ${fmt(threshold)} (${c.status} threshold${note})`;
}
