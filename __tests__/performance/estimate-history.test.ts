/**
 * Estimated against realized across runs, with a real registry on a local directory: daily
 * runs store their window's estimate; once labels arrive a later run fills in the realized
 * values; a concept drift (P(label | inputs) changed, the scores did not) shows as a persistent
 * gap, in the run report and the summary, whose chart Mermaid's parser accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { GateConfig } from '../../src/gate/config.js';
import { estimateHistoryStage } from '../../src/gate/estimate-history-stage.js';
import { evaluateGate } from '../../src/gate/index.js';
import type { MetricsResult } from '../../src/metrics/types.js';
import { trainingOverlap } from '../../src/performance/estimate/history.js';
import { mulberry32 } from '../../src/performance/intervals.js';
import { LogJoin } from '../../src/performance/join.js';
import { openRegistry } from '../../src/registry/index.js';
import { renderEstimatesMarkdown } from '../../src/report/estimates.js';
import { parseMermaidBlocks } from '../support/mermaid.js';
import { repoRoot } from '../support/python.js';
import { tempDir, testContext } from '../registry/helpers.js';

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 10, 1);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * The metrics of the run on day `today`: current window = that day, reference = the 7 days
 * before; labels arrive 3 days after the predictions. From day `driftFrom` on, labels follow σ(0.7·2x) instead of the
 * σ(2x) the scores say: accuracy falls about 5 points, the scores do not move.
 */
function metricsOn(today: number, driftFrom: number, perDay = 1500): MetricsResult {
  const current = { start: D0 + today * DAY, end: D0 + (today + 1) * DAY };
  const reference = { start: current.start - 7 * DAY, end: current.start };
  const join = new LogJoin({
    task: 'binary',
    span: { start: reference.start, end: current.end },
    scoreWidth: 1,
    segments: [],
    duplicateLabels: 'latest',
    positive: '1',
  });
  join.classCode('0');
  join.classCode('1');
  let id = 0;
  for (let d = today - 7; d <= today; d++) {
    // Same rows of a day in every run's log (seeded by the day), so windows agree across runs.
    const dayRand = mulberry32(1000 + d);
    for (let i = 0; i < perDay; i++) {
      const t = D0 + d * DAY + (DAY * i) / perDay;
      const x = Math.sqrt(-2 * Math.log(1 - dayRand())) * Math.cos(2 * Math.PI * dayRand());
      const p = sigmoid(2 * x);
      const truth = dayRand() < sigmoid((d >= driftFrom ? 0.7 : 1) * 2 * x) ? 1 : 0;
      join.addPrediction(id, t, p > 0.5 ? 1 : 0, [p], [], id + 2);
      if (d <= today - 3) join.addLabel(id, truth, t + 3 * DAY, id + 2);
      id++;
    }
  }
  return {
    source: 'predictions',
    queries: [],
    current: { name: 'current', range: current, series: {} },
    reference: { name: 'reference', range: reference, series: {} },
    predictions: join.result(),
    points: {},
    warnings: [],
  };
}

const config: GateConfig = {
  min_samples: 30,
  on_warn: 'report',
  dry_run: false,
  checks: [],
  performance: [{ metric: 'accuracy', source: 'estimated', floor: 0.6 }],
};

async function runOn(root: string, today: number, driftFrom: number, write = true) {
  const ctx = { ...testContext(root, `run-${today}`), now: () => new Date(D0 + (today + 1) * DAY) };
  const registry = openRegistry({ registry: 'registry', alias: 'production' }, 'churn', ctx);
  const metrics = metricsOn(today, driftFrom);
  const gate = evaluateGate(config, {
    metrics,
    trigger: {
      kind: 'schedule',
      event: 'schedule',
      reason: 'scheduled run',
      forced: false,
      inputs: {},
    },
    forced: false,
    dryRun: !write,
    championAgeMs: 1000,
  });
  return estimateHistoryStage(config, gate, metrics, null, registry, ctx, write);
}

