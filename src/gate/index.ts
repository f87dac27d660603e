import type { MetricsResult } from '../metrics/types.js';
import type { Trigger } from '../trigger/types.js';
import { evaluateChecks } from './checks.js';
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
  const checks = evaluateChecks(config, input.metrics);
  const { severity, reason } = gateSeverity(config, checks);
  const { decision, reasons } = decide(config, {
    severity,
    forced: input.forced,
    forcedBy: input.trigger.reason,
    dryRun: input.dryRun,
    championAgeMs: input.championAgeMs,
    severityReason: reason,
  });
  for (const c of checks) if (c.status !== 'ok') reasons.push(checkLine(c));
  return { checks, severity, decision, reasons, forced: input.forced, dryRun: input.dryRun };
}

/** "alert: latency p95 = 812 > 800 (alert threshold)" */
export function checkLine(c: CheckResult): string {
  if (c.status === 'insufficient') return `insufficient: ${c.name}${c.note ? ` (${c.note})` : ''}`;
  const threshold = c.status === 'alert' ? c.alert : c.warn;
  const note = c.note ? `; ${c.note}` : '';
  return `${c.status}: ${c.name} = ${fmt(c.value)} ${c.op} ${fmt(threshold)} (${c.status} threshold${note})`;
}
