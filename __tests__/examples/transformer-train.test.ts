import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainResult } from '../../src/train/types.js';
import { pythonBin } from '../support/python.js';
import { readRecords } from './csv.js';
import { train } from './notebook.js';
import { exampleSmoke } from './smoke.js';

const NOTEBOOK = 'examples/transformer/train.ipynb';
// requirements-dev.txt (tests only, not the demo) installs torch (the CPU wheel is enough); without it there is nothing to run.
const hasTorch = spawnSync(pythonBin(), ['-c', 'import torch']).status === 0;

/** A configuration small enough for a CPU in a test; one thread, since CI cores are shared. */
const TINY = {
  n_train: 1500,
  n_holdout: 500,
  d_model: 32,
  n_heads: 2,
  layers: 1,
  ff_dim: 64,
  epochs: 8,
  lr: 0.003,
  batch_size: 64,
  cpu_threads: 1,
  device: 'cpu',
};

describe.skipIf(!hasTorch)('examples/transformer/train.ipynb (tiny, on CPU)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'examples-transformer-'));
  const healthyDir = join(scratch, 'healthy');
  const driftDir = join(scratch, 'drift');
  let healthy: TrainResult;
  let drift: TrainResult;
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  beforeAll(async () => {
    healthy = await train(NOTEBOOK, healthyDir, TINY, null, 't1');
    drift = await train(
      NOTEBOOK,
      driftDir,
      { ...TINY, drift: true },
      join(healthyDir, 'model'),
      't2',
    );
  }, 300_000);

  it('the configured smoke check loads the state dict and runs a batch on CPU', async () => {
    const smoke = await exampleSmoke(
      'examples/transformer/model-retrain.yml',
      healthy.modelDir,
      healthy.outputDir,
    );
    expect(smoke.reason).toMatch(/^passed/);
    expect(smoke.output).toContain('ok: a batch of 10 reviews on CPU through');
  });

  it('a state dict that no longer fits the serving code fails the smoke check', async () => {
    const broken = join(scratch, 'broken-model');
    cpSync(healthy.modelDir, broken, { recursive: true });
    // Training and serving disagree on the width: the strict load must refuse it.
    const config = JSON.parse(readFileSync(join(broken, 'config.json'), 'utf8')) as Record<
      string,
      number
    >;
    writeFileSync(
      join(broken, 'config.json'),
      JSON.stringify({ ...config, ff_dim: (config.ff_dim ?? 64) * 2 }),
    );
    const smoke = await exampleSmoke('examples/transformer/model-retrain.yml', broken, scratch);
    expect(smoke.passed).toBe(false);
    expect(smoke.output).toMatch(/size mismatch for encoder\.layers\.0\.linear1\.weight/);
  });

  it('cold start: learns the task and writes state dict, vocabulary and config', () => {
    const m = healthy.metrics;
    expect(Object.keys(m.challenger).sort()).toEqual(['accuracy', 'f1_macro', 'mean_confidence']);
    expect(m.champion).toBeUndefined();
    expect(m.challenger.accuracy).toBeGreaterThan(0.85);
    expect(healthy.files.map((f) => f.path)).toEqual([
      'metrics.json',
      'model/config.json',
      'model/info.json',
      'model/labels.json',
      'model/model.pt',
      'model/vocab.json',
      'predictions.csv',
    ]);
    const config = JSON.parse(readFileSync(join(healthyDir, 'model/config.json'), 'utf8'));
    expect(config).toMatchObject({ d_model: 32, layers: 1, n_heads: 2, n_classes: 6 });
    const vocab = JSON.parse(readFileSync(join(healthyDir, 'model/vocab.json'), 'utf8'));
    expect(vocab.slice(0, 2)).toEqual(['<pad>', '<unk>']);
    expect(vocab).toHaveLength(config.vocab_size);
    const info = JSON.parse(readFileSync(join(healthyDir, 'model/info.json'), 'utf8'));
    expect(info).toMatchObject({ device: 'cpu', gpu: null, epochs: 8 });
    const { header, records } = readRecords(
      readFileSync(join(healthyDir, 'predictions.csv'), 'utf8'),
    );
    expect(header).toEqual(['y_true', 'challenger']);
    expect(records).toHaveLength(500);
  });

  it('after drift: the champion, rebuilt from its files, loses to the retrained model', () => {
    const m = drift.metrics;
    expect(m.champion).toBeDefined();
    expect(m.challenger.accuracy! - m.champion!.accuracy!).toBeGreaterThan(0.25);
    // No assertion on confidence: unlike the linear model, the transformer stays confident on
    // reviews made of unknown words (see examples/transformer/README.md).
    const { header, records } = readRecords(
      readFileSync(join(driftDir, 'predictions.csv'), 'utf8'),
    );
    expect(header).toEqual(['y_true', 'challenger', 'champion']);
    const championHits = records.filter((r) => r.champion === r.y_true).length;
    expect(championHits / records.length).toBeCloseTo(m.champion!.accuracy!, 10);
  });
});
