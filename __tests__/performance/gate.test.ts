import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/gate/index.js';
import type { GateConfig } from '../../src/gate/config.js';
import type { PerformanceCheckConfig } from '../../src/performance/config.js';
import type { JoinedLog } from '../../src/performance/join.js';
import type { MetricsResult } from '../../src/metrics/types.js';
import { series } from '../gate/helpers.js';
import { binaryLog, CURRENT, REFERENCE } from './helpers.js';

const trigger = {
  kind: 'schedule',
  event: 'schedule',
  reason: 'scheduled run',
  forced: false,
  inputs: {},
} as const;

function metricsOf(log: JoinedLog, drift?: { cur: number[]; ref: number[] }): MetricsResult {
  return {
    source: 'predictions',
    queries: [],
    current: {
      name: 'current',
      range: CURRENT,
      series: drift ? { x: series('x', drift.cur, CURRENT.start) } : {},
    },
    reference: {
      name: 'reference',
      range: REFERENCE,
      series: drift ? { x: series('x', drift.ref, REFERENCE.start) } : {},
    },
    predictions: log,
    points: {},
    warnings: [],
  };
}

function gateOf(
  performance: PerformanceCheckConfig[],
  extra: Partial<GateConfig> = {},
): GateConfig {
  return { min_samples: 30, on_warn: 'report', dry_run: false, checks: [], performance, ...extra };
}

function run(config: GateConfig, m: MetricsResult) {
  return evaluateGate(config, {
    metrics: m,
    trigger,
    forced: false,
    dryRun: false,
    championAgeMs: 1000,
  });
}

