import { describe, expect, it } from 'vitest';
import type { CheckConfig, GateConfig } from '../../src/gate/config.js';
import { assertGateConfig, gateConfigProblem } from '../../src/gate/validate-config.js';
import { gate } from './helpers.js';

describe('gate config rules beyond the schema', () => {
  it.each<[string, CheckConfig[], Partial<GateConfig>, (string | number)[], RegExp]>([
    [
      'aggregate without thresholds',
      [{ series: 'x', statistic: 'mean' }],
      {},
      ['gate', 'checks', 0],
      /set at least one of "warn" or "alert"/,
    ],
    [
      'raw wasserstein without thresholds',
      [{ series: 'x', statistic: 'wasserstein' }],
      {},
      ['gate', 'checks', 0],
      /own units/,
    ],
    [
      'direction on psi',
      [{ series: 'x', statistic: 'psi', direction: 'above' }],
      {},
      ['gate', 'checks', 0, 'direction'],
      /fixed side/,
    ],
    [
      'a p-value threshold above 1',
      [{ series: 'x', statistic: 'ks', alert: 5 }],
      {},
      ['gate', 'checks', 0, 'alert'],
      /between 0 and 1/,
    ],
    [
      '"of" on mean',
      [{ series: 'x', statistic: 'mean', of: 'max', alert: 1 }],
      {},
      ['gate', 'checks', 0, 'of'],
      /only to statistic pct_change/,
    ],
    [
      '"bins" on ks',
      [{ series: 'x', statistic: 'ks', bins: 20 }],
      {},
      ['gate', 'checks', 0, 'bins'],
      /only to psi, js and chi2/,
    ],
    [
      '"significance" on chi2',
      [{ series: 'x', statistic: 'chi2', significance: false }],
      {},
      ['gate', 'checks', 0, 'significance'],
      /only to psi/,
    ],
    [
      'persistence k > n',
      [{ series: 'x', statistic: 'psi', persistence: { windows: 2, breaches: 3 } }],
      {},
      ['gate', 'checks', 0, 'persistence'],
      /cannot exceed/,
    ],
    [
      'unknown critical series',
      [{ series: 'x', statistic: 'psi' }],
      { critical_series: ['y'] },
      ['gate', 'critical_series', 0],
      /"y" has no distribution check/,
    ],
    [
      'second check is the bad one',
      [
        { series: 'x', statistic: 'psi' },
        { series: 'x', statistic: 'avg', alert: 1 },
      ],
      {},
      ['gate', 'checks', 1, 'statistic'],
      /not a known statistic/,
    ],
    [
      'NaN alert',
      [{ series: 'x', statistic: 'mean', alert: NaN }],
      {},
      ['gate', 'checks', 0, 'alert'],
      /NaN is not a finite number/,
    ],
    [
      'Infinity warn',
      [{ series: 'x', statistic: 'psi', warn: Infinity }],
      {},
      ['gate', 'checks', 0, 'warn'],
      /Infinity is not a finite number/,
    ],
    [
      'negative psi level',
      [{ series: 'x', statistic: 'psi', warn: -0.1 }],
      {},
      ['gate', 'checks', 0, 'warn'],
      /negative/,
    ],
    [
      'inverted psi levels',
      [{ series: 'x', statistic: 'psi', warn: 0.25, alert: 0.1 }],
      {},
      ['gate', 'checks', 0, 'alert'],
      /inverted: psi is worse when higher, so alert must be at or above warn/,
    ],
    [
      'inverted p-value levels',
      [{ series: 'x', statistic: 'ks', warn: 0.001, alert: 0.05 }],
      {},
      ['gate', 'checks', 0, 'alert'],
      /inverted: ks is worse when lower/,
    ],
    [
      'inverted levels below',
      [{ series: 'x', statistic: 'mean', warn: 0.8, alert: 0.9 }],
      {},
      ['gate', 'checks', 0, 'alert'],
      /direction below\) is worse when lower/,
    ],
    [
      'inverted levels above',
      [{ series: 'x', statistic: 'p95', direction: 'above', warn: 900, alert: 800 }],
      {},
      ['gate', 'checks', 0, 'alert'],
      /direction above\) is worse when higher/,
    ],
    [
      'thresholds: auto with levels',
      [{ series: 'x', statistic: 'psi', thresholds: 'auto', alert: 0.2 }],
      {},
      ['gate', 'checks', 0, 'thresholds'],
      /remove "warn"\/"alert"/,
    ],
    [
      'thresholds on an aggregate',
      [{ series: 'x', statistic: 'mean', thresholds: 'auto' }],
      {},
      ['gate', 'checks', 0, 'thresholds'],
      /applies only to psi/,
    ],
    [
      'min_effect on psi',
      [{ series: 'x', statistic: 'psi', min_effect: 0.1 }],
      {},
      ['gate', 'checks', 0, 'min_effect'],
      /only to ks and chi2/,
    ],
    [
      'NaN gate alpha',
      [{ series: 'x', statistic: 'psi' }],
      { alpha: NaN },
      ['gate', 'alpha'],
      /not a finite number/,
    ],
    [
      'negative auto level',
      [{ series: 'x', statistic: 'psi' }],
      { auto_thresholds: { warn: -1 } },
      ['gate', 'auto_thresholds', 'warn'],
      /not a positive number/,
    ],
    [
      'inverted auto levels',
      [{ series: 'x', statistic: 'psi' }],
      { auto_thresholds: { warn: 4, alert: 3 } },
      ['gate', 'auto_thresholds', 'alert'],
      /below warn/,
    ],
  ])('%s', (_label, checks, extra, path, message) => {
    const p = gateConfigProblem(gate(checks, extra));
    expect(p?.path).toEqual(path);
    expect(p?.message).toMatch(message);
    expect(() => assertGateConfig(gate(checks, extra))).toThrow(
      /^gate\.(checks\[\d\]|critical_series\[0\]|alpha|auto_thresholds)/,
    );
  });

  it.each<[string, CheckConfig[]]>([
    [
      'psi, js, wasserstein_normed, missing_rate, scale, location, ks, chi2 without thresholds',
      ['psi', 'js', 'wasserstein_normed', 'missing_rate', 'scale', 'location', 'ks', 'chi2'].map(
        (statistic) => ({
          series: 'x',
          statistic,
        }),
      ),
    ],
    [
      'aggregates with one threshold',
      [
        { series: 'x', statistic: 'p95', direction: 'above', alert: 1 },
        { series: 'x', statistic: 'pct_change', of: 'mean', warn: -5 },
      ],
    ],
    [
      'raw wasserstein with thresholds: auto',
      [{ series: 'x', statistic: 'wasserstein', thresholds: 'auto' }],
    ],
  ])('accepts %s', (_label, checks) => {
    const critical = checks.some((c) => c.statistic === 'psi') ? { critical_series: ['x'] } : {};
    expect(gateConfigProblem(gate(checks, critical))).toBeNull();
  });
});
