import type { GateConfig } from './config.js';
import type { Severity } from './types.js';

/** Runs in a row whose gate could not judge (insufficient or no data) before it escalates. */
export const DEFAULT_ESCALATE_AFTER = 3;

export interface NoDataPolicy {
  escalateAfter: number;
  severity: 'warn' | 'alert';
}

/** The streak of runs without usable data, kept per model in the registry (gate state). */
export interface NoDataState {
  /** Consecutive runs whose gate was insufficient. */
  count: number;
  /** When the first of them ran (ISO 8601), null when count is 0. */
  since: string | null;
  sinceRun: string | null;
  /** Run ids counted in this streak (the latest few), so a re-run of one does not count twice. */
  runs: string[];
}

/** What the run report records (RunReport.noData). */
export interface NoDataReport {
  /** Runs in a row without usable data, this one included. */
  count: number;
  since: string | null;
  sinceRun: string | null;
  /** null: escalation is turned off. */
  escalateAfter: number | null;
  escalated: boolean;
  /** Set when escalated: the severity the run reports, and why. */
  severity?: 'warn' | 'alert';
  reason?: string;
  /** false in a dry run: the state was read, not written. */
  recorded: boolean;
}

export const EMPTY_NO_DATA: NoDataState = { count: 0, since: null, sinceRun: null, runs: [] };
const KEEP_RUNS = 20;

/** gate.no_data with its defaults; null when turned off (escalate_after: 0 or false). */
export function noDataPolicy(config: GateConfig): NoDataPolicy | null {
  const after = config.no_data?.escalate_after ?? DEFAULT_ESCALATE_AFTER;
  if (after === false || after === 0) return null;
  return { escalateAfter: after, severity: config.no_data?.severity ?? 'warn' };
}

/** A run "without usable data": nothing judged a check and something was insufficient. */
export function isNoData(severity: Severity): boolean {
  return severity === 'insufficient';
}

export interface NoDataStep {
  state: NoDataState;
  /** false when the stored state needs no write (a re-run, or healthy after healthy). */
  changed: boolean;
  /** The count reached escalate_after: report `severity` instead of insufficient. */
  escalate: boolean;
}

/**
 * The next state after a run with this gate severity. Pure. An insufficient run adds one
 * (once per run id); a run that judged anything (ok, warn, alert) resets the streak.
 */
export function nextNoDataState(
  prev: NoDataState,
  run: { runId: string; at: string; severity: Severity },
  policy: NoDataPolicy | null,
): NoDataStep {
  if (!isNoData(run.severity)) {
    return { state: EMPTY_NO_DATA, changed: prev.count !== 0, escalate: false };
  }
  const seen = prev.runs.includes(run.runId);
  const state: NoDataState = seen
    ? prev
    : {
        count: prev.count + 1,
        since: prev.since ?? run.at,
        sinceRun: prev.sinceRun ?? run.runId,
        runs: [...prev.runs, run.runId].slice(-KEEP_RUNS),
      };
  return {
    state,
    changed: !seen,
    escalate: policy !== null && state.count >= policy.escalateAfter,
  };
}

/** The reason line of an escalated run. */
export function noDataReason(state: NoDataState, insufficient: string[]): string {
  const series = insufficient.length ? ` (${insufficient.join(', ')})` : '';
  return `no usable data for ${state.count} runs in a row since ${state.since ?? 'unknown'}${series}: the gate cannot judge the model; check the metrics source, the series names and the windows`;
}
