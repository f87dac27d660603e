import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotebookMetrics, TrainResult } from '../../src/train/types.js';
import { pythonBin, repoRoot } from '../support/python.js';
import { readRecords } from './csv.js';
import { train, trainingFailure } from './notebook.js';
import { exampleSmoke } from './smoke.js';

const NOTEBOOK = 'examples/reviews/train.ipynb';
const METRICS = ['accuracy', 'f1_macro', 'mean_confidence'];
const SIZE = { n_train: 2000, n_holdout: 600 };
const scratch = mkdtempSync(join(tmpdir(), 'examples-reviews-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function expectScores(scores: Record<string, number> | undefined): void {
  expect(Object.keys(scores ?? {}).sort()).toEqual([...METRICS].sort());
  for (const v of Object.values(scores ?? {})) {
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
}

/** Accuracy recomputed from predictions.csv, so metrics.json and the file must agree. */
function accuracyFromPredictions(dir: string, metrics: NotebookMetrics, column: string): number {
  const { records } = readRecords(readFileSync(join(dir, metrics.predictions!), 'utf8'));
  return records.filter((r) => r[column] === r.y_true).length / records.length;
}

describe('examples/reviews/train.ipynb', () => {
  const healthyDir = join(scratch, 'healthy');
  const driftDir = join(scratch, 'drift');
  let healthy: TrainResult;
  let drift: TrainResult;

  beforeAll(async () => {
    // Cold start on healthy data, then a retrain on drifted data with that model as champion.
    healthy = await train(NOTEBOOK, healthyDir, SIZE, null, 'r1');
    drift = await train(
      NOTEBOOK,
      driftDir,
      { ...SIZE, drift: true },
      join(healthyDir, 'model'),
      'r2',
    );
  }, 300_000);

  it('the configured smoke check loads model.joblib and predicts the sample file', async () => {
    const smoke = await exampleSmoke(
      'examples/reviews/model-retrain.yml',
      healthy.modelDir,
      healthy.outputDir,
    );
    expect(smoke.reason).toMatch(/^passed/);
    expect(smoke.passed).toBe(true);
    expect(smoke.output).toContain('ok: 10 reviews predicted by');
  });

  it('a model the serving code cannot load fails the smoke check, with its output', async () => {
    const broken = join(scratch, 'broken-model');
    mkdirSync(broken, { recursive: true });
    // A pickle that names a class which no longer exists.
    execFileSync(pythonBin(), [
      '-c',
      `import pickle, sys, types; m = types.ModuleType("gone_module"); sys.modules["gone_module"] = m
class Old: pass
Old.__module__ = "gone_module"; m.Old = Old
pickle.dump(Old(), open(${JSON.stringify(join(broken, 'model.joblib'))}, "wb"))`,
    ]);
    writeFileSync(join(broken, 'labels.json'), '["a"]');
    const smoke = await exampleSmoke('examples/reviews/model-retrain.yml', broken, scratch);
    expect(smoke.passed).toBe(false);
    expect(smoke.reason).toBe('exited with code 1');
    expect(smoke.output).toMatch(/ModuleNotFoundError: No module named 'gone_module'/);
  });

  it('cold start: writes the model files, metrics.json and predictions.csv', () => {
    const m = healthy.metrics;
    expectScores(m.challenger);
    expect(m.champion).toBeUndefined();
    expect(m.challenger.accuracy).toBeGreaterThan(0.9);
    expect(m.predictions).toBe('predictions.csv');
    expect(healthy.files.map((f) => f.path)).toEqual([
      'metrics.json',
      'model/info.json',
      'model/labels.json',
      'model/model.joblib',
      'predictions.csv',
    ]);
    const { header, records } = readRecords(readFileSync(join(healthyDir, m.predictions!), 'utf8'));
    expect(header).toEqual(['y_true', 'challenger']);
    expect(records).toHaveLength(600);
    expect(accuracyFromPredictions(healthyDir, m, 'challenger')).toBeCloseTo(
      m.challenger.accuracy!,
      10,
    );
    expect(statSync(join(healthyDir, 'model/model.joblib')).size).toBeGreaterThan(1000);
    const labels = JSON.parse(readFileSync(join(healthyDir, 'model/labels.json'), 'utf8'));
    expect(labels).toHaveLength(6);
    const info = JSON.parse(readFileSync(join(healthyDir, 'model/info.json'), 'utf8'));
    expect(info).toMatchObject({ run_id: 'r1', model_name: 'reviews', data: { drift: false } });
  });

  it('after drift: the retrained model beats the champion on the same drifted holdout', () => {
    const m = drift.metrics;
    expectScores(m.challenger);
    expectScores(m.champion);
    expect(m.challenger.accuracy! - m.champion!.accuracy!).toBeGreaterThan(0.3);
    expect(m.challenger.f1_macro!).toBeGreaterThan(m.champion!.f1_macro!);
    // The old model knows it is lost: its confidence falls with its accuracy.
    expect(m.challenger.mean_confidence! - m.champion!.mean_confidence!).toBeGreaterThan(0.2);
    const { header, records } = readRecords(
      readFileSync(join(driftDir, 'predictions.csv'), 'utf8'),
    );
    expect(header).toEqual(['y_true', 'challenger', 'champion']);
    expect(records).toHaveLength(600);
    expect(accuracyFromPredictions(driftDir, m, 'champion')).toBeCloseTo(m.champion!.accuracy!, 10);
  });

  it('re-running a run reproduces its data, model and metrics', async () => {
    // champion_dir may also be a folder holding model/ (the other layout the notebook accepts).
    const again = await train(
      NOTEBOOK,
      join(scratch, 'again'),
      { ...SIZE, drift: true },
      healthyDir,
      'r2',
    );
    expect(again.metrics).toEqual(drift.metrics);
  });

  it.each([
    { as: 'a folder of CSV files', data: (dir: string) => dir },
    { as: 'one CSV file', data: (dir: string) => join(dir, 'reviews.csv') },
  ])('trains on data_dir given as $as', async ({ as, data }) => {
    const dataDir = join(scratch, `data-${as.length}`);
    mkdirSync(dataDir, { recursive: true });
    const csv = execFileSync(
      pythonBin(),
      [resolve(repoRoot, 'examples/reviews/generate.py'), '--n', '800', '--seed', '9'],
      { encoding: 'utf8' },
    );
    writeFileSync(join(dataDir, 'reviews.csv'), csv);
    const out = join(scratch, `from-data-${as.length}`);
    const run = await train(NOTEBOOK, out, { data_dir: data(dataDir), n_holdout: 1000 });
    // The holdout is capped at a quarter of the data.
    const { records } = readRecords(readFileSync(join(out, 'predictions.csv'), 'utf8'));
    expect(records).toHaveLength(200);
    expect(run.metrics.challenger.accuracy).toBeGreaterThan(0.8);
  });

  it('fails on the champion cell with a clear message when champion_dir holds no model', async () => {
    const empty = join(scratch, 'empty-champion');
    mkdirSync(empty, { recursive: true });
    const f = await trainingFailure(train(NOTEBOOK, join(scratch, 'bad'), { n_train: 300 }, empty));
    expect(f.kind).toBe('exception');
    expect(f.cell?.ename).toBe('FileNotFoundError');
    expect(f.cell?.evalue).toContain('holds no model.joblib');
  });
});
