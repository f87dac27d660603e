import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/registry/index.js';
import { formatDuration, guardRetrain } from '../../src/trigger/guard.js';
import { readTrigger } from '../../src/trigger/read.js';
import type { TriggerConfig } from '../../src/trigger/config.js';
import { event } from './events.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const CYCLE = 'datadog:6f2c1d9e8b7a4c3d2e1f0a9b8c7d6e5f';
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
const entry = (h: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  at: hoursAgo(h),
  action: 'publish',
  version: 7,
  previousVersion: 6,
  alias: 'production',
  runId: '1234',
  ...extra,
});
const opts = { force: false, notebook: 'notebooks/train.ipynb' };
const trigger = (fixture: string, name: string, force = false) =>
  readTrigger(name, event(fixture), { ...opts, force }, {});

describe('guardRetrain', () => {
  it.each<[string, string, string, boolean, HistoryEntry[], TriggerConfig, boolean, string]>([
    // description, fixture, event, force, history, config, blocked, reason contains
    [
      'empty history',
      'repository_dispatch-triggered',
      'repository_dispatch',
      false,
      [],
      {},
      false,
      'no earlier publish',
    ],
    [
      'same alert cycle already retrained',
      'repository_dispatch-re-triggered',
      'repository_dispatch',
      false,
      [entry(30, { dedupeKey: CYCLE })],
      {},
      true,
      'alert cycle 6f2c1d9e8b7a4c3d2e1f0a9b8c7d6e5f already retrained: version 7',
    ],
    [
      'forced run with a served key is still de-duplicated',
      'repository_dispatch-triggered',
      'repository_dispatch',
      true,
      [entry(30, { dedupeKey: CYCLE })],
      {},
      true,
      'already retrained',
    ],
    [
      'other alert cycle, outside cooldown',
      'repository_dispatch-triggered',
      'repository_dispatch',
      false,
      [entry(7, { dedupeKey: 'datadog:other' })],
      {},
      false,
      'last publish was 7h ago',
    ],
    [
      'alert inside the default 6h cooldown',
      'repository_dispatch-triggered',
      'repository_dispatch',
      false,
      [entry(2)],
      {},
      true,
      'cooldown: version 7 was published 2h ago; next retrain allowed in 4h',
    ],
    [
      'schedule inside the cooldown',
      'schedule',
      'schedule',
      false,
      [entry(5.5)],
      {},
      true,
      'next retrain allowed in 30m',
    ],
    [
      'cooldown counts from the latest entry',
      'schedule',
      'schedule',
      false,
      [entry(30), entry(1, { action: 'rollback', version: 6 }), entry(20)],
      {},
      true,
      'version 6 was rolled back to 1h ago',
    ],
    [
      'cooldown 0 turns it off',
      'schedule',
      'schedule',
      false,
      [entry(0.1)],
      { cooldown: 0 },
      false,
      'last publish was 6m ago',
    ],
    [
      'custom cooldown',
      'schedule',
      'schedule',
      false,
      [entry(10)],
      { cooldown: '12h' },
      true,
      'trigger.cooldown 12h',
    ],
    [
      'custom cooldown passed',
      'schedule',
      'schedule',
      false,
      [entry(13)],
      { cooldown: '12h' },
      false,
      'last publish was 13h ago',
    ],
    [
      'forced run bypasses the cooldown',
      'workflow_dispatch-force',
      'workflow_dispatch',
      false,
      [entry(1)],
      {},
      false,
      'cooldown bypassed (forced)',
    ],
    [
      'training code change bypasses the cooldown',
      'push-training',
      'push',
      false,
      [entry(1)],
      {},
      false,
      'cooldown bypassed (training code changed)',
    ],
    [
      'the same push is not retrained twice',
      'push-training',
      'push',
      false,
      [entry(30, { dedupeKey: 'push:8f9e0d1c2b3a49586776a5b4c3d2e1f098765432' })],
      {},
      true,
      'push 8f9e0d1c2b3a already retrained',
    ],
    [
      'unparseable history times are ignored',
      'schedule',
      'schedule',
      false,
      [entry(1, { at: 'yesterday' })],
      {},
      false,
      'no earlier publish',
    ],
  ])('%s', (_d, fixture, name, force, history, config, blocked, reason) => {
    const result = guardRetrain(trigger(fixture, name, force), history, config, NOW);
    expect(result.blocked).toBe(blocked);
    expect(result.reason).toContain(reason);
  });

  it('says what held the retrain back and, for the cooldown, until when', () => {
    const cooling = guardRetrain(trigger('schedule', 'schedule'), [entry(2)], {}, NOW);
    expect(cooling).toMatchObject({ blocked: true, by: 'cooldown', until: hoursAgo(-4) });
    const served = guardRetrain(
      trigger('repository_dispatch-triggered', 'repository_dispatch'),
      [entry(30, { dedupeKey: CYCLE })],
      {},
      NOW,
    );
    expect(served).toMatchObject({ blocked: true, by: 'duplicate' });
    expect(served.until).toBeUndefined();
  });

  it('a bad cooldown is a user error naming the field', () => {
    expect(() =>
      guardRetrain(trigger('schedule', 'schedule'), [entry(1)], { cooldown: 'soon' }, NOW),
    ).toThrow(/trigger\.cooldown: "soon" is not a duration/);
  });

  it.each([
    [0, '0s'],
    [59_000, '59s'],
    [5_400_000, '1h30m'],
    [90_061_000, '1d1h'],
  ])('formatDuration(%d) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
