import type { PerformanceReport } from '../performance/report.js';

export type Severity = 'ok' | 'insufficient' | 'warn' | 'alert';
export type Decision = 'skip' | 'warn' | 'retrain';

/** The outcome of one configured check. */
export interface CheckResult {
  /** The check's name from the config (or derived from series + statistic). */
  name: string;
  series: string;
  /** e.g. "mean", "p95", "psi", "ks", "pct_change". */
  statistic: string;
  /** null when the check could not be computed (insufficient data). */
  value: number | null;
  /** The comparison, e.g. "<" for "alert when value < threshold". */
  op: '<' | '<=' | '>' | '>=';
  warn?: number;
  alert?: number;
  status: Severity;
  samples: { current: number; reference?: number };
  /** Extra numbers (p-value, raw Wasserstein, …) and a short note. */
  detail?: Record<string, number | string | null>;
  note?: string;
}

export interface GateReport {
  checks: CheckResult[];
  /** Worst status over the checks (alert > warn > insufficient > ok). */
  severity: Severity;
  decision: Decision;
  /** Why the decision is what it is, one line each. */
  reasons: string[];
  forced: boolean;
  dryRun: boolean;
  /** Realized performance: join counts, coverage, lag, metrics with intervals, segments, the metric over time. */
  performance?: PerformanceReport;
  /** gate.decide_on: performance — only the performance checks decided (drift was reported). */
  decideOn?: 'performance';
}

/**
 * The check job's verdict, whole, for the job that retrains after it: the decision, the
 * severity and why (reasons, the checks with their values), so the retrain job's outputs,
 * report and summary say what the check found instead of a bare "retrain".
 */
export interface GateHandoff {
  decision: Decision;
  severity: Severity;
  reasons: string[];
  checks: CheckResult[];
  /** The check run's page and when it decided. */
  run?: string;
  at?: string;
}
