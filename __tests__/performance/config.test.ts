import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';

const root = mkdtempSync(join(tmpdir(), 'mra-perf-config-'));
mkdirSync(join(root, 'nb'));
writeFileSync(join(root, 'nb/train.ipynb'), '{}');

const performanceOnly = `model:
  name: churn
metrics:
  source: file
  predictions:
    log: logs/predictions.csv
    labels: logs/labels.csv
    task: binary
    score_column: score
    label_time_column: labelled_at
    segments: [country]
  windows:
    current: { duration: 1d }
    reference: { duration: 7d }
gate:
  decide_on: performance
  performance:
    - metric: accuracy
      min_coverage: 0.6
    - metric: roc_auc
      floor: 0.75
      segment: country
train:
  notebook: nb/train.ipynb
validate:
  primary: accuracy
  metrics:
    accuracy: { direction: higher }
publish:
  registry: registry
`;

const parse = (text: string) => parseConfig(text, join(root, 'model-retrain.yml'), root);

describe('config of performance checks', () => {
  it('a performance-only policy: no series, no drift checks, defaults filled', () => {
    const c = parse(performanceOnly);
    expect(c.metrics.series).toEqual([]);
    expect(c.gate.checks).toEqual([]);
    expect(c.metrics.predictions).toMatchObject({
      id_column: 'id',
      timestamp_column: 'timestamp',
      prediction_column: 'prediction',
      label_column: 'label',
      duplicate_labels: 'latest',
    });
    expect(c.gate.performance?.[0]).toMatchObject({ metric: 'accuracy', source: 'realized' });
  });

  it.each([
    [
      'an unknown metric',
      performanceOnly.replace('metric: accuracy', 'metric: acuracy'),
      /gate\.performance\[0\]\.metric/,
    ],
    [
      'a metric that needs scores without them',
      performanceOnly.replace('    score_column: score\n', ''),
      /roc_auc needs the model's scores: set metrics\.predictions\.score_column/,
    ],
    [
      'a segment that is not kept',
      performanceOnly.replace('segments: [country]', 'segments: [channel]'),
      /"country" is not one of metrics\.predictions\.segments \(channel\)/,
    ],
    [
      'a check that can never fire',
      performanceOnly.replace('    reference: { duration: 7d }\n', ''),
      /this check can never fire: without metrics\.windows\.reference it needs a floor/,
    ],
    [
      'a binary metric on a regression log',
      performanceOnly
        .replace('task: binary', 'task: regression')
        .replace('    score_column: score\n', ''),
      /accuracy does not apply to a regression model/,
    ],
    [
      'performance checks without a log',
      performanceOnly.replace(
        / {2}predictions:[\s\S]*?segments: \[country\]\n/,
        '  series: [{ name: x }]\n  file: { path: m.csv }\n',
      ),
      /performance checks need a prediction log/,
    ],
    [
      'nothing to check',
      performanceOnly.replace(
        / {2}decide_on: performance\n {2}performance:[\s\S]*?segment: country\n/,
        '  min_samples: 30\n',
      ),
      /no checks: add drift checks \(gate\.checks\) or performance checks/,
    ],
  ])('%s is an error naming the field', (_, text, message) => {
    expect(() => parse(text)).toThrow(message);
  });
});
