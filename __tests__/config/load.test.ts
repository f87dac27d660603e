import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'mra-config-'));
mkdirSync(join(root, 'nb'));
writeFileSync(join(root, 'nb/train.ipynb'), '{}');

const valid = `model:
  name: reviews
metrics:
  source: file
  file: { path: metrics.csv }
  series:
    - name: confidence
  windows:
    current: { duration: 1d }
gate:
  checks:
    - series: confidence
      statistic: mean
      alert: 0.7
train:
  notebook: nb/train.ipynb
validate:
  primary: accuracy
  metrics:
    accuracy: { direction: higher }
publish:
  registry: registry
`;

const file = join(root, 'model-retrain.yml');
const parse = (text: string) => parseConfig(text, file, root);

describe('parseConfig', () => {
  it('fills defaults and keeps the file and root', () => {
    const c = parse(valid);
    expect(c.gate).toMatchObject({ min_samples: 30, on_warn: 'report', dry_run: false });
    expect(c.train).toMatchObject({ engine: 'auto', parameters: {}, gpu: false });
    expect(c.publish.alias).toBe('production');
    expect(c.file).toBe(file);
    expect(c.root).toBe(root);
    expect(c.trigger).toEqual(expect.any(Object));
  });

  it.each([
    ['an unknown top-level key', valid + 'extra: 1\n', 23, 'unknown key "extra"'],
    [
      'an unknown nested key',
      valid.replace('  checks:', '  chekcs: []\n  checks:'),
      11,
      'gate: unknown key "chekcs"',
    ],
    [
      'a wrong type',
      valid.replace('statistic: mean', 'statistic: 3'),
      13,
      'gate.checks[0].statistic: must be string',
    ],
    [
      'a bad enum',
      valid.replace('source: file', 'source: influx'),
      4,
      'metrics.source: must be one of "file", "datadog", "prometheus", "s3"',
    ],
    [
      'a bad duration',
      valid.replace('duration: 1d', 'duration: tomorrow'),
      9,
      'metrics.windows.current.duration: "tomorrow" is not a duration',
    ],
    [
      'a missing section',
      valid.replace(/publish:\n {2}registry: registry\n/, ''),
      1,
      'missing required key "publish"',
    ],
    [
      'a check on an unknown series',
      valid.replace('series: confidence\n      statistic', 'series: latency\n      statistic'),
      12,
      'unknown series "latency"',
    ],
    [
      'a missing notebook',
      valid.replace('nb/train.ipynb', 'nb/other.ipynb'),
      16,
      'notebook nb/other.ipynb not found',
    ],
    [
      'a primary metric without policy',
      valid.replace('primary: accuracy', 'primary: auc'),
      18,
      'primary metric "auc" has no policy',
    ],
    [
      'a check without thresholds',
      valid.replace('      alert: 0.7\n', ''),
      12,
      'set at least one of "warn" or "alert"',
    ],
    [
      'invalid YAML',
      valid.replace('model:\n  name: reviews', 'model:\n  name: [reviews'),
      3,
      'invalid YAML',
    ],
    [
      'a source without its section',
      valid.replace('  file: { path: metrics.csv }\n', ''),
      3,
      'no "file:" section',
    ],
  ])('rejects %s with the line and the field', (_name, text, line, message) => {
    let caught: unknown;
    try {
      parse(text);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UserError);
    const err = caught as UserError;
    expect(err.message).toContain(message);
    expect(err.where).toEqual({ file, line });
    expect(err.message.startsWith(`${file}:${line}: `)).toBe(true);
  });
});
