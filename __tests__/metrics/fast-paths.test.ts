import { describe, expect, it } from 'vitest';
import { plainCellAt, splitCsvLine } from '../../src/csv.js';
import { numberOf } from '../../src/metrics/rows.js';
import { parseIso, parseTimestamp } from '../../src/metrics/timestamps.js';

// The fast paths for the common cell forms must read exactly what the general parsers read.
describe('timestamp fast path agrees with the ISO parser', () => {
  it.each([
    '2026-01-31T12:00:00Z',
    '2026-01-31T12:00:00.123Z',
    '2024-02-29T23:59:59Z', // leap day
    '2026-12-31T00:00:00.999Z',
    '1970-01-01T00:00:00Z',
    '2026-11-11T00:01:39Z',
  ])('%s', (s) => {
    expect(parseTimestamp(s)).toBe(parseIso(s));
    expect(parseTimestamp(s)).toBe(Date.parse(s));
  });

  it.each([
    ['2026-02-30T00:00:00Z', 'no 30 February'],
    ['2025-02-29T00:00:00Z', 'no leap day in 2025'],
    ['2026-13-01T00:00:00Z', 'no month 13'],
    ['2026-04-31T00:00:00Z', 'April has 30 days'],
    ['2026-01-01T24:00:00Z', 'hour 24'],
    ['2026-01-01T12:60:00Z', 'minute 60'],
    ['2026-0a-01T12:00:00Z', 'a letter'],
  ])('%s (%s) is read as the general parser reads it', (s) => {
    expect(parseTimestamp(s)).toBe(parseIso(s));
  });

  it('leaves other forms to the general parser', () => {
    expect(parseTimestamp('2026-01-31T12:00:00+02:00')).toBe(Date.parse('2026-01-31T10:00:00Z'));
    expect(parseTimestamp(' 2026-01-31T12:00:00Z ')).toBe(Date.parse('2026-01-31T12:00:00Z'));
    expect(parseTimestamp('2026-01-31T12:00:00z')).toBe(Date.parse('2026-01-31T12:00:00Z'));
    expect(parseTimestamp('1767182400')).toBe(1767182400000);
  });
});

describe('number fast path agrees with the general reading', () => {
  it.each([
    ['0.8877', 0.8877],
    ['-3', -3],
    ['1e-5', 1e-5],
    [' 0.5 ', 0.5],
    ['', undefined],
    ['NaN', undefined],
    ['null', undefined],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['Infinity', Infinity],
  ])('%j → %s', (raw, want) => {
    expect(numberOf(raw)).toBe(want);
  });

  it('text that is no number stays unreadable (NaN)', () => {
    expect(numberOf('abc')).toBeNaN();
    expect(numberOf('1,5')).toBeNaN();
  });
});

describe('one cell of a plain CSV line', () => {
  it.each([
    ['a,b,c', 0, 'a'],
    ['a,b,c', 1, 'b'],
    ['a,b,c', 2, 'c'],
    ['a,b,c', 3, undefined],
    ['a,,c', 1, ''],
    ['2026-01-01T00:00:00Z,0.5', 0, '2026-01-01T00:00:00Z'],
    ['', 0, ''],
  ])('%j field %i → %j, as splitting reads it', (line, i, want) => {
    expect(plainCellAt(line, i)).toBe(want);
    expect(plainCellAt(line, i)).toBe(splitCsvLine(line)?.[i]);
  });
});
