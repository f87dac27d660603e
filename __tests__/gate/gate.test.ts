import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { CheckConfig } from '../../src/gate/config.js';
import { evaluateGate } from '../../src/gate/index.js';
import type { Severity } from '../../src/gate/types.js';
import { gate, input, metrics, range, series } from './helpers.js';

const DAY = 86_400_000;
/** 100 samples with mean 0.9 (0.85 … 0.95). */
const acc = series(
  'accuracy',
  range(101, (i) => 0.85 + i * 0.001),
);

describe('threshold checks', () => {
  it.each<[string, CheckConfig, Severity, number | null]>([
    [
      'mean above warn: ok',
      { series: 'accuracy', statistic: 'mean', warn: 0.88, alert: 0.8 },
      'ok',
      0.9,
    ],
    [
      'mean below warn: warn',
      { series: 'accuracy', statistic: 'mean', warn: 0.91, alert: 0.8 },
      'warn',
      0.9,
    ],
    [
      'mean below alert: alert',
      { series: 'accuracy', statistic: 'mean', warn: 0.95, alert: 0.91 },
      'alert',
      0.9,
    ],
    [
      'strict: equal is no breach',
      { series: 'accuracy', statistic: 'min', alert: 0.85 },
      'ok',
      0.85,
    ],
    ['min below', { series: 'accuracy', statistic: 'min', alert: 0.86 }, 'alert', 0.85],
    [
      'max above (direction above)',
      { series: 'accuracy', statistic: 'max', direction: 'above', warn: 0.94 },
      'warn',
      0.95,
    ],
    ['p10 below', { series: 'accuracy', statistic: 'p10', warn: 0.87 }, 'warn', 0.86],
    ['median', { series: 'accuracy', statistic: 'median', alert: 0.9 }, 'ok', 0.9],
    [
      'last',
      { series: 'accuracy', statistic: 'last', direction: 'above', alert: 0.94 },
      'alert',
      0.95,
    ],
    ['count below', { series: 'accuracy', statistic: 'count', warn: 200 }, 'warn', 101],
    [
      'alert only, warn unset',
      { series: 'accuracy', statistic: 'mean', alert: 0.95 },
      'alert',
      0.9,
    ],
    [
      'per-check min_samples',
      { series: 'accuracy', statistic: 'mean', alert: 0.95, min_samples: 500 },
      'insufficient',
      0.9,
    ],
    ['empty series', { series: 'empty', statistic: 'mean', alert: 1 }, 'insufficient', null],
  ])('%s', (_label, check, status, value) => {
    const r = evaluateGate(gate([check]), input(metrics([acc, series('empty', [])])));
    const c = r.checks[0]!;
    expect(c.status).toBe(status);
    if (value === null) expect(c.value).toBeNull();
    else expect(c.value).toBeCloseTo(value, 12);
    expect(r.severity).toBe(status);
  });

  it('a series the metrics source did not return is a config error naming what it did return', () => {
    const check: CheckConfig = { series: 'latency', statistic: 'mean', alert: 1 };
    expect(() => evaluateGate(gate([check]), input(metrics([acc])))).toThrow(
      new UserError(
        'gate.checks[0].series: "latency" is not a series of the metrics source (test: "accuracy"); add it to metrics.series or fix the name',
      ),
    );
  });

  it('never alerts on a window thinner than min_samples, and counts ignored samples', () => {
    const thin = series('accuracy', [0.1, 0.2, NaN, Infinity, ...range(27, () => 0.1)]);
    const r = evaluateGate(
      gate([{ series: 'accuracy', statistic: 'mean', alert: 0.5 }]),
      input(metrics([thin])),
    );
    const c = r.checks[0]!;
    expect(c.status).toBe('insufficient');
    expect(c.samples.current).toBe(29);
    expect(c.detail).toMatchObject({ nan: 1, inf: 1 });
    expect(r.decision).toBe('skip');
  });

  it.each<[string, number, number | undefined, Severity, number | null]>([
    ['5% drop warns', 0.95 * 0.9, -10, 'warn', -5],
    ['11% drop alerts', 0.89 * 0.9, -10, 'alert', -11],
    ['a rise is ok', 1.0, -10, 'ok', 100 / 9],
  ])('pct_change: %s', (_label, curMean, alert, status, pct) => {
    const ref = series(
      'accuracy',
      range(100, () => 0.9),
    );
    const cur = series(
      'accuracy',
      range(100, () => curMean),
    );
    const check: CheckConfig = { series: 'accuracy', statistic: 'pct_change', warn: -4, alert };
    const c = evaluateGate(gate([check]), input(metrics([cur], [ref]))).checks[0]!;
    expect(c.status).toBe(status);
    expect(c.value).toBeCloseTo(pct ?? NaN, 9);
    expect(c.samples).toEqual({ current: 100, reference: 100 });
  });

  it.each([
    ['no reference window', undefined],
    [
      'reference mean 0',
      [
        series(
          'accuracy',
          range(100, () => 0),
        ),
      ],
    ],
    [
      'thin reference',
      [
        series(
          'accuracy',
          range(10, () => 0.9),
        ),
      ],
    ],
  ])('pct_change is insufficient with %s', (_label, ref) => {
    const cur = series(
      'accuracy',
      range(100, () => 0.5),
    );
    const check: CheckConfig = { series: 'accuracy', statistic: 'pct_change', alert: -10 };
    const c = evaluateGate(gate([check]), input(metrics([cur], ref))).checks[0]!;
    expect(c.status).toBe('insufficient');
    expect(c.value).toBeNull();
  });
});

