/** Estimated against realized: storing, reconciling once labels come, persistent gaps. */
import { describe, expect, it } from 'vitest';
import {
  addEstimates,
  MAX_RECORDS,
  persistentGaps,
  reconcile,
  type EstimateRecord,
} from '../../../src/performance/estimate/record.js';

const day = (d: number) => new Date(Date.UTC(2026, 10, d)).toISOString();
const rec = (d: number, value = 0.8, metric = 'accuracy'): EstimateRecord => ({
  start: day(d),
  end: day(d + 1),
  metric,
  value,
  interval: [value - 0.02, value + 0.02],
  level: 0.95,
  reliable: true,
  n: 1000,
  runId: `run-${d}`,
  recordedAt: day(d + 1),
});
const realized = (value: number) => ({ value, labelled: 900, coverage: 0.9, at: day(30) });

describe('storing estimates', () => {
  it('adds new windows, keeps a window’s first estimate, and a re-run changes nothing', () => {
    const a = addEstimates([], [rec(1), rec(2)]);
    expect(a).toMatchObject({ changed: true });
    const again = addEstimates(a.records, [rec(2, 0.5)]);
    expect(again.changed).toBe(false);
    expect(again.records.find((r) => r.start === day(2))!.value).toBe(0.8);
    expect(addEstimates(a.records, [rec(3)]).records.map((r) => r.start)).toEqual([
      day(1),
      day(2),
      day(3),
    ]);
  });

  it('keeps at most MAX_RECORDS, the newest', () => {
    const many = Array.from({ length: MAX_RECORDS + 5 }, (_, i) => ({
      ...rec(1),
      start: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString(),
    }));
    const { records } = addEstimates([], many);
    expect(records).toHaveLength(MAX_RECORDS);
    expect(records[0]!.start).toBe(many[5]!.start);
  });
});

describe('reconciling with realized values', () => {
  it.each([
    ['inside the interval', 0.81, 'inside', 0.01],
    ['below it', 0.7, 'below', -0.1],
    ['above it', 0.9, 'above', 0.1],
  ] as const)('realized %s', (_, value, side, error) => {
    const { records, reconciled } = reconcile([rec(1)], () => realized(value));
    expect(reconciled).toHaveLength(1);
    expect(records[0]!.realized!.side).toBe(side);
    expect(records[0]!.realized!.error).toBeCloseTo(error, 12);
  });

  it('waits while labels are too few, and never reconciles a window twice', () => {
    const waiting = reconcile([rec(1)], () => null);
    expect(waiting.changed).toBe(false);
    const once = reconcile([rec(1)], () => realized(0.7));
    const twice = reconcile(once.records, () => realized(0.9));
    expect(twice.changed).toBe(false);
    expect(twice.records[0]!.realized!.value).toBe(0.7);
  });
});

describe('a persistent gap reads as concept drift', () => {
  const history = (values: number[]) =>
    reconcile(
      values.map((_, i) => rec(i + 1)),
      (r) => realized(values[Number(r.runId.slice(4)) - 1]!),
    ).records;
  it.each([
    [
      '2 of the last 3 below',
      [0.8, 0.7, 0.72],
      1,
      /fell below the estimate's interval in 2 of the last 3 windows.*concept drift/,
    ],
    ['all inside', [0.8, 0.81, 0.79], 0, null],
    ['one window below, not persistent', [0.8, 0.7, 0.8], 0, null],
    ['one below, one above: no same-side gap', [0.7, 0.9, 0.8], 0, null],
    ['an old gap that has passed', [0.7, 0.7, 0.8, 0.81, 0.8], 0, null],
  ] as const)('%s', (_, values, count, message) => {
    const found = persistentGaps(history([...values]));
    expect(found).toHaveLength(count);
    if (message) expect(found[0]!.message).toMatch(message);
  });

  it('windows without labels yet do not count', () => {
    expect(persistentGaps([rec(1), rec(2), rec(3)])).toEqual([]);
  });
});