const estimatesSchema = () => {
  const schema = JSON.parse(
    readFileSync(join(repoRoot, 'schema/run-report.schema.json'), 'utf8'),
  ) as { properties: { estimates: object } };
  return new Ajv({ strict: true, allowUnionTypes: true }).compile(schema.properties.estimates);
};

describe('estimated against realized across runs', () => {
  it('concept drift: the realized values fall below the stored intervals and the run says so', async () => {
    const root = await tempDir('estimate-history-');
    // Days 8–10: estimates stored while those days have no labels (drift starts on day 8).
    for (const day of [8, 9, 10]) {
      const r = await runOn(root, day, 8);
      expect(r!.stored).toBe(1);
    }
    // Day 13: days 8–10 are labelled now, inside this run's reference window.
    const r = (await runOn(root, 13, 8))!;
    expect(r.reconciled.map((x) => x.start.slice(0, 10))).toEqual([
      '2026-11-09',
      '2026-11-10',
      '2026-11-11',
    ]);
    expect(r.reconciled.every((x) => x.realized!.side === 'below')).toBe(true);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.message).toMatch(
      /realized accuracy fell below the estimate's interval in 3 of the last 3 windows.*concept drift/,
    );
    expect(estimatesSchema()(r)).toBe(true);
    const md = renderEstimatesMarkdown(r)!;
    expect(md).toMatch(
      /\| 2026-11-09 \| accuracy \| 0\.\d{3} \[0\.\d{3}, 0\.\d{3}\] \| 0\.\d{3} \(100 % labelled\) \| -0\.\d{3} \| below \|/,
    );
    expect(md).toMatch(/xychart-beta/);
    await parseMermaidBlocks(md);
    // A re-run of day 13 adds and reconciles nothing twice.
    const again = (await runOn(root, 13, 8))!;
    expect(again).toMatchObject({ stored: 0, reconciled: [] });
    expect(again.findings).toHaveLength(1);
  });

  it('no drift: the realized values fall inside the intervals and nothing is reported', async () => {
    const root = await tempDir('estimate-history-');
    for (const day of [8, 9, 10]) await runOn(root, day, 99);
    const r = (await runOn(root, 13, 99))!;
    expect(r.reconciled).toHaveLength(3);
    expect(r.reconciled.filter((x) => x.realized!.side === 'inside').length).toBeGreaterThanOrEqual(
      2,
    );
    expect(r.findings).toEqual([]);
  });

  it('a dry run reads the history and writes nothing', async () => {
    const root = await tempDir('estimate-history-');
    const dry = (await runOn(root, 8, 99, false))!;
    expect(dry).toMatchObject({ stored: 1, recorded: false });
    const next = (await runOn(root, 9, 99))!;
    expect(next.recent.map((x) => x.runId)).toEqual(['run-9']);
  });
});

describe('the reference overlapping the champion’s data window', () => {
  const windows = {
    current: { start: '2026-11-07T00:00:00.000Z', end: '2026-11-08T00:00:00.000Z' },
    reference: { start: '2026-10-31T00:00:00.000Z', end: '2026-11-07T00:00:00.000Z' },
  };
  it.each([
    [
      'inside it',
      Date.UTC(2026, 10, 3),
      Date.UTC(2026, 10, 10),
      /overlaps the data window of the run that trained version 4.*move metrics\.windows\.reference after 2026-11-08/,
    ],
    ['after it', Date.UTC(2026, 10, 8), Date.UTC(2026, 10, 15), null],
    ['no champion', Date.UTC(2026, 10, 3), Date.UTC(2026, 10, 10), null],
  ] as const)('%s', (name, start, end, message) => {
    const w = trainingOverlap(
      { start, end },
      name === 'no champion' ? null : { version: 4, windows },
    );
    if (message) expect(w).toMatch(message);
    else expect(w).toBeNull();
  });
});
