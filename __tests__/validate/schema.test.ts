import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../src/config/validate-schema.js';
import { validateSchema, type ValidateConfig } from '../../src/validate/config.js';

const validate = compileSchema<ValidateConfig>(validateSchema);

describe('validate schema', () => {
  it('fills defaults: enforce mode, no significance test at 0.05 with 2000 seeded resamples', () => {
    const data: unknown = { primary: 'accuracy', metrics: { accuracy: { direction: 'higher' } } };
    expect(validate(data)).toBe(true);
    expect(data).toMatchObject({
      mode: 'enforce',
      significance: { test: 'none', level: 0.05, required: false, resamples: 2000, seed: 1 },
    });
  });

  it.each([
    ['unknown metric key', { primary: 'a', metrics: { a: { direction: 'higher', minimum: 1 } } }],
    [
      'negative min_change',
      { primary: 'a', metrics: { a: { direction: 'higher', min_change: -1 } } },
    ],
    ['unknown mode', { primary: 'a', mode: 'audit', metrics: { a: { direction: 'higher' } } }],
    [
      'level out of (0, 1)',
      { primary: 'a', metrics: { a: { direction: 'higher' } }, significance: { level: 1 } },
    ],
    [
      'unknown test',
      { primary: 'a', metrics: { a: { direction: 'higher' } }, significance: { test: 'ttest' } },
    ],
    [
      'too few resamples',
      { primary: 'a', metrics: { a: { direction: 'higher' } }, significance: { resamples: 10 } },
    ],
  ])('rejects %s', (_name, data) => {
    expect(validate(data)).toBe(false);
  });
});
