/**
 * A prediction log kept as date-partitioned Parquet, through the bundle on Node 20 and 24:
 * the gate reads only the partitions of its windows and the summary says how much it read.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../support/action.js';
import { writeFixtures } from '../metrics/parquet/fixtures.js';
import { exampleConfig, makeWorkspace } from './workspace.js';

let lake: string;
beforeAll(() => {
  lake = join(writeFixtures(), 'lake-dt');
}, 120_000);

const metrics = `metrics:
  source: file
  series:
    - name: score
    - name: label
      categorical: true
  windows:
    end: latest
    current: { duration: 1d }
    reference: { duration: 2d }
  file:
    path: logs/predictions
gate:
  min_samples: 20
  checks:
    - name: mean score
      series: score
      statistic: mean
      direction: below
      warn: 0.3
      alert: 0.2
    - name: label mix
      series: label
      statistic: psi
      warn: 0.1
      alert: 0.25
train:`;

describe('Parquet prediction log, end to end', () => {
  it.each(['current', 'node24'] as const)('check mode on Node %s', async (node) => {
    const config = exampleConfig().replace(/^metrics:[\s\S]*?^train:/m, metrics);
    const ws = makeWorkspace(config);
    cpSync(lake, join(ws, 'logs/predictions'), { recursive: true });
    const res = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: { schedule: '0 * * * *' },
      inputs: { mode: 'check' },
      node,
    });
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      /metrics: logs\/predictions: opened 4 of 10 object\(s\) \([\d.]+ KiB fetched of [\d.]+ KiB\); 6 skipped by partition date/,
    );
    expect(res.summary).toMatch(/Data read: opened 4 of 10 object\(s\)/);
    const report = res.report as { metrics: { scan: { objectsSkipped: number; rows: number } } };
    expect(report.metrics.scan).toMatchObject({ objectsSkipped: 6, rows: 72 });
  });
});
