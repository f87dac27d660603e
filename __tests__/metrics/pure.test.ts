import { describe, expect, it } from 'vitest';
import { splitCsvLine } from '../../src/csv.js';
import { categoryOf, numberOf } from '../../src/metrics/rows.js';
import { SeriesBuilder } from '../../src/metrics/series.js';
import { elementLines } from '../../src/metrics/table.js';
import { parseTimestamp } from '../../src/metrics/timestamps.js';
import { parseWindowEnd, resolveWindows } from '../../src/metrics/windows.js';

const T = Date.parse('2026-01-31T12:00:00Z');

describe('parseTimestamp', () => {
  it.each([
    ['ISO with Z', '2026-01-31T12:00:00Z', T],
    ['ISO with offset', '2026-01-31T13:00:00+01:00', T],
    ['ISO with compact offset', '2026-01-31T13:00:00+0100', T],
    ['ISO without zone is UTC', '2026-01-31T12:00:00', T],
    ['ISO with space and millis', '2026-01-31 12:00:00.250', T + 250],
    ['date only', '2026-01-31', T - 12 * 3_600_000],
    ['epoch seconds (number)', T / 1000, T],
    ['epoch seconds (string)', String(T / 1000), T],
    ['epoch seconds with fraction', T / 1000 + 0.5, T + 500],
    ['epoch milliseconds', T, T],
    ['epoch milliseconds (string)', String(T), T],
    ['epoch microseconds', T * 1000, T],
    ['epoch nanoseconds', T * 1e6, T],
    ['garbage', 'yesterday', undefined],
    ['empty', '', undefined],
    ['null', null, undefined],
    ['impossible date', '2026-13-45T00:00:00Z', undefined],
  ])('%s', (_name, input, expected) => {
    expect(parseTimestamp(input)).toBe(expected);
  });
});

describe('windows', () => {
  const H = 3_600_000;
  it.each([
    [
      'adjacent by default',
      { current: { duration: '1h' }, reference: { duration: '2h' } },
      [T - H, T],
      [T - 3 * H, T - H],
    ],
    [
      'offset moves the reference back',
      { current: { duration: '1h' }, reference: { duration: '1h', offset: '1d' } },
      [T - H, T],
      [T - 25 * H, T - 24 * H],
    ],
    [
      'seconds as numbers',
      { current: { duration: 60 }, reference: { duration: 120, offset: 60 } },
      [T - 60_000, T],
      [T - 180_000, T - 60_000],
    ],
    ['no reference', { current: { duration: '30m' } }, [T - H / 2, T], undefined],
  ])('%s', (_name, windows, current, reference) => {
    const r = resolveWindows(windows, T);
    expect([r.current.start, r.current.end]).toEqual(current);
    expect(r.reference ? [r.reference.start, r.reference.end] : undefined).toEqual(reference);
  });

  it.each([
    [
      'zero current',
      { current: { duration: 0 } },
      /metrics.windows.current.duration: the window is empty/,
    ],
    [
      'zero reference',
      { current: { duration: '1h' }, reference: { duration: '0s' } },
      /metrics.windows.reference.duration: the window is empty/,
    ],
    [
      'bad duration',
      { current: { duration: 'soon' } },
      /metrics.windows.current.duration: "soon" is not a duration/,
    ],
  ])('rejects %s', (_name, windows, message) => {
    expect(() => resolveWindows(windows, T)).toThrow(message);
  });

  it.each([
    [undefined, { kind: 'now' }],
    ['now', { kind: 'now' }],
    ['latest', { kind: 'latest' }],
    ['2026-01-31T12:00:00Z', { kind: 'at', ms: T }],
  ])('end %s', (end, expected) => {
    expect(parseWindowEnd(end)).toEqual(expected);
  });

  it('names the field for a bad end', () => {
    expect(() => parseWindowEnd('tomorrow')).toThrow(/metrics.windows.end: "tomorrow" is not/);
  });
});

describe('cells', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",2', ['say "hi"', '2']],
    ['a,,c', ['a', '', 'c']],
    ['"open,c', undefined],
  ])('splitCsvLine(%j)', (line, expected) => {
    expect(splitCsvLine(line)).toEqual(expected);
  });

  it.each([
    ['1.5', 1.5],
    [' -2e3 ', -2000],
    ['', undefined],
    ['NaN', undefined],
    ['null', undefined],
    [null, undefined],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    [true, 1],
    [3, 3],
    ['abc', NaN],
    [{}, NaN],
  ])('numberOf(%j)', (raw, expected) => {
    expect(numberOf(raw)).toBe(expected);
  });

  it.each([
    ['cat', 'cat'],
    [' dog ', 'dog'],
    ['', undefined],
    [null, undefined],
    [7, '7'],
    [false, 'false'],
  ])('categoryOf(%j)', (raw, expected) => {
    expect(categoryOf(raw)).toBe(expected);
  });

  it.each([
    ['[]', []],
    ['[{"a":1},{"a":2}]', [1, 1]],
    ['[\n  {"a": "x,]}"},\n  {"a": [1,\n2]},\n  3\n]', [2, 3, 5]],
  ])('elementLines(%j)', (text, expected) => {
    expect(elementLines(text)).toEqual(expected);
  });
});

describe('SeriesBuilder', () => {
  it('sorts samples that arrived out of order, keeping labels aligned', () => {
    const b = new SeriesBuilder('s', true);
    b.pushLabel(3, 'c');
    b.pushLabel(1, 'a');
    b.pushLabel(2, 'b');
    const s = b.build();
    expect(Array.from(s.timestamps)).toEqual([1, 2, 3]);
    expect(s.labels).toEqual(['a', 'b', 'c']);
  });
});
