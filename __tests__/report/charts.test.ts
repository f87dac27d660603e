import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/gate/types.js';
import type { MetricsResult } from '../../src/metrics/types.js';
import { bucketMs, chartNumber, chartText, seriesChart } from '../../src/report/charts.js';
import { parseMermaidBlocks } from '../support/mermaid.js';

const H = 3_600_000;
const END = Date.parse('2026-11-23T00:00:00Z');

/** One window of 48 hourly samples; bucket b (2 h) holds values 10b and 10b + 1 (+ a NaN). */
function metrics(): MetricsResult {
  const t: number[] = [];
  const v: number[] = [];
  for (let h = 0; h < 48; h++) {
    t.push(END - 48 * H + h * H);
    v.push(10 * Math.floor(h / 2) + (h % 2));
  }
  t.push(END - H / 2);
  v.push(NaN);
  const series = {
    x: { name: 'x', timestamps: Float64Array.from(t), values: Float64Array.from(v) },
  };
  return {
    source: 'file',
    queries: [],
    current: { name: 'current', range: { start: END - 48 * H, end: END }, series },
    points: {},
    warnings: [],
  };
}

const check = (statistic: string): CheckResult => ({
  name: 'c',
  series: 'x',
  statistic,
  value: 1,
  op: '<',
  warn: 5,
  status: 'ok',
  samples: { current: 48 },
});

function line(mermaid: string, k: number): number[] {
  const lines = [...mermaid.matchAll(/^ {2}line \[(.*)\]$/gm)];
  return lines[k]![1]!.split(', ').map(Number);
}

describe('seriesChart', () => {
  it.each([
    ['mean', (b: number) => 10 * b + 0.5],
    ['min', (b: number) => 10 * b],
    ['max', (b: number) => 10 * b + 1],
    ['last', (b: number) => 10 * b + 1],
    ['median', (b: number) => 10 * b + 0.5],
    ['p90', (b: number) => 10 * b + 0.9],
  ])('draws the %s of each bucket, NaN left out', async (statistic, expected) => {
    const c = seriesChart('x', [check(statistic)], metrics())!;
    expect(c.mermaid).toContain(`title "x: ${statistic} per 2 h"`);
    const got = line(c.mermaid, 0);
    expect(got).toEqual(Array.from({ length: 24 }, (_, b) => Number(expected(b).toPrecision(6))));
    expect(line(c.mermaid, 1)).toEqual(Array(24).fill(5)); // the warn level
    expect(await parseMermaidBlocks(`\`\`\`mermaid\n${c.mermaid}\n\`\`\``)).toBe(1);
  });

  it('bridges an empty bucket and says so; one bucket alone draws nothing', () => {
    const m = metrics();
    const s = m.current.series.x!;
    const keep = Array.from(s.timestamps, (_, i) => i).filter(
      (i) =>
        !((s.timestamps[i] as number) >= END - 10 * H && (s.timestamps[i] as number) < END - 8 * H),
    );
    m.current.series.x = {
      name: 'x',
      timestamps: Float64Array.from(keep, (i) => s.timestamps[i] as number),
      values: Float64Array.from(keep, (i) => s.values[i] as number),
    };
    const c = seriesChart('x', [check('mean')], m)!;
    expect(c.caption).toContain('1 empty bucket bridged by a straight line');
    expect(line(c.mermaid, 0)[19]).toBe((line(c.mermaid, 0)[18]! + line(c.mermaid, 0)[20]!) / 2);
    m.current.series.x = {
      name: 'x',
      timestamps: Float64Array.of(END - H),
      values: Float64Array.of(1),
    };
    expect(seriesChart('x', [check('mean')], m)).toBeNull();
  });
});

describe('chart text and numbers', () => {
  it.each([
    ['a "quoted" name', 'a quoted name'],
    ['%%{init: evil}%%', 'init: evil'],
    ['x<script>y', 'x script y'],
    ['line\nbreak', 'line break'],
  ])('chartText(%j) = %j', (input, expected) => expect(chartText(input)).toBe(expected));

  it.each([
    [1e-7, '0.0000001'],
    [123456789012, '123457000000'],
    [0.1 + 0.2, '0.3'],
    [-2.5, '-2.5'],
  ])('chartNumber(%d) = %s, never an exponent', (v, expected) =>
    expect(chartNumber(v)).toBe(expected),
  );

  it.each([
    [H, 300_000],
    [8 * 24 * H, 6 * H],
    [400 * 24 * H, 14 * 24 * H],
  ])('bucketMs(%d) = %d (at most 36 buckets)', (span, step) => expect(bucketMs(span)).toBe(step));
});
