/**
 * Estimated performance checks in the gate (gate.performance with source: estimated): a window
 * without labels judged from the model's calibrated confidence, next to the realized check
 * that cannot judge it yet; unreliable estimates never pass and never retrain.
 */
import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/gate/index.js';
import type { GateConfig } from '../../src/gate/config.js';
import type { MetricsResult } from '../../src/metrics/types.js';
import type { PerformanceCheckConfig } from '../../src/performance/config.js';
import { mulberry32 } from '../../src/performance/intervals.js';
import { LogJoin, type JoinedLog } from '../../src/performance/join.js';
import { CURRENT, HOUR, REFERENCE } from './helpers.js';

const trigger = {
  kind: 'schedule',
  event: 'schedule',
  reason: 'scheduled run',
  forced: false,
  inputs: {},
} as const;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * A calibrated binary model, P(churn | x) = σ(2x): the reference (7 days, labelled) has
 * x ~ N(0, 1); the current day has x ~ N(shift, scale²) and no labels yet. `score` may
 * replace the model's score (a model gone wrong).
 */
function churnLog(opts: {
  n?: number;
  shift?: number;
  scale?: number;
  refLabelled?: number;
  score?: (x: number) => number;
}): JoinedLog {
  const rand = mulberry32(3);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const join = new LogJoin({
    task: 'binary',
    span: { start: REFERENCE.start, end: CURRENT.end },
    scoreWidth: 1,
    segments: [],
    duplicateLabels: 'latest',
    positive: 'churn',
  });
  join.classCode('churn');
  join.classCode('stay');
  const churn = 0;
  const stay = 1;
  let id = 0;
  const add = (
    range: typeof CURRENT,
    n: number,
    shift: number,
    scale: number,
    labelled: number,
  ) => {
    for (let i = 0; i < n; i++) {
      const t = range.start + ((range.end - range.start) * i) / n;
      const x = shift + scale * normal();
      const p = (range === CURRENT && opts.score ? opts.score : (v: number) => sigmoid(2 * v))(x);
      join.addPrediction(id, t, p > 0.5 ? churn : stay, [p], [], id + 2);
      if (i < labelled) join.addLabel(id, rand() < sigmoid(2 * x) ? churn : stay, t + HOUR, id + 2);
      id++;
    }
  };
  const n = opts.n ?? 1000;
  add(REFERENCE, 7 * n, 0, 1, opts.refLabelled ?? 7 * n);
  add(CURRENT, n, opts.shift ?? 0, opts.scale ?? 1, 0);
  return join.result();
}

function metricsOf(log: JoinedLog): MetricsResult {
  return {
    source: 'predictions',
    queries: [],
    current: { name: 'current', range: CURRENT, series: {} },
    reference: { name: 'reference', range: REFERENCE, series: {} },
    predictions: log,
    points: {},
    warnings: [],
  };
}

function gate(performance: PerformanceCheckConfig[], extra: Partial<GateConfig> = {}) {
  const config: GateConfig = {
    min_samples: 30,
    on_warn: 'report',
    dry_run: false,
    checks: [],
    performance,
    ...extra,
  };
  return (log: JoinedLog) =>
    evaluateGate(config, {
      metrics: metricsOf(log),
      trigger,
      forced: false,
      dryRun: false,
      championAgeMs: 1000,
    });
}

const estimated = (c: Partial<PerformanceCheckConfig> = {}): PerformanceCheckConfig => ({
  metric: 'accuracy',
  source: 'estimated',
  ...c,
});

describe('estimated performance checks in the gate', () => {
  it('a shift towards the boundary: estimated accuracy alerts while the realized check waits for labels', () => {
    const r = gate([estimated({ max_drop: 0.02 }), { metric: 'accuracy' }], {
      decide_on: 'performance',
    })(churnLog({ n: 2000, shift: 0.1, scale: 0.6 }));
    const [est, real] = r.checks;
    expect(est!.status).toBe('alert');
    expect(est!.note).toMatch(
      /estimated accuracy 0\.\d+ \[0\.\d+, 0\.\d+\] is below 0\.\d+ \(reference drop\) beyond its interval/,
    );
    expect(est!.detail).toMatchObject({ source: 'estimated', verdict: 'judged' });
    expect(real!.status).toBe('insufficient');
    expect(real!.note).toMatch(/labels for 0 %/);
    expect(r.decision).toBe('retrain');
    const report = r.performance!.checks[0]!;
    expect(report.source).toBe('estimated');
    expect(report.estimate!.reliability.reliable).toBe(true);
  });

  it('no shift: ok, with its interval and the reference value', () => {
    const r = gate([estimated({ floor: 0.7 })])(churnLog({}));
    expect(r.checks[0]!.status).toBe('ok');
    expect(r.checks[0]!.detail).toMatchObject({ verdict: 'judged' });
    expect(r.checks[0]!.detail!.ci_low).toBeLessThan(r.checks[0]!.value!);
    expect(r.decision).toBe('skip');
  });

  it('unreliable (ATC and the estimate disagree): insufficient with the reason, never ok, never a retrain', () => {
    // Every current score at 0.8: the model says "80 % sure" of everything.
    const r = gate([estimated({ floor: 0.99 })], { on_warn: 'retrain' })(
      churnLog({ score: () => 0.8 }),
    );
    expect(r.checks[0]!.status).toBe('insufficient');
    expect(r.checks[0]!.note).toMatch(
      /^unreliable: estimated accuracy .* cannot be trusted \(it would read below 0\.990.*ATC puts accuracy at/,
    );
    expect(r.checks[0]!.detail).toMatchObject({ verdict: 'unreliable' });
    expect(r.decision).not.toBe('retrain');
  });

  it.each([
    [
      'a reference whose labels have not arrived',
      { refLabelled: 0 },
      /no labelled predictions yet/,
    ],
    [
      'a reference with too few labels',
      { refLabelled: 80 },
      /80 labelled predictions in the reference window; calibration needs at least 100/,
    ],
    [
      'a window too small',
      { n: 200 },
      /200 predictions in the current window; an estimate needs at least 300/,
    ],
  ] as const)('%s: insufficient, in words', (_, opts, reason) => {
    const r = gate([estimated({ floor: 0.7 })])(churnLog(opts));
    expect(r.checks[0]!.status).toBe('insufficient');
    expect(r.checks[0]!.note).toMatch(reason);
  });

  it.each([
    [
      'a metric that cannot be estimated',
      estimated({ metric: 'log_loss', floor: 0.5 }),
      /log_loss cannot be estimated without labels.*estimable: accuracy, precision, recall, f1, roc_auc/,
    ],
    ['a segment', estimated({ segment: 'country', floor: 0.5 }), /segment/],
  ] as const)('%s is a configuration error', (_, check, message) => {
    expect(() => gate([check])(churnLog({}))).toThrow(message);
  });

  it('scores that are not probabilities are refused naming the column setting', () => {
    expect(() => gate([estimated({ floor: 0.7 })])(churnLog({ score: (x) => 2 * x }))).toThrow(
      /metrics\.predictions\.score_column: a score of .* must be probabilities in \[0, 1\]/,
    );
  });
});
