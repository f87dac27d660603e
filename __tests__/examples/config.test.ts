import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { repoRoot } from '../support/python.js';

describe('example configs', () => {
  it('examples/reviews/model-retrain.yml loads and points at committed files', () => {
    const config = loadConfig('examples/reviews/model-retrain.yml', repoRoot);
    expect(config.model.name).toBe('reviews');
    expect(config.metrics.source).toBe('file');
    expect(existsSync(resolve(repoRoot, config.metrics.file!.path))).toBe(true);
    expect(config.gate.checks).toEqual([
      expect.objectContaining({ series: 'confidence', statistic: 'mean', warn: 0.8, alert: 0.7 }),
    ]);
    expect(config.train.notebook).toBe('examples/reviews/train.ipynb');
    expect(config.validate.primary).toBe('accuracy');
    expect(Object.keys(config.validate.metrics).sort()).toEqual(['accuracy', 'f1_macro']);
    expect(config.publish).toMatchObject({ registry: '.demo/registry', alias: 'production' });
  });

  it('examples/reviews/model-retrain-performance.yml: a performance-only policy on committed logs', () => {
    const config = loadConfig('examples/reviews/model-retrain-performance.yml', repoRoot);
    expect(config.gate.decide_on).toBe('performance');
    expect(config.gate.performance?.map((c) => c.metric)).toEqual(['accuracy', 'roc_auc']);
    const log = config.metrics.predictions!;
    expect(existsSync(resolve(repoRoot, log.log))).toBe(true);
    expect(existsSync(resolve(repoRoot, log.labels))).toBe(true);
  });

  it('examples/transformer/model-retrain.yml loads and asks for a GPU', () => {
    const config = loadConfig('examples/transformer/model-retrain.yml', repoRoot);
    expect(config.model.name).toBe('reviews-transformer');
    expect(config.train).toMatchObject({ notebook: 'examples/transformer/train.ipynb', gpu: true });
    expect(config.train.parameters).toMatchObject({ d_model: 128, layers: 4, epochs: 8 });
    expect(existsSync(resolve(repoRoot, config.metrics.file!.path))).toBe(true);
  });
});
