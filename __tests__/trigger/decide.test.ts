import { describe, expect, it } from 'vitest';
import type { Decision, Severity } from '../../src/gate/types.js';
import { decideWithTrigger, needsGate } from '../../src/trigger/decide.js';
import { readTrigger } from '../../src/trigger/read.js';
import { event } from './events.js';

const opts = { force: false, notebook: 'notebooks/train.ipynb' };
type Gate = { decision: Decision; severity: Severity } | null;
const ok: Gate = { decision: 'skip', severity: 'ok' };
const warn: Gate = { decision: 'warn', severity: 'warn' };
const alert: Gate = { decision: 'retrain', severity: 'alert' };

describe('trigger × gate', () => {
  it.each<[string, string, boolean, boolean, Gate, Decision, Severity, string]>([
    // fixture, event, trust_alert, needsGate, gate outcome, decision, severity, reason contains
    ['schedule', 'schedule', false, true, ok, 'skip', 'ok', 'gate decided skip'],
    ['schedule', 'schedule', false, true, alert, 'retrain', 'alert', 'gate decided retrain'],
    [
      'workflow_dispatch-force',
      'workflow_dispatch',
      false,
      false,
      null,
      'retrain',
      'ok',
      'forced retrain',
    ],
    [
      'workflow_dispatch-force',
      'workflow_dispatch',
      false,
      false,
      warn,
      'retrain',
      'warn',
      'forced retrain',
    ],
    [
      'repository_dispatch-triggered',
      'repository_dispatch',
      false,
      true,
      alert,
      'retrain',
      'alert',
      'confirmed by the gate',
    ],
    [
      'repository_dispatch-triggered',
      'repository_dispatch',
      false,
      true,
      ok,
      'skip',
      'ok',
      'not confirmed by the gate',
    ],
    [
      'repository_dispatch-re-triggered',
      'repository_dispatch',
      false,
      true,
      warn,
      'warn',
      'warn',
      'not confirmed',
    ],
    [
      'repository_dispatch-triggered',
      'repository_dispatch',
      true,
      false,
      null,
      'retrain',
      'alert',
      'trusted as evidence',
    ],
    [
      'repository_dispatch-warn',
      'repository_dispatch',
      false,
      true,
      ok,
      'warn',
      'warn',
      'warning reported',
    ],
    [
      'repository_dispatch-re-warn',
      'repository_dispatch',
      true,
      true,
      alert,
      'retrain',
      'alert',
      'gate decided retrain',
    ],
    [
      'repository_dispatch-recovered',
      'repository_dispatch',
      false,
      false,
      null,
      'skip',
      'ok',
      'monitor recovered',
    ],
    [
      'repository_dispatch-no-data',
      'repository_dispatch',
      false,
      false,
      null,
      'skip',
      'insufficient',
      'no data',
    ],
    [
      'repository_dispatch-re-no-data',
      'repository_dispatch',
      false,
      false,
      null,
      'skip',
      'insufficient',
      'no data',
    ],
    ['push-training', 'push', false, false, null, 'retrain', 'ok', 'training code changed'],
    ['push-docs', 'push', false, true, warn, 'warn', 'warn', 'gate decided warn'],
  ])(
    '%s (trust_alert=%s)',
    (fixture, name, trust, gateNeeded, gate, decision, severity, reason) => {
      const t = readTrigger(name, event(fixture), opts, { trust_alert: trust });
      expect(needsGate(t)).toBe(gateNeeded);
      const d = decideWithTrigger(t, gate);
      expect(d.decision).toBe(decision);
      expect(d.severity).toBe(severity);
      expect(d.reason).toContain(reason);
    },
  );
});
