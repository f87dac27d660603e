import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { MetricsConfig } from '../../src/metrics/config.js';
import { fetchMetrics } from '../../src/metrics/index.js';
import { evaluateGate } from '../../src/gate/index.js';
import { gate, input } from '../gate/helpers.js';
import { arr, repoWith, testContext } from './context.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'metrics');
const HOURS = [18, 19, 20, 21, 22, 23].map((h) => Date.parse(`2026-02-28T${h}:00:00Z`));
const SCORES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
const LABELS = ['cat', 'dog', 'cat', 'bird, small', 'dog', 'cat'];

function config(
  path: string,
  extra: Partial<MetricsConfig> = {},
  file: Partial<NonNullable<MetricsConfig['file']>> = {},
): MetricsConfig {
  return {
    source: 'file',
    series: [{ name: 'score' }, { name: 'label', categorical: true }],
    windows: { end: 'now', current: { duration: '3h' }, reference: { duration: '3h' } },
    file: { path, ...file },
    ...extra,
  };
}

const wideCsv = [
  'timestamp,score,label',
  ...HOURS.map((t, i) => `${new Date(t).toISOString()},${SCORES[i]},"${LABELS[i]}"`),
].join('\n');
const longCsv = [
  'timestamp,series,value',
  ...HOURS.flatMap((t, i) => [
    `${t / 1000},score,${SCORES[i]}`,
    `${t / 1000},label,"${LABELS[i]}"`,
  ]),
].join('\r\n');
const records = HOURS.map((t, i) => ({ timestamp: t, score: SCORES[i], label: LABELS[i] }));
const longRecords = HOURS.flatMap((t, i) => [
  { timestamp: new Date(t).toISOString(), series: 'score', value: SCORES[i] },
  { timestamp: new Date(t).toISOString(), series: 'label', value: LABELS[i] },
]);

describe('file source: layouts and formats give the same windows', () => {
  it.each([
    ['wide CSV, ISO timestamps', 'm.csv', wideCsv],
    ['long CSV, epoch seconds, CRLF', 'm.csv', longCsv],
    ['JSON array, epoch milliseconds', 'm.json', JSON.stringify(records, null, 2)],
    ['JSON array, long layout', 'm.json', JSON.stringify(longRecords)],
    ['JSONL', 'm.jsonl', records.map((r) => JSON.stringify(r)).join('\n') + '\n'],
    ['JSONL, long layout', 'm.ndjson', longRecords.map((r) => JSON.stringify(r)).join('\n')],
    ['gzipped CSV', 'm.csv.gz', gzipSync(wideCsv)],
    ['gzipped JSON', 'm.json.gz', gzipSync(JSON.stringify(records))],
  ])('%s', async (_name, file, body) => {
    const { ctx } = testContext({
      root: repoWith({ [file]: body }),
      now: '2026-03-01T00:00:00Z',
    });
    const res = await fetchMetrics(config(file), ctx);
    expect(res.source).toBe('file');
    expect(arr(res.current.series.score!.timestamps)).toEqual(HOURS.slice(3));
    expect(arr(res.current.series.score!.values)).toEqual(SCORES.slice(3));
    expect(res.current.series.label!.labels).toEqual(LABELS.slice(3));
    expect(arr(res.reference!.series.score!.values)).toEqual(SCORES.slice(0, 3));
    expect(res.reference!.series.label!.labels).toEqual(LABELS.slice(0, 3));
    expect(res.points).toEqual({
      score: { current: 3, reference: 3 },
      label: { current: 3, reference: 3 },
    });
    expect(res.current.range).toEqual({ start: HOURS[3], end: Date.parse('2026-03-01T00:00:00Z') });
    expect(res.warnings).toEqual([]);
  });
});

