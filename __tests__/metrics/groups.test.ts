import { describe, expect, it } from 'vitest';
import type { SeriesConfig } from '../../src/metrics/config.js';
import { mergeGroups, type QueryGroup } from '../../src/metrics/groups.js';

const g = (scope: string, samples: [number, number][]): QueryGroup => ({
  scope,
  timestamps: samples.map(([t]) => t),
  values: samples.map(([, v]) => v),
});

describe('mergeGroups', () => {
  const score: SeriesConfig = { name: 'score', query: 'q1' };
  const label: SeriesConfig = { name: 'label', query: 'q2', categorical: true };
  const empty: SeriesConfig = { name: 'empty', query: 'q3' };
  // Two window pieces per series, the later piece's answer listed first: order comes from time.
  const jobs = [score, score, label, label, empty, empty].map((s) => ({ s }));
  const results: QueryGroup[][] = [
    [
      g('a', [
        [3, 0.3],
        [4, NaN],
      ]),
    ],
    [g('a', [[1, 0.1]]), g('b', [[2, 0.2]])],
    [
      g('x', [
        [5, 1],
        [6, NaN],
      ]),
    ],
    [g('x', [[7, 2]])],
    [],
    [],
  ];

  const scopes = new Map<string, Set<string>>();
  const missing: string[] = [];
  const out = mergeGroups([score, label, empty], jobs, results, scopes, (s) =>
    missing.push(s.name),
  );

  it.each([
    ['numbers, NaN kept as missing', 'score', [1, 2, 3, 4], [0.1, 0.2, 0.3, NaN], undefined],
    ['categories, NaN skipped', 'label', [5, 7], [NaN, NaN], ['1', '2']],
    ['no groups', 'empty', [], [], undefined],
  ])('%s', (_n, name, timestamps, values, labels) => {
    const s = out[name];
    expect(Array.from(s?.timestamps ?? [])).toEqual(timestamps);
    expect(Array.from(s?.values ?? [])).toEqual(values);
    expect(s?.labels).toEqual(labels);
  });

  it('records each scope once, and reports series that no query answered', () => {
    expect(Object.fromEntries([...scopes].map(([k, v]) => [k, [...v]]))).toEqual({
      score: ['a', 'b'],
      label: ['x'],
    });
    expect(missing).toEqual(['empty']);
  });
});
