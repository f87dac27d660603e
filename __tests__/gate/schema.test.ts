import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../src/config/validate-schema.js';
import { gateSchema, type GateConfig } from '../../src/gate/config.js';

const validate = compileSchema<GateConfig>(gateSchema);
const check = (extra: object) => ({ checks: [{ series: 'x', statistic: 'psi', ...extra }] });

describe('gate schema', () => {
  it.each<[string, object]>([
    [
      'the foundation form',
      { checks: [{ series: 'acc', statistic: 'mean', direction: 'below', warn: 0.8, alert: 0.7 }] },
    ],
    [
      'percentiles',
      { checks: [{ series: 'lat', statistic: 'p99.9', direction: 'above', alert: 800 }] },
    ],
    [
      'pct_change of an aggregate',
      { checks: [{ series: 'acc', statistic: 'pct_change', of: 'p50', warn: -5, alert: -10 }] },
    ],
    [
      'distribution checks with options',
      check({ bins: 20, alpha: 0.01, significance: false, min_samples: 500 }),
    ],
    ['persistence', check({ persistence: { windows: 6, breaches: 4 } })],
    [
      'gate-level policy',
      {
        ...check({}),
        alpha: 0.01,
        correction: 'none',
        distribution_min_samples: 200,
        full_power_samples: 5000,
        critical_series: ['score'],
        drift_share: 0.3,
        max_model_age: '30d',
        dry_run: true,
      },
    ],
  ])('accepts %s', (_label, value) => {
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it('fills the documented defaults', () => {
    const v = { checks: [{ series: 'x', statistic: 'mean', alert: 1 }] };
    expect(validate(v)).toBe(true);
    expect(v).toMatchObject({ min_samples: 30, on_warn: 'report', dry_run: false });
  });

  it.each<[string, object]>([
    ['an unknown statistic', check({ statistic: 'avg' })],
    ['an unknown key', check({ threshold: 1 })],
    ['pct_change of a distribution statistic', check({ statistic: 'pct_change', of: 'psi' })],
    ['one bin', check({ bins: 1 })],
    ['alpha of 1', check({ alpha: 1 })],
    ['persistence without breaches', check({ persistence: { windows: 3 } })],
    ['a drift share of 0', { ...check({}), drift_share: 0 }],
    ['an unknown correction', { ...check({}), correction: 'holm' }],
  ])('rejects %s', (_label, value) => {
    expect(validate(value)).toBe(false);
  });
});