describe('file source: options', () => {
  it('reads a named column, a custom timestamp column and an explicit format', async () => {
    const body =
      'when;ignored\n'.replace(';ignored', '') + HOURS.map((t, i) => `${t},${i * 10}`).join('\n');
    const root = repoWith({ 'data.txt': `when,lat\n${body.split('\n').slice(1).join('\n')}` });
    const { ctx } = testContext({ root });
    const res = await fetchMetrics(
      config(
        'data.txt',
        { series: [{ name: 'latency', column: 'lat' }] },
        { format: 'csv', timestamp_column: 'when' },
      ),
      ctx,
    );
    expect(arr(res.current.series.latency!.values)).toEqual([30, 40, 50]);
    expect(res.queries).toEqual([{ series: 'latency', query: 'data.txt [lat]' }]);
  });

  it('keeps empty cells as missing samples and reads the checked-in fixture', async () => {
    const { ctx } = testContext({ root: fixtures });
    const res = await fetchMetrics(
      config('predictions.csv', {
        series: [
          { name: 'latency', column: 'latency_ms' },
          { name: 'label', categorical: true },
        ],
        windows: { current: { duration: '6h' } },
      }),
      ctx,
    );
    expect(arr(res.current.series.latency!.values)).toEqual([12, 15, NaN, 11, 14, 13]);
    expect(res.current.series.label!.labels).toEqual(LABELS);
    expect(res.reference).toBeUndefined();
    // Points count the samples that carry a value.
    expect(res.points).toEqual({ latency: { current: 5 }, label: { current: 6 } });
  });

  it('anchors windows at the newest sample with end: latest', async () => {
    const { ctx } = testContext({
      root: repoWith({ 'm.csv': wideCsv }),
      now: '2027-01-01T00:00:00Z',
    });
    const res = await fetchMetrics(
      config('m.csv', {
        windows: {
          end: 'latest',
          current: { duration: '2h' },
          reference: { duration: '1h', offset: '3h' },
        },
      }),
      ctx,
    );
    expect(arr(res.current.series.score!.values)).toEqual([0.5, 0.6]);
    expect(res.current.range.end).toBe(HOURS[5]! + 1);
    expect(arr(res.reference!.series.score!.values)).toEqual([0.3]);
  });

  it('fills overlapping windows from one pass (offset shorter than the current window)', async () => {
    const { ctx } = testContext({ root: repoWith({ 'm.csv': wideCsv }) });
    const res = await fetchMetrics(
      config('m.csv', {
        windows: { current: { duration: '3h' }, reference: { duration: '3h', offset: '1h' } },
      }),
      ctx,
    );
    expect(arr(res.current.series.score!.values)).toEqual([0.4, 0.5, 0.6]);
    expect(arr(res.reference!.series.score!.values)).toEqual([0.3, 0.4, 0.5]);
  });

  it('anchors windows at an ISO end', async () => {
    const { ctx } = testContext({ root: repoWith({ 'm.csv': wideCsv }) });
    const res = await fetchMetrics(
      config('m.csv', { windows: { end: '2026-02-28T21:00:00Z', current: { duration: '2h' } } }),
      ctx,
    );
    expect(arr(res.current.series.score!.values)).toEqual([0.2, 0.3]);
  });
});

describe('file source: missing data is empty, never a crash', () => {
  it.each([
    [
      'window before the data',
      { end: '2020-01-01T00:00:00Z', current: { duration: '1h' }, reference: { duration: '1h' } },
      wideCsv,
      [],
    ],
    ['header only', undefined, 'timestamp,score,label\n', []],
  ])('%s', async (_name, windows, body, specific) => {
    const { ctx, warnings: logged } = testContext({ root: repoWith({ 'm.csv': body }) });
    const res = await fetchMetrics(config('m.csv', windows ? { windows } : {}), ctx);
    expect(res.current.series.score!.timestamps.length).toBe(0);
    expect(res.current.series.label!.labels).toEqual([]);
    expect(res.points.score).toEqual({ current: 0, reference: 0 });
    expect(logged).toEqual([]); // the caller shows warnings; fetchMetrics only returns them
    expect(
      res.warnings.some((w) => w.includes('series "score" has no samples in the current window')),
    ).toBe(true);
    for (const s of specific) expect(res.warnings.some((w) => w.startsWith(s))).toBe(true);
  });

  it('says where it looked when a window is empty', async () => {
    const { ctx } = testContext({ root: repoWith({ 'm.csv': 'timestamp,score,label\n' }) });
    const res = await fetchMetrics(config('m.csv'), ctx);
    expect(res.warnings.find((w) => w.includes('"score" has no samples'))).toMatch(
      /looked in file m\.csv \[score\]/,
    );
  });

  it('latest over a file with no rows falls back to now with a warning', async () => {
    const { ctx } = testContext({ root: repoWith({ 'm.jsonl': '\n' }) });
    const res = await fetchMetrics(
      config('m.jsonl', { windows: { end: 'latest', current: { duration: '1h' } } }),
      ctx,
    );
    expect(res.current.range.end).toBe(Date.parse('2026-03-01T00:00:00Z'));
    expect(res.warnings[0]).toMatch(/"latest" but the file source has no samples/);
  });
});

