import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { defaultPushPaths, readTrigger } from '../../src/trigger/read.js';
import type { TriggerConfig } from '../../src/trigger/config.js';
import { event } from './events.js';

const NOTEBOOK = 'notebooks/train.ipynb';
const opts = { force: false, notebook: NOTEBOOK };
const CYCLE = '6f2c1d9e8b7a4c3d2e1f0a9b8c7d6e5f';

describe('readTrigger: every event and transition', () => {
  it.each([
    // fixture, event name, kind, intent, forced, skipGate, transition, dedupeKey, reason contains
    [
      'schedule',
      'schedule',
      'schedule',
      'check',
      false,
      false,
      undefined,
      undefined,
      'cron "17 */6 * * *"',
    ],
    [
      'workflow_dispatch',
      'workflow_dispatch',
      'workflow_dispatch',
      'check',
      false,
      false,
      undefined,
      undefined,
      'workflow_dispatch',
    ],
    [
      'workflow_dispatch-no-inputs',
      'workflow_dispatch',
      'workflow_dispatch',
      'check',
      false,
      false,
      undefined,
      undefined,
      'by hand',
    ],
    [
      'workflow_dispatch-force',
      'workflow_dispatch',
      'workflow_dispatch',
      'retrain',
      true,
      true,
      undefined,
      undefined,
      'forced: new labelled data landed',
    ],
    [
      'workflow_dispatch-datadog-triggered',
      'workflow_dispatch',
      'workflow_dispatch',
      'retrain',
      false,
      false,
      'Triggered',
      `datadog:${CYCLE}`,
      'Datadog Triggered',
    ],
    [
      'workflow_dispatch-datadog-recovered',
      'workflow_dispatch',
      'workflow_dispatch',
      'close',
      false,
      false,
      'Recovered',
      `datadog:${CYCLE}`,
      'Datadog Recovered',
    ],
    [
      'repository_dispatch-triggered',
      'repository_dispatch',
      'repository_dispatch',
      'retrain',
      false,
      false,
      'Triggered',
      `datadog:${CYCLE}`,
      'AUC dropped',
    ],
    [
      'repository_dispatch-re-triggered',
      'repository_dispatch',
      'repository_dispatch',
      'retrain',
      false,
      false,
      'Re-Triggered',
      `datadog:${CYCLE}`,
      'Re-Triggered',
    ],
    [
      'repository_dispatch-warn',
      'repository_dispatch',
      'repository_dispatch',
      'warn',
      false,
      false,
      'Warn',
      `datadog:${CYCLE}`,
      'Datadog Warn',
    ],
    [
      'repository_dispatch-re-warn',
      'repository_dispatch',
      'repository_dispatch',
      'warn',
      false,
      false,
      'Re-Warn',
      `datadog:${CYCLE}`,
      'Re-Warn',
    ],
    [
      'repository_dispatch-recovered',
      'repository_dispatch',
      'repository_dispatch',
      'close',
      false,
      false,
      'Recovered',
      `datadog:${CYCLE}`,
      'Recovered',
    ],
    [
      'repository_dispatch-no-data',
      'repository_dispatch',
      'repository_dispatch',
      'insufficient',
      false,
      false,
      'No Data',
      `datadog:${CYCLE}`,
      'No Data',
    ],
    [
      'repository_dispatch-re-no-data',
      'repository_dispatch',
      'repository_dispatch',
      'insufficient',
      false,
      false,
      'Re-No Data',
      `datadog:${CYCLE}`,
      'Re-No Data',
    ],
    [
      'repository_dispatch-renotify',
      'repository_dispatch',
      'repository_dispatch',
      'warn',
      false,
      false,
      'Renotify',
      `datadog:${CYCLE}`,
      'Renotify',
    ],
    [
      'repository_dispatch-unsubstituted',
      'repository_dispatch',
      'repository_dispatch',
      'retrain',
      false,
      false,
      'Triggered',
      undefined,
      'Triggered',
    ],
    [
      'repository_dispatch-nested',
      'repository_dispatch',
      'repository_dispatch',
      'retrain',
      false,
      false,
      'Re-Triggered',
      'datadog:0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      '[Re-Triggered] AUC dropped',
    ],
    [
      'repository_dispatch-plain',
      'repository_dispatch',
      'repository_dispatch',
      'check',
      false,
      false,
      undefined,
      undefined,
      'nightly data refresh finished',
    ],
    [
      'repository_dispatch-force',
      'repository_dispatch',
      'repository_dispatch',
      'retrain',
      true,
      true,
      undefined,
      undefined,
      'forced: label fix',
    ],
    [
      'push-training',
      'push',
      'push',
      'retrain',
      false,
      true,
      undefined,
      'push:8f9e0d1c2b3a49586776a5b4c3d2e1f098765432',
      'notebooks/features.py, notebooks/train.ipynb',
    ],
    [
      'push-docs',
      'push',
      'push',
      'check',
      false,
      false,
      undefined,
      undefined,
      'none of them training code',
    ],
    [
      'push-deleted',
      'push',
      'push',
      'check',
      false,
      false,
      undefined,
      undefined,
      'deleted the branch',
    ],
    [
      'push-removed',
      'push',
      'push',
      'retrain',
      false,
      true,
      undefined,
      'push:bb9e0d1c2b3a49586776a5b4c3d2e1f098765432',
      'notebooks/old_features.py',
    ],
  ] as const)(
    '%s',
    (fixture, name, kind, intent, forced, skipGate, transition, dedupeKey, reason) => {
      const t = readTrigger(name, event(fixture), opts, {});
      expect(t.event).toBe(name);
      expect(t.kind).toBe(kind);
      expect(t.intent).toBe(intent);
      expect(t.forced).toBe(forced);
      expect(t.skipGate).toBe(skipGate);
      expect(t.alert?.transition).toBe(transition);
      expect(t.dedupeKey).toBe(dedupeKey);
      expect(t.reason).toContain(reason);
    },
  );

  it('reads every alert field and keeps the rest for the report', () => {
    const t = readTrigger('repository_dispatch', event('repository_dispatch-triggered'), opts, {});
    expect(t.eventType).toBe('model-alert');
    expect(t.ref).toBe('refs/heads/main');
    expect(t.actor).toBe('datadog-retrain[bot]');
    expect(t.alert).toEqual({
      transition: 'Triggered',
      cycleKey: CYCLE,
      id: '148213377',
      title: '[Triggered on {model:reviews}] Review model AUC dropped',
      metric: 'ml.model.auc',
      scope: 'model:reviews,env:prod',
      extra: {
        alert_type: 'error',
        priority: 'P2',
        date: '1767229200000',
        link: 'https://app.datadoghq.com/event/event?id=7716548234011234567',
      },
    });
    expect(t.inputs.transition).toBe('Triggered');
  });

  it('treats unsubstituted Datadog variables and empty values as absent', () => {
    const t = readTrigger(
      'repository_dispatch',
      event('repository_dispatch-unsubstituted'),
      opts,
      {},
    );
    expect(t.alert?.cycleKey).toBeUndefined();
    expect(t.alert?.metric).toBeUndefined();
    expect(t.dedupeKey).toBeUndefined();
  });

  it.each([
    [false, false],
    [true, true],
  ])('trust_alert=%s → skipGate=%s on Triggered', (trust, skip) => {
    const t = readTrigger('repository_dispatch', event('repository_dispatch-triggered'), opts, {
      trust_alert: trust,
    });
    expect(t.skipGate).toBe(skip);
  });

  it('trust_alert does not let a warning skip the gate', () => {
    const t = readTrigger('repository_dispatch', event('repository_dispatch-warn'), opts, {
      trust_alert: true,
    });
    expect(t.skipGate).toBe(false);
  });

  it('the force input forces any event, and the reason input wins', () => {
    const t = readTrigger('schedule', event('schedule'), { force: true, reason: 'audit' }, {});
    expect(t).toMatchObject({
      forced: true,
      intent: 'retrain',
      skipGate: true,
      reason: 'forced: audit',
    });
  });

  it('lists the files changed by all pushed commits', () => {
    const t = readTrigger('push', event('push-training'), opts, {});
    expect(t.changedFiles).toEqual(['README.md', 'notebooks/features.py', 'notebooks/train.ipynb']);
    expect(t.matchedFiles).toEqual(['notebooks/features.py', 'notebooks/train.ipynb']);
    expect(t.sha).toBe('8f9e0d1c2b3a49586776a5b4c3d2e1f098765432');
  });

  it.each<[TriggerConfig, string, string]>([
    [{ push_paths: ['README.md'] }, 'push-docs', 'retrain'],
    [{ push_paths: ['docs/**', '!docs/usage.md'] }, 'push-docs', 'check'],
    [{ push_paths: ['**/*.py'] }, 'push-training', 'retrain'],
    [{ push_paths: ['**/*.py'] }, 'push-docs', 'check'],
    [{ push_paths: [] }, 'push-training', 'check'],
    [{ push_paths: ['src/features/'] }, 'push-removed', 'retrain'],
  ])('push_paths %j on %s → %s', (config, fixture, intent) => {
    expect(readTrigger('push', event(fixture), opts, config).intent).toBe(intent);
  });

  it('without a notebook or push_paths a push only checks', () => {
    expect(readTrigger('push', event('push-training'), { force: false }, {}).intent).toBe('check');
  });

  it.each([
    ['notebooks/train.ipynb', ['notebooks/**']],
    ['./ml/churn/train.ipynb', ['ml/churn/**']],
    ['train.ipynb', ['train.ipynb']],
    [undefined, []],
  ])('default push_paths for %s', (notebook, paths) => {
    expect(defaultPushPaths(notebook)).toEqual(paths);
  });

  it.each([
    ['Triggered', 'retrain'],
    ['re-triggered', 'retrain'],
    ['RE_WARN', 'warn'],
    ['no data', 'insufficient'],
    ['Re-No Data', 'insufficient'],
    ['recovered', 'close'],
  ])('transition spelled %s → %s', (transition, intent) => {
    const t = readTrigger('workflow_dispatch', { inputs: { transition } }, opts, {});
    expect(t.intent).toBe(intent);
  });

  it('Renotify without $ALERT_TYPE leaves the decision to the gate', () => {
    const t = readTrigger('workflow_dispatch', { inputs: { transition: 'Renotify' } }, opts, {});
    expect(t.intent).toBe('check');
  });

  it('an unknown transition is a user error naming the field and the fix', () => {
    expect(() =>
      readTrigger('repository_dispatch', event('repository_dispatch-bad-transition'), opts, {}),
    ).toThrowError(
      new UserError(
        'github.event.client_payload.transition: unknown Datadog alert transition "Exploded"; expected one of "Triggered", "Re-Triggered", "Warn", "Re-Warn", "Recovered", "No Data", "Re-No Data", "Renotify" — send "$ALERT_TRANSITION" unchanged in the webhook payload',
      ),
    );
  });

  it('a client_payload that is not an object is a user error', () => {
    expect(() =>
      readTrigger('repository_dispatch', { action: 'x', client_payload: ['a'] }, opts, {}),
    ).toThrow(/github\.event\.client_payload: expected an object, got an array/);
  });

  it('unknown events still give a trigger the gate decides on', () => {
    const t = readTrigger('release', { action: 'published' }, opts, {});
    expect(t).toMatchObject({ kind: 'other', intent: 'check', forced: false, inputs: {} });
  });
});