describe('decision', () => {
  const ok: CheckConfig = { series: 'accuracy', statistic: 'mean', warn: 0.5, alert: 0.4 };
  const warn: CheckConfig = { series: 'accuracy', statistic: 'mean', warn: 0.95, alert: 0.4 };
  const alert: CheckConfig = { series: 'accuracy', statistic: 'mean', warn: 0.99, alert: 0.95 };
  const thin: CheckConfig = { ...alert, min_samples: 1000 };
  const m = metrics([acc]);

  it.each<
    [
      string,
      CheckConfig[],
      Partial<Parameters<typeof gate>[1]>,
      Partial<Parameters<typeof input>[1]>,
      string,
      Severity,
      RegExp,
    ]
  >([
    ['all ok → skip', [ok], {}, {}, 'skip', 'ok', /^skip: all 1 check ok/],
    ['warn → warn', [ok, warn], {}, {}, 'warn', 'warn', /^warn: 1 of 2 checks warn/],
    ['warn with on_warn issue → warn', [warn], { on_warn: 'issue' }, {}, 'warn', 'warn', /^warn:/],
    [
      'warn with on_warn retrain → retrain',
      [warn],
      { on_warn: 'retrain' },
      {},
      'retrain',
      'warn',
      /on_warn is "retrain"/,
    ],
    ['alert → retrain', [warn, alert], {}, {}, 'retrain', 'alert', /^retrain: 1 of 2 checks alert/],
    ['insufficient → skip', [thin], {}, {}, 'skip', 'insufficient', /insufficient data/],
    ['insufficient beats ok', [ok, thin], {}, {}, 'skip', 'insufficient', /^skip/],
    [
      'forced → retrain',
      [ok],
      {},
      { forced: true },
      'retrain',
      'ok',
      /^retrain: forced \(scheduled run\)$/,
    ],
    [
      'cold start → retrain',
      [ok],
      {},
      { championAgeMs: null },
      'retrain',
      'ok',
      /^retrain: no model published yet$/,
    ],
    [
      'model too old → retrain',
      [ok],
      { max_model_age: '30d' },
      { championAgeMs: 31 * DAY },
      'retrain',
      'ok',
      /^retrain: model older than 30d \(published 31d ago\)$/,
    ],
    [
      'model young enough → skip',
      [ok],
      { max_model_age: '30d' },
      { championAgeMs: 29 * DAY },
      'skip',
      'ok',
      /^skip/,
    ],
    [
      'max_model_age in seconds',
      [ok],
      { max_model_age: 3600 },
      { championAgeMs: 3601_000 },
      'retrain',
      'ok',
      /older than 1h/,
    ],
    [
      'dry run on alert → skip',
      [alert],
      {},
      { dryRun: true },
      'skip',
      'alert',
      /^dry run: the decision would be "retrain"/,
    ],
    [
      'dry run when forced → skip',
      [ok],
      {},
      { dryRun: true, forced: true },
      'skip',
      'ok',
      /^dry run/,
    ],
    [
      'dry run on cold start → skip',
      [ok],
      {},
      { dryRun: true, championAgeMs: null },
      'skip',
      'ok',
      /^dry run/,
    ],
  ])('%s', (_label, checks, cfg, inp, decision, severity, reason) => {
    const r = evaluateGate(gate(checks, cfg), input(m, inp));
    expect(r.decision).toBe(decision);
    expect(r.severity).toBe(severity);
    expect(r.reasons[0]).toMatch(reason);
    for (const line of r.reasons) expect(line).not.toContain('\n');
    expect(r.forced).toBe(inp?.forced ?? false);
    expect(r.dryRun).toBe(inp?.dryRun ?? false);
  });

  it('lists each breaching check on its own line', () => {
    const r = evaluateGate(gate([ok, warn, alert]), input(m));
    expect(r.reasons).toContain('warn: accuracy mean = 0.9 < 0.95 (warn threshold)');
    expect(r.reasons).toContain('alert: accuracy mean = 0.9 < 0.95 (alert threshold)');
  });

  it('rejects an unknown statistic with the field named', () => {
    expect(() =>
      evaluateGate(gate([{ series: 'accuracy', statistic: 'avg', alert: 1 }]), input(m)),
    ).toThrow(/gate\.checks\[0\]\.statistic: "avg"/);
  });
});