describe('performance checks in the gate', () => {
  it('a 10-point accuracy drop beyond noise alerts and retrains', () => {
    const log = binaryLog({
      reference: { n: 14_000, accuracy: 0.9 },
      current: { n: 2000, accuracy: 0.8 },
    });
    const r = run(gateOf([{ metric: 'accuracy' }]), metricsOf(log));
    expect(r.severity).toBe('alert');
    expect(r.decision).toBe('retrain');
    const c = r.checks[0]!;
    expect(c.statistic).toBe('accuracy');
    expect(c.note).toMatch(/dropped 0\.\d+ from the reference 0\.9\d*, beyond noise \(p = /);
    expect(r.performance?.checks[0]?.current.ci).toBeDefined();
    expect(r.performance?.checks[0]?.current.method).toBe('wilson');
  });

  it('no change: ok, with the reference and the p-value in the report', () => {
    const log = binaryLog({
      reference: { n: 14_000, accuracy: 0.9 },
      current: { n: 2000, accuracy: 0.9 },
      seed: 3,
    });
    const r = run(
      gateOf([{ metric: 'accuracy' }, { metric: 'roc_auc' }, { metric: 'f1' }]),
      metricsOf(log),
    );
    expect(r.checks.map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    expect(r.decision).toBe('skip');
    expect(r.performance?.checks[1]?.current.method).toBe('delong');
    expect(r.performance?.join.joined).toBe(16_000);
  });

  it('coverage below the level is insufficient, in the words of the issue', () => {
    const log = binaryLog({
      reference: { n: 7000, accuracy: 0.9 },
      current: { n: 2000, accuracy: 0.9, coverage: 0.38 },
      seed: 5,
    });
    const cov = log.labelled.slice(-2000).reduce((s, v) => s + v, 0) / 2000;
    const r = run(gateOf([{ metric: 'accuracy', min_coverage: 0.6 }]), metricsOf(log));
    expect(r.severity).toBe('insufficient');
    expect(r.checks[0]!.note).toBe(
      `labels for ${Math.round(cov * 100)} % of the window so far (need 60 %)`,
    );
  });

  it('fewer labelled predictions than min_labelled is insufficient', () => {
    const log = binaryLog({
      reference: { n: 7000, accuracy: 0.9 },
      current: { n: 200, accuracy: 0.5 },
    });
    const r = run(gateOf([{ metric: 'accuracy' }]), metricsOf(log));
    expect(r.checks[0]!.status).toBe('insufficient');
    expect(r.checks[0]!.note).toBe('200 labelled predictions in the window (need 300)');
    expect(r.decision).toBe('skip');
  });

  it('a floor: alert beyond noise, warn when only the point estimate is below', () => {
    const bad = binaryLog({ current: { n: 3000, accuracy: 0.8 } });
    expect(
      run(gateOf([{ metric: 'accuracy', floor: 0.85 }]), metricsOf(bad)).checks[0]!.status,
    ).toBe('alert');
    const near = binaryLog({ current: { n: 400, accuracy: 0.845 }, seed: 11 });
    const r = run(gateOf([{ metric: 'accuracy', floor: 0.85 }]), metricsOf(near)).checks[0]!;
    expect(['warn', 'ok']).toContain(r.status);
    if (r.value! < 0.85) expect(r.status).toBe('warn');
  });

  it('max_drop: a significant drop smaller than max_drop does not alert', () => {
    const log = binaryLog({
      reference: { n: 70_000, accuracy: 0.9 },
      current: { n: 10_000, accuracy: 0.88 },
    });
    expect(run(gateOf([{ metric: 'accuracy' }]), metricsOf(log)).checks[0]!.status).toBe('alert');
    expect(
      run(gateOf([{ metric: 'accuracy', max_drop: 0.05 }]), metricsOf(log)).checks[0]!.status,
    ).toBe('ok');
  });

  it('auto thresholds from the reference chunks', () => {
    const log = binaryLog({
      reference: { n: 14_000, accuracy: 0.9 },
      current: { n: 2000, accuracy: 0.8 },
    });
    const r = run(gateOf([{ metric: 'accuracy', thresholds: 'auto' }]), metricsOf(log));
    expect(r.checks[0]!.status).toBe('alert');
    expect(r.performance?.checks[0]?.limits?.chunks).toBe(7);
  });

  it('segments: the bad segment is found, Benjamini–Hochberg across them, worst first', () => {
    const countries = ['de', 'fr', 'it', 'es', 'nl'];
    const log = binaryLog({
      reference: { n: 14_000, accuracy: 0.9 },
      current: {
        n: 5000,
        accuracy: 0.9,
        segment: (i) => countries[i % 5]!,
        segAccuracy: (s) => (s === 'fr' ? 0.75 : 0.9),
      },
    });
    // The reference has no per-country rows (all "all"): each segment is compared with the floor.
    const r = run(
      gateOf([{ metric: 'accuracy', segment: 'country', floor: 0.85 }]),
      metricsOf(log),
    );
    const seg = r.performance!.checks[0]!.segment!;
    expect(seg.worst[0]!.value).toBe('fr');
    expect(seg.worst[0]!.discovery).toBe(true);
    expect(seg.worst.filter((s) => s.discovery).map((s) => s.value)).toEqual(['fr']);
    expect(r.checks[0]!.status).toBe('alert');
  });

  it('decide_on performance: drift alone is reported, not acted on', () => {
    const log = binaryLog({
      reference: { n: 14_000, accuracy: 0.9 },
      current: { n: 2000, accuracy: 0.9 },
      seed: 3,
    });
    const cur = Array.from({ length: 2000 }, (_, i) => 5 + (i % 10));
    const ref = Array.from({ length: 2000 }, (_, i) => i % 10);
    const drift = metricsOf(log, { cur, ref });
    const checks = [{ series: 'x', statistic: 'psi', warn: 0.1, alert: 0.2 }];
    const all = run(gateOf([{ metric: 'accuracy' }], { checks }), drift);
    expect(all.decision).toBe('retrain');
    const perfOnly = run(
      gateOf([{ metric: 'accuracy' }], { checks, decide_on: 'performance' }),
      drift,
    );
    expect(perfOnly.checks.find((c) => c.series === 'x')!.status).toBe('alert');
    expect(perfOnly.decision).toBe('skip');
    expect(perfOnly.reasons.join('\n')).toContain('is reported, not acted on');
  });

  it('a metric that needs scores on a log without them is a configuration error', () => {
    const log = { ...binaryLog({ current: { n: 400, accuracy: 0.9 } }), scoreWidth: 0 };
    expect(() => run(gateOf([{ metric: 'roc_auc', floor: 0.7 }]), metricsOf(log))).toThrow(
      /needs the model's scores; set metrics.predictions.score_column/,
    );
  });
});
