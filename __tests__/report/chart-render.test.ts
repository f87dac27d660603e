/**
 * The drift chart as a person sees it: the summary's series chart rendered by Mermaid in
 * headless Chromium (scripts/render-summary.mjs), its drawing compared with the data. The
 * shaded current window must sit on the line, bucket by bucket, one bar per bucket, inside the
 * axis. The screenshot stays in .tmp/chart-screenshots (or $CHART_SCREENSHOTS).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/gate/types.js';
import type { MetricsResult } from '../../src/metrics/types.js';
import { chartMarkdown, seriesChart } from '../../src/report/charts.js';
import { repoRoot } from '../support/python.js';

const SHOTS = process.env.CHART_SCREENSHOTS ?? join(repoRoot, '.tmp', 'chart-screenshots');
const H = 3_600_000;
// Not on a bucket edge: wall-clock buckets would put the last point after the window's end.
const END = Date.parse('2026-11-23T10:17:00Z');

/** Ten-minute samples: a reference week near 0.85, then a current day that sinks to 0.61. */
export function demoMetrics(): MetricsResult {
  const make = (start: number, hours: number, level: (h: number) => number) => {
    const n = hours * 6;
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      timestamps[i] = start + (i * H) / 6;
      values[i] = level(i / 6) + ((i * 7919) % 11) / 400;
    }
    return { name: 'confidence', timestamps, values };
  };
  return {
    source: 'file',
    queries: [],
    points: {},
    warnings: [],
    reference: {
      name: 'reference',
      range: { start: END - 8 * 24 * H, end: END - 24 * H },
      series: { confidence: make(END - 8 * 24 * H, 7 * 24, () => 0.85) },
    },
    current: {
      name: 'current',
      range: { start: END - 24 * H, end: END },
      series: { confidence: make(END - 24 * H, 24, (h) => 0.8 - (0.2 * h) / 24) },
    },
  };
}

const CHECK: CheckResult = {
  name: 'mean confidence',
  series: 'confidence',
  statistic: 'mean',
  value: 0.7,
  op: '<',
  warn: 0.8,
  alert: 0.7,
  status: 'alert',
  samples: { current: 144 },
};

const series = (mermaid: string, kind: 'bar' | 'line', k = 0): number[] =>
  [...mermaid.matchAll(new RegExp(`^ {2}${kind} \\[(.*)\\]$`, 'gm'))]
    [k]![1]!.split(', ')
    .map(Number);

interface Drawn {
  bars: { x: number; y: number; width: number; height: number }[][];
  lines: { x: number; y: number }[][];
  axis: { from: number; to: number } | null;
  labels: string[];
}

describe('the drift chart', () => {
  const chart = seriesChart('confidence', [CHECK], demoMetrics())!;
  const line = series(chart.mermaid, 'line');
  const bar = series(chart.mermaid, 'bar');
  const floor = Number(/y-axis "[^"]*" (\S+) -->/.exec(chart.mermaid)![1]);

  it('shades the current window with the line’s own values, bucket by bucket', () => {
    expect(bar).toHaveLength(line.length);
    // 8 days in 6 h buckets counted back from the window's end: 28 reference, 4 current.
    expect(line).toHaveLength(32);
    const current = bar.map((v, i) => (v !== floor ? i : -1)).filter((i) => i >= 0);
    expect(current).toEqual([28, 29, 30, 31]);
    for (const i of current) expect(bar[i], `bucket ${i}`).toBe(line[i]);
    expect(chart.caption).toContain('shaded: the current window (last 4 buckets)');
  });

  let drawn: Drawn;
  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
    const md = join(SHOTS, 'drift-chart.md');
    writeFileSync(md, `${chartMarkdown(chart)}\n`);
    const r = spawnSync(
      process.execPath,
      [join(repoRoot, 'scripts/render-summary.mjs'), '--out', SHOTS, md],
      { encoding: 'utf8', timeout: 240_000 },
    );
    const out = r.stdout.split('\n').find((l) => l.startsWith('{'));
    if (!out) throw new Error(`render-summary.mjs: ${r.stderr}\n${r.stdout}`);
    const status = JSON.parse(out) as { errors: string[]; charts: Drawn[] };
    expect(status.errors).toEqual([]);
    drawn = status.charts[0]!;
  }, 300_000);

  it('in Chromium: one bar per bucket on the line’s point, none overlapping, inside the axis', () => {
    const [shade] = drawn.bars;
    const [points] = drawn.lines;
    expect(shade).toHaveLength(line.length);
    expect(points).toHaveLength(line.length);
    // Outside the current window every bar has the axis floor's height (Mermaid insets the
    // axis by half a label, so it shows as a low strip); inside, each rises to the line.
    const floorY = shade![0]!.y;
    const tall = shade!
      .map((b, i) => (Math.abs(b.y - floorY) > 0.5 ? i : -1))
      .filter((i) => i >= 0);
    expect(tall).toEqual([28, 29, 30, 31]);
    for (const p of points!) expect(p.y).toBeLessThanOrEqual(floorY + 0.5);
    for (const i of tall) {
      const b = shade![i]!;
      const p = points![i]!;
      // The bar is centred on the bucket's point and its top is the line's value there.
      expect(Math.abs(b.x + b.width / 2 - p.x), `bucket ${i} x`).toBeLessThan(0.5);
      expect(Math.abs(b.y - p.y), `bucket ${i} y`).toBeLessThan(0.5);
    }
    for (let i = 1; i < shade!.length; i++) {
      const gap = points![i]!.x - points![i - 1]!.x;
      expect(shade![i]!.width).toBeLessThan(gap);
      expect(shade![i - 1]!.x + shade![i - 1]!.width).toBeLessThanOrEqual(shade![i]!.x);
    }
    expect(drawn.axis).not.toBeNull();
    expect(shade![0]!.x).toBeGreaterThanOrEqual(drawn.axis!.from);
    const last = shade![shade!.length - 1]!;
    expect(last.x + last.width).toBeLessThanOrEqual(drawn.axis!.to);
    // The visible labels count back from the window's end in days; the last bucket ends there.
    expect(drawn.labels.filter((l) => /\d/.test(l))).toEqual([
      '-8 d',
      '-7 d',
      '-6 d',
      '-5 d',
      '-4 d',
      '-3 d',
      '-2 d',
      '-1 d',
    ]);
  });
});
