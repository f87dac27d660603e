/** Why this run happened, read from the GitHub event (or the CLI). */
export type TriggerKind =
  'schedule' | 'workflow_dispatch' | 'repository_dispatch' | 'push' | 'manual' | 'other';

/** Datadog monitor transitions as sent in $ALERT_TRANSITION. */
export type AlertTransition =
  | 'Triggered'
  | 'Re-Triggered'
  | 'Warn'
  | 'Re-Warn'
  | 'Recovered'
  | 'No Data'
  | 'Re-No Data'
  | 'Renotify';

/**
 * What the event asks of this run; the gate and the guard still have their say.
 * - check: let the gate decide (schedule, a plain dispatch, a push that touched no training code)
 * - retrain: retrain (forced, training code changed, or a monitor alert)
 * - warn: a monitor warning: at least a warning, whatever the gate says
 * - close: the monitor recovered: no retrain, close the warning issue
 * - insufficient: the monitor has no data: nothing can be judged
 */
export type TriggerIntent = 'check' | 'retrain' | 'warn' | 'close' | 'insufficient';

export interface AlertInfo {
  transition: AlertTransition;
  cycleKey?: string;
  id?: string;
  title?: string;
  metric?: string;
  scope?: string;
  /** Other fields of the payload, kept for the report. */
  extra: Record<string, string>;
}

export interface Trigger {
  kind: TriggerKind;
  /** The GitHub event name as received (e.g. "repository_dispatch"). */
  event: string;
  /** A one-line human reason for the report and summary. */
  reason: string;
  /** The user asked to retrain whatever the gate says. */
  forced: boolean;
  /** Set when a monitor alert started the run. */
  alert?: AlertInfo;
  /** Runs with the same key are the same request (one alert cycle): never retrain twice. */
  dedupeKey?: string;
  /** repository_dispatch event_type, when there is one. */
  eventType?: string;
  /** workflow_dispatch inputs or repository_dispatch client_payload, flattened to strings. */
  inputs: Record<string, string>;
  /** push: the files changed by the pushed commits (as the payload lists them). */
  changedFiles?: string[];
  ref?: string;
  sha?: string;
  actor?: string;
  /** What the event asks for (readTrigger always sets it; absent means "check"). */
  intent?: TriggerIntent;
  /**
   * The gate need not be re-checked before retraining: the run was forced, the training code
   * changed, or a monitor alert is trusted as evidence (trigger.trust_alert).
   */
  skipGate?: boolean;
  /** push: the changed files that matched trigger.push_paths. */
  matchedFiles?: string[];
}
