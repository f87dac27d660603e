import { describe, expect, it } from 'vitest';
import { LogJoin } from '../../src/performance/join.js';
import { idKey, KeyMap } from '../../src/performance/keymap.js';
import { rowsIn, windowOf } from '../../src/performance/window.js';
import { HOUR, T0 } from './helpers.js';

function small(duplicateLabels: 'latest' | 'first' = 'latest') {
  const j = new LogJoin({
    task: 'binary',
    span: { start: T0, end: T0 + 10 * HOUR },
    scoreWidth: 1,
    segments: [],
    duplicateLabels,
    positive: '1',
  });
  const yes = j.classCode('yes');
  const no = j.classCode('no');
  j.addPrediction(idKey('a'), T0, yes, [0.9], [], 2);
  j.addPrediction(idKey('b'), T0 + HOUR, no, [0.2], [], 3);
  j.addPrediction(idKey('c'), T0 + 2 * HOUR, yes, [0.7], [], 4);
  j.addPrediction(idKey('a'), T0 + 3 * HOUR, no, [0.1], [], 5); // duplicate id: the first stands
  j.addPrediction(idKey('old'), T0 - HOUR, no, [0.1], [], 6); // outside the windows
  j.addLabel(idKey('a'), yes, T0 + 2 * HOUR, 2);
  j.addLabel(idKey('b'), yes, T0 + 5 * HOUR, 3);
  j.addLabel(idKey('b'), no, T0 + 9 * HOUR, 4); // a later correction
  j.addLabel(idKey('zzz'), no, T0, 5); // no such prediction
  j.addLabel(idKey('old'), no, T0, 6);
  j.addLabel(idKey('c'), NaN, T0, 7); // label without a value
  return { j, yes, no };
}

describe('the join of predictions and late labels', () => {
  it('counts unknown ids, duplicates, missing values and rows outside the windows', () => {
    const log = small().j.result();
    expect(log.rows).toBe(3);
    expect(log.stats.predictions).toBe(5);
    expect(log.stats.outside).toBe(1);
    expect(log.stats.duplicatePredictions).toEqual({ count: 1, first: 5 });
    expect(log.stats.unknownIds).toEqual({ count: 1, first: 5 });
    expect(log.stats.labelsOutside).toBe(1);
    expect(log.stats.duplicateLabels).toEqual({ count: 1, first: 4 });
    expect(log.stats.conflictingLabels.count).toBe(1);
    expect(log.stats.missingLabelValues).toEqual({ count: 1, first: 7 });
  });

  it('the latest label of an id counts by default, the first when asked', () => {
    for (const [policy, want] of [
      ['latest', 'no'],
      ['first', 'yes'],
    ] as const) {
      const log = small(policy).j.result();
      // classes are sorted: no = 0, yes = 1
      expect(log.classes).toEqual(['no', 'yes']);
      expect(log.classes[log.truth[1]!]).toBe(want);
    }
  });

  it('coverage and label lag of a window', () => {
    const log = small().j.result();
    const w = windowOf(log, rowsIn(log, { start: T0, end: T0 + 10 * HOUR }));
    expect(w.predictions).toBe(3);
    expect(w.labelled).toBe(2);
    expect(w.coverage).toBeCloseTo(2 / 3, 12);
    // lags: a 2 h, b 8 h (the latest label) → median 5 h, p90 7.4 h (numpy linear)
    expect(w.lag).toEqual({ median: 5 * HOUR, p90: 7.4 * HOUR });
  });

  it('keys: integer ids are themselves, text ids hash above 2^52, both stable', () => {
    expect(idKey('123')).toBe(123);
    expect(idKey(123)).toBe(123);
    expect(idKey('a-1')).toBeGreaterThanOrEqual(2 ** 52);
    expect(idKey('a-1')).toBe(idKey(' a-1 '));
    expect(idKey('a-1')).not.toBe(idKey('a-2'));
  });

  it('the key map keeps every key through growth', () => {
    const m = new KeyMap(4);
    for (let i = 0; i < 100_000; i++) m.set(i * 7919, i);
    expect(m.size).toBe(100_000);
    for (let i = 0; i < 100_000; i += 997) expect(m.get(i * 7919)).toBe(i);
    expect(m.get(3)).toBeUndefined();
  });
});
