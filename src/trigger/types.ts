/** Why this run happened, read from the GitHub event (or the CLI). */
export type TriggerKind =
  'schedule' | 'workflow_dispatch' | 'repository_dispatch' | 'push' | 'manual' | 'other';

/** Datadog monitor transitions as sent in $ALERT_TRANSITION. */
export type AlertTransition =
  'Triggered' | 'Re-Triggered' | 'Warn' | 'Re-Warn' | 'Recovered' | 'No Data' | 'Re-No Data';

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
}
