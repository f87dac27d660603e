/**
 * gate-quality: how often the gate's default policy retrains, warns and says "insufficient" on
 * simulated production windows, side by side with Evidently's default rule and a mean
 * threshold monitor on the same windows (bench/gate-quality-sim.ts). One case per
 * (scenario, n); its line carries the fields (retrain_rate, warn_rate,
 * insufficient_rate, retrain_ci as a 95 % Wilson interval, evidently_rate, monitor_rate,
 * replicates).
 *
 * Environment: GATE_QUALITY_REPLICATES (default 100; n = 100 000 runs a tenth of them),
 * GATE_QUALITY_N and GATE_QUALITY_SCENARIOS (comma lists) to run part of the grid,
 * GATE_QUALITY_SEED (default 1).
 */
import type { GateConfig } from '../src/gate/config.js';
import { evaluateGate } from '../src/gate/index.js';
import type { Trigger } from '../src/trigger/types.js';
import type { Bench, BenchCase } from './harness.js';
import {
  evidentlyDrift,
  monitorDrift,
  Rng,
  SCENARIOS,
  simulate,
  SIZES_N,
  wilson,
  type Scenario,
} from './gate-quality-sim.js';

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const scenarios = (list(process.env.GATE_QUALITY_SCENARIOS) ?? [...SCENARIOS]) as Scenario[];
const ns = (list(process.env.GATE_QUALITY_N) ?? SIZES_N.map(String)).map(Number);
const replicates = Number(process.env.GATE_QUALITY_REPLICATES ?? 100);
const seed = Number(process.env.GATE_QUALITY_SEED ?? 1);

const trigger: Trigger = {
  kind: 'schedule',
  event: 'schedule',
  reason: 'scheduled run',
  forced: false,
  inputs: {},
};

/** The default policy a user gets with one check per series and no levels set. */
export function defaultPolicy(categorical: boolean): GateConfig {
  const sigmas = {
    ...(process.env.GATE_QUALITY_WARN ? { warn: Number(process.env.GATE_QUALITY_WARN) } : {}),
    ...(process.env.GATE_QUALITY_ALERT ? { alert: Number(process.env.GATE_QUALITY_ALERT) } : {}),
  };
  return {
    min_samples: 30,
    on_warn: 'report',
    dry_run: false,
    checks: categorical
      ? [{ series: 'x', statistic: 'psi' }]
      : [
          { series: 'x', statistic: 'wasserstein_normed' },
          { series: 'x', statistic: 'scale' },
        ],
    ...(Object.keys(sigmas).length ? { auto_thresholds: sigmas } : {}),
  };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function runCase(
  scenario: Scenario,
  n: number,
  reps: number,
): Record<string, number | string | number[]> {
  let retrain = 0;
  let warn = 0;
  let insufficient = 0;
  let evidently = 0;
  let monitor = 0;
  for (let r = 0; r < reps; r++) {
    const rng = new Rng(
      (seed * 1_000_003 + n * 7919 + SCENARIOS.indexOf(scenario) * 104_729 + r) | 0,
    );
    const w = simulate(scenario, n, rng);
    const report = evaluateGate(defaultPolicy(w.categorical), {
      metrics: w.metrics,
      trigger,
      forced: false,
      dryRun: false,
      championAgeMs: 3_600_000,
    });
    if (report.decision === 'retrain') retrain++;
    else if (report.decision === 'warn') warn++;
    if (report.severity === 'insufficient') insufficient++;
    if (evidentlyDrift(w)) evidently++;
    if (monitorDrift(w)) monitor++;
  }
  return {
    bench: 'gate-quality',
    scenario,
    n,
    retrain_rate: round(retrain / reps),
    warn_rate: round(warn / reps),
    insufficient_rate: round(insufficient / reps),
    retrain_ci: wilson(retrain, reps).map(round),
    evidently_rate: round(evidently / reps),
    monitor_rate: round(monitor / reps),
    replicates: reps,
  };
}

export const benches: Bench[] = [
  {
    name: 'gate-quality',
    sizes: scenarios.flatMap((s) => ns.map((n) => `${s}/${n}`)),
    run(size): Promise<BenchCase> {
      const [scenario, nText] = String(size).split('/') as [Scenario, string];
      const n = Number(nText);
      const reps = n >= 100_000 ? Math.max(1, Math.ceil(replicates / 10)) : replicates;
      const t0 = process.hrtime.bigint();
      const line = runCase(scenario, n, reps);
      const ours_s = Number(process.hrtime.bigint() - t0) / 1e9;
      return Promise.resolve({ ours_s, peer: null, peer_s: null, extra: line });
    },
  },
];
