import { UserError } from '../errors.js';
import { intentOf, readAlert } from './alert.js';
import type { TriggerConfig } from './config.js';
import { matchesAny } from './glob.js';
import type { AlertInfo, Trigger, TriggerIntent } from './types.js';

export interface TriggerOptions {
  /** The action's `force` input. */
  force: boolean;
  /** The action's `reason` input. */
  reason?: string;
  /** The training notebook (repository-relative): its folder is the default `push_paths`. */
  notebook?: string;
}

/** GitHub event (name + payload) → Trigger. Pure: no API calls. */
export function readTrigger(
  eventName: string,
  payload: Record<string, unknown>,
  options: TriggerOptions,
  config: TriggerConfig,
): Trigger {
  const event = payload ?? {};
  const base = {
    event: eventName,
    ...optional('ref', str(event.ref)),
    ...optional('sha', str(event.after) ?? str(objectAt(event, 'head_commit')?.id)),
    ...optional('actor', str(objectAt(event, 'sender')?.login)),
  };
  switch (eventName) {
    case 'schedule': {
      const cron = str(event.schedule);
      return finish(
        { ...base, kind: 'schedule', inputs: {}, forced: options.force },
        cron ? `scheduled check (cron "${cron}")` : 'scheduled check',
        options,
      );
    }
    case 'workflow_dispatch': {
      const inputs = flatten(event.inputs, 'github.event.inputs');
      const forced = options.force || isTrue(inputs.force);
      const alert = readAlert(inputs, 'github.event.inputs');
      return fromDispatch(
        { ...base, kind: 'workflow_dispatch', inputs, forced },
        alert,
        str(inputs.reason) ?? 'started by hand (workflow_dispatch)',
        options,
        config,
      );
    }
    case 'repository_dispatch': {
      const eventType = str(event.action);
      const clientPayload = flatten(event.client_payload, 'github.event.client_payload');
      const nested = objectAt(event.client_payload, 'alert');
      const alert = readAlert(
        { ...clientPayload, ...flatten(nested, 'github.event.client_payload.alert') },
        nested ? 'github.event.client_payload.alert' : 'github.event.client_payload',
      );
      const forced = options.force || isTrue(clientPayload.force);
      return fromDispatch(
        {
          ...base,
          kind: 'repository_dispatch',
          inputs: clientPayload,
          forced,
          ...optional('eventType', eventType),
          ...optional('ref', str(event.branch) ? `refs/heads/${str(event.branch)}` : undefined),
        },
        alert,
        str(clientPayload.reason) ?? `repository_dispatch "${eventType ?? '(no event_type)'}"`,
        options,
        config,
      );
    }
    case 'push':
      return fromPush(
        { ...base, kind: 'push', inputs: {}, forced: options.force },
        event,
        options,
        config,
      );
    default:
      return finish(
        {
          ...base,
          kind: eventName === 'manual' ? 'manual' : 'other',
          inputs: {},
          forced: options.force,
        },
        eventName === 'manual' ? 'run by hand' : `event "${eventName}"`,
        options,
      );
  }
}

type Draft = Omit<Trigger, 'reason'>;

/** Forced runs retrain whatever the event says; the reason input, when given, wins. */
function finish(draft: Draft, reason: string, options: TriggerOptions): Trigger {
  const forced = draft.forced;
  const intent: TriggerIntent = forced ? 'retrain' : (draft.intent ?? 'check');
  const skipGate = forced || draft.skipGate === true;
  const why = options.reason?.trim() || reason;
  return { ...draft, forced, intent, skipGate, reason: forced ? `forced: ${why}` : why };
}

function fromDispatch(
  draft: Draft,
  alert: AlertInfo | undefined,
  reason: string,
  options: TriggerOptions,
  config: TriggerConfig,
): Trigger {
  if (!alert) return finish(draft, reason, options);
  const intent = intentOf(alert.transition, alert.extra.alert_type ?? alert.extra.ALERT_TYPE);
  const label = alert.title ?? (alert.id ? `monitor ${alert.id}` : 'Datadog monitor');
  return finish(
    {
      ...draft,
      alert,
      intent,
      skipGate: intent === 'retrain' && config.trust_alert === true,
      ...optional('dedupeKey', alert.cycleKey ? `datadog:${alert.cycleKey}` : undefined),
    },
    `Datadog ${alert.transition}: ${label}`,
    options,
  );
}

function fromPush(
  draft: Draft,
  event: Record<string, unknown>,
  options: TriggerOptions,
  config: TriggerConfig,
): Trigger {
  const changed = changedFiles(event);
  const patterns = config.push_paths ?? defaultPushPaths(options.notebook);
  const matched = patterns.length ? changed.filter((f) => matchesAny(f, patterns)) : [];
  const after = str(event.after);
  const withFiles = { ...draft, changedFiles: changed, matchedFiles: matched };
  if (event.deleted === true) return finish(withFiles, 'push deleted the branch', options);
  if (matched.length === 0) {
    return finish(
      withFiles,
      `push changed ${changed.length} file(s), none of them training code (${patterns.join(', ') || 'no push_paths'})`,
      options,
    );
  }
  const shown = matched.slice(0, 3).join(', ') + (matched.length > 3 ? ', …' : '');
  return finish(
    {
      ...withFiles,
      intent: 'retrain',
      // The gate measures drift; new training code is a reason to retrain on its own.
      skipGate: true,
      ...optional('dedupeKey', after ? `push:${after}` : undefined),
    },
    `training code changed: ${shown}`,
    options,
  );
}

/** The notebook's folder; a notebook at the repository root stands for itself only. */
export function defaultPushPaths(notebook: string | undefined): string[] {
  if (!notebook) return [];
  const path = notebook.replace(/\\/g, '/').replace(/^\.\//, '');
  const slash = path.lastIndexOf('/');
  return slash < 0 ? [path] : [`${path.slice(0, slash)}/**`];
}

/** Files added, modified or removed by the pushed commits (head_commit when commits is absent). */
function changedFiles(event: Record<string, unknown>): string[] {
  const commits = Array.isArray(event.commits) ? event.commits : [];
  const head = objectAt(event, 'head_commit');
  const list = commits.length ? commits : head ? [head] : [];
  const files = new Set<string>();
  for (const c of list) {
    if (!c || typeof c !== 'object') continue;
    for (const key of ['added', 'modified', 'removed'] as const) {
      const names = (c as Record<string, unknown>)[key];
      if (Array.isArray(names)) for (const n of names) if (typeof n === 'string') files.add(n);
    }
  }
  return [...files].sort();
}

/** Inputs and client payloads as strings: numbers and booleans stringified, objects as JSON. */
function flatten(value: unknown, where: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(
      `${where}: expected an object, got ${Array.isArray(value) ? 'an array' : typeof value}; send a JSON object of key/value pairs`,
    );
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(true|yes|1|on)$/i.test(value.trim());
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = (value as Record<string, unknown>)[key];
  return v && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** `{key: value}` when value is set, `{}` otherwise (exactOptionalPropertyTypes-friendly spreads). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