describe('file source: malformed input names the file and line', () => {
  it.each([
    [
      'bad timestamp',
      'm.csv',
      'timestamp,score\n2026-02-28T23:00:00Z,1\nlast tuesday,2',
      'm.csv:3: timestamp "last tuesday" in "timestamp" is neither ISO-8601',
      3,
    ],
    [
      'non-numeric value',
      'm.csv',
      'timestamp,score\n2026-02-28T23:00:00Z,high',
      'm.csv:2: "score" holds "high", not a number; fix the value or mark series "score" categorical: true',
      2,
    ],
    [
      'unterminated quote',
      'm.csv',
      'timestamp,score\n2026-02-28T23:00:00Z,"1',
      'm.csv:2: unterminated quote',
      2,
    ],
    [
      'no timestamp column',
      'm.csv',
      'time,score\n1,2',
      'm.csv:1: no "timestamp" column in the header (columns: time, score)',
      1,
    ],
    ['empty CSV', 'm.csv', '', 'm.csv: the file is empty; expected a CSV header row', undefined],
    [
      'broken JSONL line',
      'm.jsonl',
      '{"timestamp": 1772315000, "score": 1}\n{"timestamp": 17',
      'm.jsonl:2: not valid JSON',
      2,
    ],
    [
      'JSONL array item',
      'm.jsonl',
      '[1,2]',
      'm.jsonl:1: expected a JSON object per record, got [1,2]',
      1,
    ],
    [
      'JSON record without timestamp',
      'm.json',
      '[\n {"timestamp": 1772315000, "score": 1},\n {"score": 2}\n]',
      'm.json:3: record has no "timestamp" field (fields: score)',
      3,
    ],
    [
      'JSON value of the wrong type',
      'm.json',
      '[\n\n {"timestamp": 1772315000, "score": {"x": 1}}]',
      'm.json:3: "score" holds {"x":1}, not a number',
      3,
    ],
    [
      'JSON that is not an array',
      'm.json',
      '{"score": [1]}',
      'm.json: expected a JSON array of records',
      1,
    ],
    [
      'JSON syntax error',
      'm.json',
      '[\n{"timestamp": 1,\n"score": }\n]',
      'm.json:3: not valid JSON',
      3,
    ],
  ])('%s', async (_name, file, body, message, line) => {
    const { ctx } = testContext({ root: repoWith({ [file]: body }), now: '2026-03-01T00:00:00Z' });
    const err = await fetchMetrics(
      config(file, { series: [{ name: 'score' }], windows: { current: { duration: '3d' } } }),
      ctx,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain(message);
    expect((err as UserError).where).toEqual({ file, ...(line ? { line } : {}) });
  });

  it.each([
    ['missing file', 'nope.csv', /metrics.file.path: "nope.csv" is not a readable file/],
    [
      'unknown extension',
      'm.xlsx',
      /metrics.file.format: cannot tell the format of "m.xlsx" from its name; name it .csv, .json, .jsonl or .parquet/,
    ],
  ])('%s', async (_name, path, message) => {
    const { ctx } = testContext({ root: repoWith({}) });
    await expect(fetchMetrics(config(path), ctx)).rejects.toThrow(message);
  });
});

describe('file source: missing cells reach the gate', () => {
  it('blank and "nan" cells in the current window make missing_rate alert', async () => {
    // 1200 minutes per window (alerts need 1000 samples); a third of the current window's scores and labels are blank.
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    const rows = ['timestamp,score,label'];
    for (let i = 0; i < 2400; i++) {
      const current = i >= 1200;
      const blank = current && i % 3 === 0;
      const score = blank ? (i % 2 ? '' : 'nan') : String((i % 17) / 17);
      const label = blank ? '' : ['cat', 'dog'][i % 2];
      rows.push(`${new Date(t0 + i * 60_000).toISOString()},${score},${label}`);
    }
    const { ctx } = testContext({
      root: repoWith({ 'm.csv': rows.join('\n') }),
      now: new Date(t0 + 2400 * 60_000).toISOString(),
    });
    const res = await fetchMetrics(
      config('m.csv', {
        windows: { end: 'now', current: { duration: '1200m' }, reference: { duration: '1200m' } },
      }),
      ctx,
    );
    const report = evaluateGate(
      gate([
        { series: 'score', statistic: 'missing_rate' },
        { series: 'label', statistic: 'missing_rate' },
        { series: 'score', statistic: 'mean', warn: 10 },
      ]),
      input(res),
    );
    const [score, label, mean] = report.checks;
    expect(score).toMatchObject({ status: 'alert', detail: { missing_reference: 0 } });
    expect(score!.value).toBeCloseTo(400 / 1200, 12);
    expect(label).toMatchObject({ status: 'alert' });
    expect(label!.value).toBeCloseTo(400 / 1200, 12);
    // Other statistics see only the values that are there.
    expect(mean!.samples.current).toBe(1200 - 400);
    expect(res.points.score).toEqual({ current: 800, reference: 1200 });
    expect(res.points.label).toEqual({ current: 800, reference: 1200 });
  });
});

describe('file source: a column the data does not have is a config error', () => {
  it.each([
    [
      'CSV header',
      'm.csv',
      'timestamp,other,label\n2026-02-28T23:00:00Z,1,cat',
      /column "score" \(columns: other, label\)/,
    ],
    [
      'JSONL fields',
      'm.jsonl',
      '{"timestamp": 1772319600000, "other": 1, "label": "cat"}\n',
      /column "score" \(columns: other, label\)/,
    ],
    [
      'long layout',
      'm.csv',
      'timestamp,series,value\n1772319600,other,1\n1772319600,label,cat',
      /series name "score" \(series names: other, label\)/,
    ],
  ])('%s', async (_name, file, body, message) => {
    const { ctx } = testContext({ root: repoWith({ [file]: body }), now: '2026-03-01T00:00:00Z' });
    const err = await fetchMetrics(config(file), ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/^metrics\.series "score": m\.\w+ has no/);
    expect((err as Error).message).toMatch(message);
  });
});
