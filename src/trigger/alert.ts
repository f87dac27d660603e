import { UserError } from '../errors.js';
import type { AlertInfo, AlertTransition, TriggerIntent } from './types.js';

/** $ALERT_TRANSITION spellings, compared without case, spaces, dashes or underscores. */
const TRANSITIONS: Record<string, AlertTransition> = {
  triggered: 'Triggered',
  retriggered: 'Re-Triggered',
  warn: 'Warn',
  rewarn: 'Re-Warn',
  recovered: 'Recovered',
  nodata: 'No Data',
  renodata: 'Re-No Data',
  renotify: 'Renotify',
};

/** Payload keys (snake_cased, "$" dropped) for each AlertInfo field, preferred first. */
const FIELDS = {
  transition: ['alert_transition', 'transition'],
  cycleKey: ['alert_cycle_key', 'cycle_key'],
  // Not plain "id": Datadog's default payload uses it for the event id ($ID).
  id: ['alert_id', 'monitor_id'],
  title: ['alert_title', 'title'],
  metric: ['alert_metric', 'metric'],
  scope: ['alert_scope', 'scope'],
} as const;

/** What each transition asks of the run. */
export function intentOf(transition: AlertTransition, alertType?: string): TriggerIntent {
  switch (transition) {
    case 'Triggered':
    case 'Re-Triggered':
      return 'retrain';
    case 'Warn':
    case 'Re-Warn':
      return 'warn';
    case 'Recovered':
      return 'close';
    case 'No Data':
    case 'Re-No Data':
      return 'insufficient';
    case 'Renotify':
      // A reminder of the current state: $ALERT_TYPE says which one, if the template sends it.
      if (alertType === 'error') return 'retrain';
      if (alertType === 'warning') return 'warn';
      return 'check';
  }
}

/**
 * Reads a Datadog monitor notification out of a dispatch payload (client_payload, or
 * workflow_dispatch inputs), or returns undefined when the payload carries no transition.
 * Keys may be spelled `transition`, `alert_transition` or `ALERT_TRANSITION`; a nested
 * `alert: {...}` object is read too (client_payload allows only 10 top-level keys).
 */
export function readAlert(payload: Record<string, string>, where: string): AlertInfo | undefined {
  const fields = new Map<string, { key: string; value: string }>();
  for (const [key, value] of Object.entries(payload)) {
    const name = canonicalKey(key);
    if (value === '' || isUnsubstituted(value)) continue;
    if (!fields.has(name)) fields.set(name, { key, value });
  }
  const pick = (names: readonly string[]) => {
    for (const n of names) {
      const f = fields.get(n);
      if (f) return f;
    }
    return undefined;
  };
  const t = pick(FIELDS.transition);
  if (!t) return undefined;
  const transition = TRANSITIONS[t.value.toLowerCase().replace(/[\s_-]+/g, '')];
  if (!transition) {
    throw new UserError(
      `${where}.${t.key}: unknown Datadog alert transition "${t.value}"; expected one of ${Object.values(
        TRANSITIONS,
      )
        .map((v) => `"${v}"`)
        .join(', ')} — send "$ALERT_TRANSITION" unchanged in the webhook payload`,
    );
  }
  const used = new Set<string>([t.key]);
  const info: AlertInfo = { transition, extra: {} };
  for (const field of ['cycleKey', 'id', 'title', 'metric', 'scope'] as const) {
    const f = pick(FIELDS[field]);
    if (f) {
      info[field] = f.value;
      used.add(f.key);
    }
  }
  for (const [key, value] of Object.entries(payload)) {
    if (!used.has(key) && value !== '' && !isUnsubstituted(value)) info.extra[key] = value;
  }
  return info;
}

/** "ALERT_CYCLE_KEY", "$alert_cycle_key", "alert-cycle-key", "alertCycleKey" → "alert_cycle_key". */
function canonicalKey(key: string): string {
  return key
    .replace(/^\$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[-.\s]/g, '_');
}

/**
 * A Datadog variable that was not substituted (e.g. "$ALERT_CYCLE_KEY" sent literally because the
 * variable is unknown for this monitor type): treat it as absent rather than as a real value.
 */
function isUnsubstituted(value: string): boolean {
  return /^\$[A-Z][A-Z0-9_]*(\[[^\]]*\])?$/.test(value.trim());
}
