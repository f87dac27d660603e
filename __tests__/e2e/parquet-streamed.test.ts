/**
 * A Parquet log with more rows than gate.exact_max_samples, through the bundle: the metrics
 * stage streams both windows into summaries instead of holding them, every order statistic
 * says it is approximate and by how much, and the decision is the one the exact path takes on
 * the same data (the same log with the default limit).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../support/action.js';
import { pythonBin } from '../support/python.js';
import { exampleConfig, makeWorkspace } from './workspace.js';

interface Check {
  name: string;
  status: string;
  value: number | null;
  note?: string;
  detail?: Record<string, unknown>;
}
interface Report {
  decision: string;
  severity: string;
  gate: { checks: Check[]; decision: string };
  metrics: { scan: { summary: string; rows: number }; points: Record<string, unknown> };
}

let lake: string;
beforeAll(() => {
  lake = mkdtempSync(join(tmpdir(), 'mra-streamed-'));
  const script = resolve(import.meta.dirname, '..', 'fixtures', 'parquet', 'write_streamed_log.py');
  execFileSync(pythonBin(), [script, lake], { stdio: 'pipe', timeout: 120_000 });
}, 150_000);

const metrics = (limit: string) => `metrics:
  source: file
  series:
    - name: score
    - name: country
      categorical: true
  windows:
    end: latest
    current: { duration: 1d }
    reference: { duration: 7d }
  file:
    path: logs/predictions
gate:
  min_samples: 100${limit}
  checks:
    - { name: score ks, series: score, statistic: ks }
    - { name: score drift, series: score, statistic: wasserstein_normed, warn: 0.1, alert: 0.2 }
    - { name: score psi, series: score, statistic: psi, warn: 0.05, alert: 0.25 }
    - { name: score auto, series: score, statistic: wasserstein_normed }
    - { name: score p95, series: score, statistic: p95, direction: above, warn: 2.5, alert: 3.5 }
    - { name: country mix, series: country, statistic: psi }
train:`;

async function run(limit: string) {
  const config = exampleConfig().replace(/^metrics:[\s\S]*?^train:/m, metrics(limit));
  const ws = makeWorkspace(config);
  cpSync(lake, join(ws, 'logs/predictions'), { recursive: true });
  const res = await runAction({
    workspace: ws,
    eventName: 'schedule',
    payload: { schedule: '0 * * * *' },
    inputs: { mode: 'check' },
  });
  expect(res.errors).toEqual([]);
  return { res, report: res.report as unknown as Report };
}

describe('Parquet log over gate.exact_max_samples, end to end', () => {
  it('streams, says what is approximate and by how much, and decides as the exact path does', async () => {
    const exact = await run('');
    const streamed = await run('\n  exact_max_samples: 2000');
    expect(streamed.res.stdout).toMatch(
      /metrics: windows streamed into summaries, over gate\.exact_max_samples \(2,000 rows; current 9,600, reference 67,200\)/,
    );
    expect(streamed.res.summary).toMatch(/Data read: .*windows streamed into summaries/);
    expect(exact.res.stdout).not.toMatch(/streamed into summaries/);
    // the charts are drawn from the summaries, and say so
    expect(streamed.res.summary).toMatch(/```mermaid[\s\S]*score: share per reference-decile bin/);
    expect(streamed.res.summary).toMatch(
      /streamed window \(more rows than gate\.exact_max_samples\)/,
    );
    const byName = (r: Report) => new Map(r.gate.checks.map((c) => [c.name, c]));
    const s = byName(streamed.report);
    const e = byName(exact.report);
    for (const name of ['score ks', 'score drift', 'score psi']) {
      const c = s.get(name) as Check;
      expect(c.detail).toMatchObject({ approximate: 'quantile sketch' });
      expect(Number(c.detail?.error_bound)).toBeGreaterThanOrEqual(0);
      const exactOne = e.get(name) as Check;
      expect(exactOne.detail?.approximate).toBeUndefined();
      const v = (x: Check) => (name === 'score ks' ? Number(x.detail?.statistic) : Number(x.value));
      expect(Math.abs(v(c) - v(exactOne))).toBeLessThanOrEqual(Number(c.detail?.error_bound));
    }
    expect(s.get('score auto')?.detail).toMatchObject({
      thresholds: 'auto',
      auto_draws_from: 'hour sketches',
    });
    expect(s.get('score p95')?.detail).toMatchObject({ approximate: 'quantile sketch' });
    // categories are counted, exactly
    expect(s.get('country mix')?.value).toBeCloseTo(e.get('country mix')?.value as number, 12);
    for (const [name, c] of e) expect([name, s.get(name)?.status]).toEqual([name, c.status]);
    expect(streamed.report.gate.decision).toBe(exact.report.gate.decision);
    expect(streamed.report.decision).toBe(exact.report.decision);
    expect(streamed.report.metrics.points).toEqual(exact.report.metrics.points);
  }, 240_000);
});
