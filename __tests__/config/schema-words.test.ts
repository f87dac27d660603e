import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/config/duration.js';
import { parseConfig } from '../../src/config/load.js';
import { closest, describePattern } from '../../src/config/words.js';

// Schema errors as a person reads them: the field, the bad value, what is allowed, a likely fix.
const root = mkdtempSync(join(tmpdir(), 'mra-words-'));
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
  min_samples: 30
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

function errorOf(text: string): string {
  try {
    parseConfig(text, join(root, 'model-retrain.yml'), root);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the config loaded');
}

describe('schema errors in plain words', () => {
  it.each([
    [
      'a misspelt key gets "did you mean"',
      valid.replace('min_samples', 'min_sample'),
      'gate: unknown key "min_sample" (did you mean "min_samples"?) (allowed: ',
    ],
    [
      'an unknown statistic lists the statistics, with the likely one',
      valid.replace('statistic: mean', 'statistic: avg'),
      'gate.checks[0].statistic: "avg" is not allowed; use one of mean, min, max, last, count, sum, median, pNN (a percentile, e.g. p95 or p99.9), pct_change, psi, ks, wasserstein, wasserstein_normed, js, chi2, missing_rate, scale, location (did you mean "mean"?)',
    ],
    [
      'a misspelt enum value',
      valid.replace('source: file', 'source: promethus'),
      'metrics.source: must be one of "file", "datadog", "prometheus", "s3"; got "promethus" (did you mean "prometheus"?)',
    ],
    [
      'a duration with a space repeats the value and shows the form',
      valid.replace('duration: 1d', 'duration: 1 day'),
      'metrics.windows.current.duration: "1 day" is not a duration; write a number and a unit with no space: 90s, 30m, 12h, 7d, 2w or 1h30m (or a number of seconds) (did you mean "1d"?)',
    ],
    [
      'a model name with a capital says what is allowed, no regex',
      valid.replace('name: reviews', 'name: Reviews'),
      'model.name: "Reviews" is not allowed; use only lowercase letters, digits, ".", "_" and "-", starting with a lowercase letter or a digit, at most 100 characters (did you mean "reviews"?)',
    ],
  ])('%s', (_label, text, message) => {
    const got = errorOf(text);
    expect(got).toContain(message);
    expect(got).not.toMatch(/\^|\$\)|\\d/); // no regex syntax
  });

  it('parseDuration outside the schema words its error the same way', () => {
    expect(() => parseDuration('12 hours', 'trigger.cooldown')).toThrow(
      'trigger.cooldown: "12 hours" is not a duration; write a number and a unit with no space: 90s, 30m, 12h, 7d, 2w or 1h30m (or a number of seconds) (did you mean "12h"?)',
    );
    expect(() => parseDuration('soon', 'x')).toThrow(/"soon" is not a duration; write/);
  });

  it.each([
    ['min_sample', ['min_samples', 'on_warn', 'checks'], 'min_samples'],
    ['avg', ['mean', 'max'], 'mean'],
    ['chekcs', ['checks', 'min_samples'], 'checks'],
    ['xyz', ['mean', 'max'], undefined],
  ])('closest(%s)', (value, allowed, expected) => {
    expect(closest(value, allowed)).toBe(expected);
  });

  it.each([
    ['^https?://', 'a URL starting with http:// or https://'],
    ['^s3://', 'a URI starting with s3://'],
    ['^[A-Za-z0-9_.-]+$', 'only letters, digits, "_", "." and "-"'],
  ])('describePattern(%s)', (pattern, words) => {
    expect(describePattern(pattern)?.text).toBe(words);
  });
});
